// SPDX-License-Identifier: GPL-2.0-or-later
// Dofloo: rules learnt from the training corpus by signatures/tools/learn-rules.py
// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.

rule IoT_Dofloo_1 : elf learned
{
  meta:
    family = "Dofloo"
    variant = "v1"
    severity = "high"
    description = "Dofloo malware (16 strings learnt from samples, variant v1): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.dofloo"
    generated_by = "iotguard db learn"
    generated_from = "22 samples of Dofloo, 7 of 16 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "0fdc747cc18da1d21cf8918f454ee31de44393c35997770849d6a77acaf12222"
    sample_2 = "175375a831567c1f1cc372fffd005c88baec33e3b1980ad2ce1e1f5e154f23a2"
    sample_3 = "1a7afa9672ad6b30bd86d24baface01cd7dec08718f133f18115dfddac11add1"
  strings:
    $s1 = "sed -i -e '2 i%s/%s' /etc/rc.local"
    $s2 = "sed -i -e '/%s/d' /etc/rc.local"
    $s3 = "Accept: image/gif, image/x-xbitmap, image/jpeg, image/pjpeg, application/x-shockwave-flash, application/vnd.ms-excel, applicatio"
    $s4 = "Accept: text/html, application/xhtml+xml, */*"
    $s5 = "DCLJDC6rDCM>DCL4DC%DDCH&DCL'DC6qDCL<DCH1DCH,DCH%DCM"
    $s6 = "User-Agent: Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; WOW64; Trident/6.0)"
    $s7 = "VERSONEX:Linux-%s|%d|%d MHz|%dMB|%dMB|%s"
    $s8 = "sed -i -e '2 i%s/%s start' /etc/init.d/boot.local"
    $s9 = "sed -i -e '2 i%s/%s start' /etc/rc.d/rc.local"
    $s10 = "/etc/sysconfig/32bit_ssse3_memcpy_via_32bit_ssse3_memmove"
    $s11 = "create socket error...%s"
    $s12 = "Accept-Language: zh-CN"
    $s13 = "Accept-Language: zh-cn"
    $s14 = "GLIBC_PTHREAD_STACKSIZE"
    $s15 = "device subnetMask: %s"
    $s16 = "setsockopt error...%d"
  condition:
    uint32(0) == 0x464c457f and filesize < 7480192 and 7 of them
}
