// SPDX-License-Identifier: GPL-2.0-or-later
// Gafgyt: rules learnt from the training corpus by signatures/tools/learn-rules.py
// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.

rule IoT_Gafgyt_1 : elf learned
{
  meta:
    family = "Gafgyt"
    variant = "v1"
    severity = "high"
    description = "Gafgyt malware (16 strings learnt from samples, variant v1): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.bashlite"
    generated_by = "iotguard db learn"
    generated_from = "103 samples of Gafgyt, 2 of 16 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "0024c4398c0f028147f0372ae7cb87158ce8a478640dad4dddbaf698fb325a46"
    sample_2 = "056e5aa22e3505fbbddc87db8494052d165e7fc1c15f3e9789c8ac82aea4f8da"
    sample_3 = "0d11ccaefa3827a2d919b3447352cf985fc631966df3455d44fbc771684cb400"
  strings:
    $s1 = "/etc/config/resolv.conf"
    $s2 = "/etc/config/hosts"
    $s3 = "Mozilla/5.0 (Windows; U; Windows NT 6.1; rv:2.2) Gecko/20110201"
    $s4 = "Mozilla/5.0 (X11; U; Linux i686; en-US; rv:1.9.0.8) Gecko/20090327 Galeon/2.0.7"
    $s5 = "Mozilla/4.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/5.0)"
    $s6 = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; pl) Opera 11.00"
    $s7 = "Mozilla/4.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/4.0; FDM; MSIECrawler; Media Center PC 5.0)"
    $s8 = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.0; en) Opera 11.00"
    $s9 = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.0; ja) Opera 11.00"
    $s10 = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; fr) Opera 11.00"
    $s11 = "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/50.0.2661.102 Safari/537.36"
    $s12 = "Opera/9.80 (Windows NT 5.2; U; ru) Presto/2.5.22 Version/10.51"
    $s13 = "Mozilla/4.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0; FunWebProducts)"
    $s14 = "Mozilla/5.0 (Linux; Android 4.4.3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/50.0.2661.89 Mobile Safari/537.36"
    $s15 = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.6; rv:25.0) Gecko/20100101 Firefox/25.0"
    $s16 = "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/41.0.2228.0 Safari/537.36"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_Gafgyt_2 : elf learned
{
  meta:
    family = "Gafgyt"
    variant = "v2"
    severity = "high"
    description = "Gafgyt malware (11 strings learnt from samples, variant v2): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.bashlite"
    generated_by = "iotguard db learn"
    generated_from = "103 samples of Gafgyt, 4 of 11 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "0024c4398c0f028147f0372ae7cb87158ce8a478640dad4dddbaf698fb325a46"
    sample_2 = "056e5aa22e3505fbbddc87db8494052d165e7fc1c15f3e9789c8ac82aea4f8da"
    sample_3 = "0d11ccaefa3827a2d919b3447352cf985fc631966df3455d44fbc771684cb400"
  strings:
    $s1 = "SCANNER ON | OFF"
    $s2 = "wget --no-check-certificate -q -O /tmp/null "
    $s3 = "REPORT %s:%s:%s"
    $s4 = "GETLOCALIP"
    $s5 = "KILLATTK"
    $s6 = "/usr/sbin/dropbear"
    $s7 = "REMOVING PROBE"
    $s8 = "BUILD %s"
    $s9 = "tftp1.sh"
    $s10 = "tftp2.sh"
    $s11 = "LOLNOGTFO"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 4 of them
}

rule IoT_Gafgyt_3 : elf learned
{
  meta:
    family = "Gafgyt"
    variant = "v3"
    severity = "high"
    description = "Gafgyt malware (8 strings learnt from samples, variant v3): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.bashlite"
    generated_by = "iotguard db learn"
    generated_from = "103 samples of Gafgyt, 4 of 8 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "0024c4398c0f028147f0372ae7cb87158ce8a478640dad4dddbaf698fb325a46"
    sample_2 = "056e5aa22e3505fbbddc87db8494052d165e7fc1c15f3e9789c8ac82aea4f8da"
    sample_3 = "0d11ccaefa3827a2d919b3447352cf985fc631966df3455d44fbc771684cb400"
  strings:
    $s1 = "/usr/lib/portage"
    $s2 = "/usr/share/YaST2"
    $s3 = "[attack] sucessfully sent TCP flood to %s from %s"
    $s4 = "[attack] sucessfully sent UDP flood to %s from %s"
    $s5 = "Unknown Distro"
    $s6 = "[0;36mdemon"
    $s7 = "/etc/opkg"
    $s8 = "OpenSUSE"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 4 of them
}

rule IoT_Gafgyt_4 : elf learned
{
  meta:
    family = "Gafgyt"
    variant = "v4"
    severity = "high"
    description = "Gafgyt malware (15 strings learnt from samples, variant v4): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.bashlite"
    generated_by = "iotguard db learn"
    generated_from = "103 samples of Gafgyt, 6 of 15 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "0024c4398c0f028147f0372ae7cb87158ce8a478640dad4dddbaf698fb325a46"
    sample_2 = "056e5aa22e3505fbbddc87db8494052d165e7fc1c15f3e9789c8ac82aea4f8da"
    sample_3 = "0d11ccaefa3827a2d919b3447352cf985fc631966df3455d44fbc771684cb400"
  strings:
    $s1 = ">%s.t && cd %s && for a in `ls -a %s`; do >$a; done; >retrieve"
    $s2 = ">%s.t && cd %s ; >retrieve"
    $s3 = "Attempt - %s:%s:%s"
    $s4 = "Success - %s:%s:%s"
    $s5 = "Fail - %s:%s:%s"
    $s6 = "/dev/netslink/"
    $s7 = "Tel scan fork"
    $s8 = "7ujMko0admin"
    $s9 = "LUCKYLILDUDE"
    $s10 = "GETLOCALIP"
    $s11 = "raspberry"
    $s12 = "dreambox"
    $s13 = "smcadmin"
    $s14 = "tftp1.sh"
    $s15 = "tftp2.sh"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 6 of them
}

rule IoT_Gafgyt_5 : elf learned
{
  meta:
    family = "Gafgyt"
    variant = "v5"
    severity = "high"
    description = "Gafgyt malware (1 strings learnt from samples, variant v5): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.bashlite"
    generated_by = "iotguard db learn"
    generated_from = "103 samples of Gafgyt, 1 of 1 strings required, CPUs: X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "0024c4398c0f028147f0372ae7cb87158ce8a478640dad4dddbaf698fb325a46"
    sample_2 = "056e5aa22e3505fbbddc87db8494052d165e7fc1c15f3e9789c8ac82aea4f8da"
    sample_3 = "0d11ccaefa3827a2d919b3447352cf985fc631966df3455d44fbc771684cb400"
  strings:
    $s1 = "[0;36mMade By @flexingonlamers.. "
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and any of them
}
