// SPDX-License-Identifier: GPL-2.0-or-later
// Mirai and its forks, keyed on the bot's string table as it sits in the
// binary: every entry XOR-encoded with 0x22 (table_key 0xdeadbeef folded to
// one byte, shared/threats.md §2.1). These survive recompilation for any CPU.

rule IoT_Mirai_Table : elf
{
    meta:
        family = "Mirai"
        variant = "generic"
        severity = "high"
        description = "Mirai string table XOR-encoded with 0x22 (killer, scanner and attack strings)"
        reference = "shared/threats.md#21-string-table-bottablec-tableh-r"
        filetype = "elf"
    strings:
        $nameserver = "LCOGQGPTGP"          // "nameserver"
        $listening = "NKQVGLKLE"            // "listening"
        $ncorrect = "LAMPPGAV"              // "ncorrect"
        $chunked = "AJWLIGF"                // "chunked"
        $xmhdipc = "ZOJFKRA"                // "xmhdipc"
        $juantech = "HWCLVGAJ"              // "juantech"
        $lolnogtfo = "nmnlmevdm"            // "LOLNOGTFO"
        $zollard = "XMNNCPF"                // "zollard"
        $getlocalip = "egvnmacnkr"          // "GETLOCALIP"
        $default = "FGDCWNV"                // "default"
    condition:
        uint32(0) == 0x464c457f and 4 of them
}
