// SPDX-License-Identifier: GPL-2.0-or-later
// Tsunami: rules learnt from the training corpus by signatures/tools/learn-rules.py
// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.

rule IoT_Tsunami_1 : elf learned
{
  meta:
    family = "Tsunami"
    variant = "v1"
    severity = "high"
    description = "Tsunami malware (16 strings learnt from samples, variant v1): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.tsunami"
    generated_by = "iotguard db learn"
    generated_from = "39 samples of Tsunami, 4 of 16 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "027aa2c673a2fee53367d3824c5602278abf7541d308c82cab925e87330b0995"
    sample_2 = "10b8dab51d6b91e8dcf223d586d2c22c3d38a7ea0a8c7090c2068c7b0af7c637"
    sample_3 = "1a16f1c4929b3903c471775a5c43ca604858ce5cb9399d218e9f39bb8001e1bd"
  strings:
    $s1 = "USER %s localhost localhost :%s"
    $s2 = "NOTICE %s :I'm having a problem resolving my host, someone will have to SPOOFS me manually."
    $s3 = "NOTICE %s :Unable to resolve %s"
    $s4 = "NOTICE %s :Unable to comply."
    $s5 = "NOTICE %s :Password too long! > 254"
    $s6 = "NOTICE %s :Unable to connect to http."
    $s7 = "NOTICE %s :Unable to create socket."
    $s8 = "NOTICE %s :Unable to resolve address."
    $s9 = "NOTICE %s :GET <host> <save as>"
    $s10 = "Accept-Charset: iso-8859-1,*,utf-8"
    $s11 = "Accept: image/gif, image/x-xbitmap, image/jpeg, image/pjpeg, image/png, */*"
    $s12 = "NOTICE %s :Current status is: %s."
    $s13 = "NOTICE %s :Nick cannot be larger than 9 characters."
    $s14 = "NOTICE %s :UDP <target> <port> <secs>"
    $s15 = "NOTICE %s :What kind of subnet address is that? Do something like: 169.40"
    $s16 = "NOTICE %s :Disable sucessful."
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 4 of them
}
