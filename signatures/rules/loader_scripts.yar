// SPDX-License-Identifier: GPL-2.0-or-later
// Dropper scripts that IoT worms push after a telnet login: fetch one build
// per CPU from a /bins/ directory and run it (shared/threats.md §2.3).

rule IoT_Dropper_Script_MultiArch
{
    meta:
        family = "IoT.Dropper"
        severity = "high"
        description = "Shell dropper fetching per-architecture bot builds (wget/tftp + chmod + run)"
        reference = "shared/threats.md#23-scanner-and-loader-fingerprints-r"
    strings:
        $fetch1 = /(wget|curl|tftp|ftpget)[^\n]{0,120}\.(x86|mips|mpsl|arm|arm5|arm6|arm7|ppc|m68k|sh4|spc|i686|x86_64)\b/
        $chmod = "chmod 777" nocase
        $chmod2 = "chmod +x"
        $run = /\.\/[A-Za-z0-9._-]{1,32}\.(x86|mips|mpsl|arm[5-7]?|ppc|m68k|sh4|spc)\b/
    condition:
        uint16(0) == 0x2123 and filesize < 64KB and #fetch1 >= 3 and ($chmod or $chmod2) and $run
}
