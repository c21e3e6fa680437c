// SPDX-License-Identifier: GPL-2.0-or-later
// HackTool.Scanner: rules learnt from the training corpus by signatures/tools/learn-rules.py
// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.

rule IoT_HackTool_Scanner_1 : elf learned
{
  meta:
    family = "HackTool.Scanner"
    variant = "v1"
    severity = "medium"
    description = "HackTool.Scanner malware (16 strings learnt from samples, variant v1): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1595/"
    generated_by = "iotguard db learn"
    generated_from = "22 samples of HackTool.Scanner, 2 of 16 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "1028b1aa277163de3da3bafc6bb18c80e0404c4a8e4a975e9f9f56c36fee4d53"
    sample_2 = "11861f4c57e62295bff0de1a7ddb6e3b29fc590d51cf8c999f7c1bfa05eb46c8"
    sample_3 = "1d8ab6e39edea3e169d832299bc4550b14820d875b96a1601a50fabe5b54b9f7"
  strings:
    $s1 = "A/proc/self/cwd"
    $x2 = "gwtbJuttc(gpt" xor(0x01-0xff)
    $x3 = "{b8uttc/Tpt" xor(0x01-0xff)
    $x4 = "wt`Lcarpt" xor(0x01-0xff)
    $s5 = "ASN.1 part of OpenSSL 0.9.7d 17 Mar 2004"
    $s6 = "Big Number part of OpenSSL 0.9.7d 17 Mar 2004"
    $s7 = "DSA part of OpenSSL 0.9.7d 17 Mar 2004"
    $s8 = "Diffie-Hellman part of OpenSSL 0.9.7d 17 Mar 2004"
    $s9 = "EVP part of OpenSSL 0.9.7d 17 Mar 2004"
    $s10 = "MD5 part of OpenSSL 0.9.7d 17 Mar 2004"
    $s11 = "PEM part of OpenSSL 0.9.7d 17 Mar 2004"
    $s12 = "RAND part of OpenSSL 0.9.7d 17 Mar 2004"
    $s13 = "RSA part of OpenSSL 0.9.7d 17 Mar 2004"
    $s14 = "SHA1 part of OpenSSL 0.9.7d 17 Mar 2004"
    $s15 = "Stack part of OpenSSL 0.9.7d 17 Mar 2004"
    $s16 = "lhash part of OpenSSL 0.9.7d 17 Mar 2004"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_HackTool_Scanner_2 : elf learned
{
  meta:
    family = "HackTool.Scanner"
    variant = "v2"
    severity = "medium"
    description = "HackTool.Scanner malware (12 strings learnt from samples, variant v2): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1595/"
    generated_by = "iotguard db learn"
    generated_from = "22 samples of HackTool.Scanner, 5 of 12 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "1028b1aa277163de3da3bafc6bb18c80e0404c4a8e4a975e9f9f56c36fee4d53"
    sample_2 = "11861f4c57e62295bff0de1a7ddb6e3b29fc590d51cf8c999f7c1bfa05eb46c8"
    sample_3 = "1d8ab6e39edea3e169d832299bc4550b14820d875b96a1601a50fabe5b54b9f7"
  strings:
    $s1 = "$(dddd,@DH|eddPTL"
    $s2 = "C)8KppgG(J"
    $s3 = "F@myhi'Y8i"
    $s4 = "3Pkkr%O\"^"
    $s5 = "7<ABHJSR9"
    $s6 = ")DE0Bxyb"
    $s7 = "@ddddDHL0zhdd48<i"
    $s8 = "N~5tpwtSl"
    $s9 = "ZMhlTbbh*"
    $s10 = "ahxl.-f/c"
    $s11 = "Gptw7%w/"
    $s12 = "Shjb9A8u"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 5 of them
}

rule IoT_HackTool_Scanner_3 : elf learned
{
  meta:
    family = "HackTool.Scanner"
    variant = "v3"
    severity = "medium"
    description = "HackTool.Scanner malware (4 strings learnt from samples, variant v3): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1595/"
    generated_by = "iotguard db learn"
    generated_from = "22 samples of HackTool.Scanner, 2 of 4 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "1028b1aa277163de3da3bafc6bb18c80e0404c4a8e4a975e9f9f56c36fee4d53"
    sample_2 = "11861f4c57e62295bff0de1a7ddb6e3b29fc590d51cf8c999f7c1bfa05eb46c8"
    sample_3 = "1d8ab6e39edea3e169d832299bc4550b14820d875b96a1601a50fabe5b54b9f7"
  strings:
    $s1 = "%s <cate pizde sa incerc...>"
    $s2 = "Unde-i pass_file"
    $s3 = "A/proc/self/cwd"
    $s4 = "Unde-i mfu.txt"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_HackTool_Scanner_4 : elf learned
{
  meta:
    family = "HackTool.Scanner"
    variant = "v4"
    severity = "medium"
    description = "HackTool.Scanner malware (9 strings learnt from samples, variant v4): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1595/"
    generated_by = "iotguard db learn"
    generated_from = "22 samples of HackTool.Scanner, 4 of 9 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "1028b1aa277163de3da3bafc6bb18c80e0404c4a8e4a975e9f9f56c36fee4d53"
    sample_2 = "11861f4c57e62295bff0de1a7ddb6e3b29fc590d51cf8c999f7c1bfa05eb46c8"
    sample_3 = "1d8ab6e39edea3e169d832299bc4550b14820d875b96a1601a50fabe5b54b9f7"
  strings:
    $s1 = "+Auwrt}XS"
    $s2 = "Z-4Vptu9 "
    $s3 = "%/!lhpx6"
    $s4 = "9bcat$I="
    $s5 = "bk0Echp\""
    $s6 = "~fjrs>p\t"
    $s7 = "glytvE2lI"
    $s8 = "@#@AhnuB"
    $s9 = "Kwvu`2VC"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 4 of them
}
