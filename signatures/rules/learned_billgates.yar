// SPDX-License-Identifier: GPL-2.0-or-later
// BillGates: rules learnt from the training corpus by signatures/tools/learn-rules.py
// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.

rule IoT_BillGates_1 : elf learned
{
  meta:
    family = "BillGates"
    variant = "v1"
    severity = "high"
    description = "BillGates malware (16 strings learnt from samples, variant v1): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.billgates"
    generated_by = "iotguard db learn"
    generated_from = "61 samples of BillGates, 7 of 16 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "00c65c934d39acd0e1e48bbdc5f559eeaaa786fad02efdb29ed1ea94db644e24"
    sample_2 = "02135766a1f1c841d92e38501c7041c5b2a0c83757e498523a57d368323f578a"
    sample_3 = "0345388a2db7bf67259eaff14d7c505419ee3c675b4f1b59b5af2b261a9f87d9"
  strings:
    $s1 = "Mozilla/5.0 (|S|) AppleWebKit/537.17 (KHTML, like Gecko) Chrome/|D&23&25|.|D&0&9|.|D&1000&9000|.|D&10&99| Safari/537.17"
    $s2 = "Mozilla/5.0 (|S|; rv:18.0) Gecko/20100101 Firefox/18.0"
    $s3 = "Opera/|D&7&9|.|D&70&90| (|S|) Presto/2.|D&8&18|.|D&90&890| Version/|D&11&12|.|D&10&19|"
    $s4 = "image/jpeg, application/x-ms-application, image/gif, application/xaml+xml, image/pjpeg, application/x-ms-xbap, application/vnd.m"
    $s5 = "/proc/net/pktgen/kpktgend_%d"
    $s6 = "23CThreadKernelAtkExcutor"
    $s7 = "23CThreadNormalAtkExcutor"
    $s8 = "/proc/net/pktgen/pgctrl"
    $s9 = "/proc/net/pktgen/eth%d"
    $s10 = "ln -s /etc/init.d/%s %s"
    $s11 = "19CThreadClientStatus"
    $s12 = "19CThreadFXConnection"
    $s13 = "19CThreadShellRecycle"
    $s14 = "/usr/lib/libamplify.so"
    $s15 = "18CFakeDetectPayload"
    $s16 = "/usr/libexec/pt_chown"
  condition:
    uint32(0) == 0x464c457f and filesize < 6397908 and 7 of them
}

rule IoT_BillGates_2 : elf learned
{
  meta:
    family = "BillGates"
    variant = "v2"
    severity = "high"
    description = "BillGates malware (7 strings learnt from samples, variant v2): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.billgates"
    generated_by = "iotguard db learn"
    generated_from = "61 samples of BillGates, 3 of 7 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "00c65c934d39acd0e1e48bbdc5f559eeaaa786fad02efdb29ed1ea94db644e24"
    sample_2 = "02135766a1f1c841d92e38501c7041c5b2a0c83757e498523a57d368323f578a"
    sample_3 = "0345388a2db7bf67259eaff14d7c505419ee3c675b4f1b59b5af2b261a9f87d9"
  strings:
    $s1 = ".ndfs30_api_log_utility_file_cut_and_move"
    $s2 = "__evoke_link_warning_gethostbyname"
    $s3 = "18CThreadTaskManager"
    $s4 = "17CThreadHostStatus"
    $s5 = "13CThreadAttack"
    $s6 = "12CThreadTimer"
    $s7 = "fake.cfg"
  condition:
    uint32(0) == 0x464c457f and filesize < 9707856 and 3 of them
}
