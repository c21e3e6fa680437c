// SPDX-License-Identifier: GPL-2.0-or-later
// XorDDoS: rules learnt from the training corpus by signatures/tools/learn-rules.py
// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.

rule IoT_XorDDoS_1 : elf learned
{
  meta:
    family = "XorDDoS"
    variant = "v1"
    severity = "high"
    description = "XorDDoS malware (11 strings learnt from samples, variant v1): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.microsoft.com/en-us/security/blog/2022/05/19/rise-in-xorddos-a-deeper-look-at-the-stealthy-ddos-malware-targeting-linux-devices/"
    generated_by = "iotguard db learn"
    generated_from = "5 samples of XorDDoS, 5 of 11 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "25b3b7f3f910da8a72cfc0357e5daee4f9065b61ecdb992235264a391a891484"
    sample_2 = "37bb6f06b00906691d5d63cbc17828d152e25c8440a7b65e64120a5f43e70cbf"
    sample_3 = "42d1a53a951c417d9ecfee401060e7eb6cdc7f1eee2199fc301bc954294a94a2"
  strings:
    $s1 = "PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin:/usr/local/sbin:/usr/X11R6/bin"
    $s2 = "# chkconfig: 12345 90 90"
    $s3 = "*** stack smashing detected ***: %s terminated"
    $s4 = "User-Agent: Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.2; SV1; TencentTraveler ; .NET CLR 1.1.4322)"
    $s5 = "# Default-Start:\t1 2 3 4 5"
    $s6 = "# Short-Description:\t%s"
    $s7 = "# Required-Start:\t"
    $s8 = "# Default-Stop:\t\t"
    $s9 = "# Required-Stop:\t"
    $s10 = "# Provides:\t\t%s"
    $s11 = "glibc 2.5"
  condition:
    uint32(0) == 0x464c457f and filesize < 5262224 and 5 of them
}
