// SPDX-License-Identifier: GPL-2.0-or-later
// Virus.RST: rules learnt from the training corpus by signatures/tools/learn-rules.py
// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.

rule IoT_Virus_RST_1 : elf learned
{
  meta:
    family = "Virus.RST"
    variant = "v1"
    severity = "high"
    description = "Virus.RST malware (2 strings learnt from samples, variant v1): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.rst"
    generated_by = "iotguard db learn"
    generated_from = "68 samples of Virus.RST, 2 of 2 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "011a986b575ef90a25d1c7953be6925d1031a245a49ed32e09baa12edb454c49"
    sample_2 = "02727720b9903adad0980c3291a60b5b547dd4731b0882675d563272d14d338b"
    sample_3 = "032b0f849368a0d041645c8d4f9443b88af2d21a0eaca25ab5e6d666327ffb98"
  strings:
    $s1 = "GET /~telcom69/gov.php HTTP/1.0"
    $s2 = "snortdos"
  condition:
    uint32(0) == 0x464c457f and filesize < 6956436 and 2 of them
}

rule IoT_Virus_RST_2 : elf learned
{
  meta:
    family = "Virus.RST"
    variant = "v2"
    severity = "high"
    description = "Virus.RST malware (1 strings learnt from samples, variant v2): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://malpedia.caad.fkie.fraunhofer.de/details/elf.rst"
    generated_by = "iotguard db learn"
    generated_from = "68 samples of Virus.RST, 1 of 1 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "011a986b575ef90a25d1c7953be6925d1031a245a49ed32e09baa12edb454c49"
    sample_2 = "02727720b9903adad0980c3291a60b5b547dd4731b0882675d563272d14d338b"
    sample_3 = "032b0f849368a0d041645c8d4f9443b88af2d21a0eaca25ab5e6d666327ffb98"
  strings:
    $s1 = "/tmp/extfsRNV23z"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and any of them
}
