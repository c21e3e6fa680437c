#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Builds the pattern file's YARA rules from plaintext indicators.

Families keep their strings encoded in the binary (Mirai's table is XOR 0x22,
Satori/Okiru's 0x07), so rules must carry the encoded forms. They are computed
here from the plaintexts in shared/threats.md, never written by hand. Each
family becomes signatures/rules/<family>.yar; manifest.json gets the version
(date + serial) and rule counts.

  build-signatures.py            write rules/*.yar and manifest.json
  build-signatures.py --check    exit 1 if the files on disk differ (CI)
"""
import argparse, datetime, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DB = os.path.dirname(HERE)
SERIAL = 1            # bump when rules change on the same day
DATE = "2026-12-04"   # the pattern file's release date
ELF = "uint32(0) == 0x464c457f"


def xor(s, key):
    return bytes(b ^ key for b in s.encode("latin-1"))


def lit(name, data, comment=None, mods=""):
    """A YARA string: text when safe to print, else hex."""
    if isinstance(data, str):
        data = data.encode("latin-1")
    printable = all(0x20 <= b < 0x7f and b not in (0x22, 0x5c) for b in data)
    body = '"%s"' % data.decode() if printable else "{ %s }" % " ".join("%02X" % b for b in data)
    if mods and not printable:
        mods = ""  # modifiers apply to text strings only
    line = f"        ${name} = {body}{(' ' + mods) if mods else ''}"
    return line + (f"  // {comment}" if comment else "")


def ident(s):
    return re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_").lower()[:40] or "s"


class Rule:
    def __init__(self, name, family, description, severity="high", variant="generic",
                 elf=True, reference="shared/threats.md"):
        self.name, self.family, self.description = name, family, description
        self.severity, self.variant, self.elf, self.reference = severity, variant, elf, reference
        self.strings, self.condition = [], "any of them"

    def plain(self, *texts, prefix="p", mods=""):
        for t in texts:
            self.strings.append(lit(f"{prefix}_{ident(t)}", t, mods=mods))
        return self

    def encoded(self, key, *texts, prefix="x"):
        for t in texts:
            self.strings.append(lit(f"{prefix}_{ident(t)}", xor(t, key), f'"{t}" ^ 0x{key:02x}'))
        return self

    def raw(self, name, line):
        self.strings.append(f"        ${name} = {line}")
        return self

    def cond(self, c):
        self.condition = c
        return self

    def render(self):
        tags = " : elf" if self.elf else ""
        meta = [("family", self.family), ("variant", self.variant), ("severity", self.severity),
                ("description", self.description), ("reference", self.reference)]
        if self.elf:
            meta.append(("filetype", "elf"))
        out = [f"rule {self.name}{tags}", "{", "    meta:"]
        out += [f'        {k} = "{v}"' for k, v in meta if v]
        out += ["    strings:"] + self.strings
        cond = f"{ELF} and ({self.condition})" if self.elf else self.condition
        out += ["    condition:", f"        {cond}", "}"]
        return "\n".join(out)


class TraitRule(Rule):
    """A string trait the IoT-bot heuristic weighs (docs/heuristics.md). Trait
    rules are consumed by the heuristic and never reported on their own."""

    def __init__(self, trait, weight, description):
        super().__init__("Trait_" + "".join(w.capitalize() for w in trait.split("_")),
                         "", description, severity="info", variant=trait)
        self.trait, self.weight = trait, weight

    def render(self):
        text = super().render()
        text = text.replace(f"rule {self.name} : elf", f"rule {self.name} : elf trait", 1)
        extra = f'        trait = "{self.trait}"\n        weight = {self.weight}\n'
        return text.replace('        filetype = "elf"\n', '        filetype = "elf"\n' + extra, 1)


# --- Families (facts: shared/threats.md, section in each description) --------

MIRAI_TABLE = ["nameserver", "listening tun0", "ncorrect", "chunked", "xmhdipc", "juantech",
               "LOLNOGTFO", "zollard", "GETLOCALIP", "TSource Engine Query", "/etc/resolv.conf",
               "MIRAI: applet not found", "/bin/busybox MIRAI", "HTTPFLOOD", "REPORT %s:%s",
               "https://youtu.be/dQw4w9WgXcQ", " (deleted)", "/status", ".anime",
               "/bin/busybox ps", "/bin/busybox kill -9 ", "swinginwithme"]


def families():
    f = {}
    f["mirai"] = [
        Rule("IoT_Mirai_Table", "Mirai", "Mirai string table XOR-encoded with 0x22 (table key "
             "0xdeadbeef), as every build for every CPU carries it (s2.1)",
             reference="shared/threats.md s2.1")
        .encoded(0x22, *MIRAI_TABLE).cond("4 of them"),
        Rule("IoT_Mirai_Plaintext", "Mirai", "Mirai scanner/loader strings in clear: busybox MIRAI "
             "probe, dvrHelper, /bins/mirai downloads, watchdog paths (s2.1, s2.3, s2.8)",
             variant="plaintext", reference="shared/threats.md s2.3")
        .plain("/bin/busybox MIRAI", "MIRAI: applet not found", "dvrHelper", "/bins/mirai.",
               "/dev/misc/watchdog", "POST /cdn-cgi/", "Myname--is:", "LOLNOGTFO",
               "65.222.202.53", "/bin/busybox ECCHI", "ECCHI: applet not found")
        .cond("3 of them"),
        Rule("IoT_Mirai_Satori_Okiru", "Mirai", "Satori/Okiru fork: table strings XOR-encoded "
             "with 0x07 (s2.9)", variant="Satori/Okiru", reference="shared/threats.md s2.9")
        .encoded(0x07, "dvrHelper", "/dev/watchdog", "TSource Engine Query", "/bin/busybox",
                 "/dev/misc/watchdog", "/proc/net/tcp", "/etc/resolv.conf")
        .plain("/bins/satori", "/bins/okiru").cond("3 of ($x_*) or (1 of ($p_*) and 1 of ($x_*))"),
        # Forks change the key: any single-byte key over the longest table entries.
        Rule("IoT_Mirai_Table_AnyKey", "Mirai", "Mirai-style string table under a single-byte XOR "
             "key other than 0x22/0x07 (forks re-key the table, s2.1/s2.9)", variant="re-keyed",
             reference="shared/threats.md s2.1")
        .plain("TSource Engine Query", "/etc/resolv.conf", "MIRAI: applet not found",
               "https://youtu.be/dQw4w9WgXcQ", "/bin/busybox kill -9", prefix="k",
               mods="xor(0x01-0xff)")
        # The 0x22/0x07 tables have rules of their own: name only other keys.
        .cond("3 of them and not IoT_Mirai_Table and not IoT_Mirai_Satori_Okiru"),
    ]
    f["gafgyt"] = [
        Rule("IoT_Gafgyt_Commands", "Gafgyt", "Gafgyt/Bashlite bot: its C2 command set and the "
             "'gayfgt' octal echo used to confirm a telnet login (s3)",
             reference="shared/threats.md s3")
        .raw("echo", r'"\\147\\141\\171\\146\\147\\164"')
        .plain("KILLATTK", "LOLNOGTFO", "GETLOCALIP", "SCANNER ON", "SCANNER OFF", "PONG!",
               "BOGOMIPS", "/proc/net/route", "REPORT %s:%s:%s", "TELNET LOGIN CRACKED",
               "LUCKYLILDUDE", "HTTPFLOOD", "BUILD %s", "multi-call")
        .cond("($echo and 2 of ($p_*)) or 6 of ($p_*)"),
    ]
    f["tsunami"] = [
        Rule("IoT_Tsunami_Kaiten", "Tsunami", "Tsunami/Kaiten IRC bot: PRIVMSG/NOTICE command "
             "verbs and flood replies (s4)", reference="shared/threats.md s4")
        .plain("NOTICE %s :TSUNAMI", "Tsunami heading for", "Kaiten wa goraku", "GETSPOOFS",
               "PRIVMSG %s :", "NICK %s", "USER %s localhost localhost :", "KILLALL",
               "Panning", "andemo shiranai wa yo", ":[STD]Hitting %s")
        .cond("4 of them"),
    ]
    f["luabot"] = [
        Rule("IoT_LuaBot", "LuaBot", "LuaBot: embedded Lua runtime plus the author's note and "
             "its NOTIFY/UPDATE verbs (s5)", reference="shared/threats.md s5")
        .raw("note", '"Hi. Happy reversing, you can mail me: luabot@yandex.ru"')
        .plain("LUA_PATH", "/tmp/lua_XXXXXX", "NOTIFY", "UPDATE")
        .cond("$note or all of ($p_*)"),
    ]
    f["hajime"] = [
        Rule("IoT_Hajime", "Hajime", "Hajime P2P worm: its 'white hat' message, auth warning and "
             "timezone/DNS strings (s7)", reference="shared/threats.md s7")
        .plain("Just a white hat, securing some systems", prefix="wh")
        .plain("%d (!=0),user/pass auth will not work, ignored.", "/etc/TZ", ",M4.1.0,M10.5.0",
               "%u.%u.%u.%u.in-addr.arpa", "GET /r/sr.arm5 HTTP/1.0")
        .cond("1 of ($wh_*) or 3 of ($p_*)"),
    ]
    f["mozi"] = [
        Rule("IoT_Mozi", "Mozi", "Mozi P2P bot: encrypted config marker ([ss] under its XOR key), "
             "config tags and DHT bootstrap nodes (s8)", reference="shared/threats.md s8")
        .raw("cfg", "{ 15 15 29 D2 }")
        .plain("[ss]", "[ssx]", "[cpux]", "[hp]", "[atk]", "[ver]", "[ud]", "[dip]", "[idp]",
               "[count]", prefix="tag")
        .plain("dht.transmissionbt.com", "router.bittorrent.com", "router.utorrent.com",
               "bttracker.debian.org", "Mozi.m", "Mozi.a", prefix="dht")
        .cond("($cfg and 2 of ($dht_*)) or 6 of ($tag_*) or ($cfg and 3 of ($tag_*))"),
    ]
    f["xorddos"] = [
        Rule("IoT_XorDDoS", "XorDDoS", "XorDDoS: its XOR key BB2FA36AAA9541F0, kill-config keys and "
             "dropped-file paths (s9)", reference="shared/threats.md s9")
        .raw("key", '"BB2FA36AAA9541F0"')
        .plain("denyip=", "rmfile=", "exec_packet", "build_iphdr", "/var/run/gcc.pid",
               "/lib/libudev.so", "%d--%s_%d:%s", "/etc/cron.hourly/gcc.sh")
        .cond("($key and 1 of ($p_*)) or 4 of ($p_*)"),
    ]
    f["vpnfilter"] = [
        Rule("IoT_VPNFilter", "VPNFilter", "VPNFilter stage 1/2: working files, Tor files, the "
             "fallback C2 domain and the mtdblock0 wiper (s10)", reference="shared/threats.md s10")
        .plain("/var/run/vpnfilterw", "/var/run/vpnfilterm", "toknowall.com", "/var/run/torrc",
               "/var/run/tord", "/dev/mtdblock0")
        .raw("trigger", "{ 0C 15 22 2B }")
        .cond("2 of ($p_*) or ($trigger and 1 of ($p_*))"),
    ]
    f["umbreon"] = [
        Rule("IoT_Umbreon_Artefacts", "Umbreon", "Umbreon userland rootkit: its file artefacts and "
             "internal helper names (s6)", reference="shared/threats.md s6")
        .plain("/bin/espeon", "espeon-shell", "unhide-self", "umbreon", "/.ldso/strace.so",
               "/hideports", "/.init-append", "/promptlog", "spoof_maps", "get_hideports",
               "reinstall_self", "/usr/share/libc.so.")
        .cond("3 of them"),
        Rule("IoT_Umbreon_Hook_Set", "Umbreon", "A preload library exporting Umbreon's hooked libc "
             "set (stat/readdir/PAM/audit/pcap) plus a loader-config path (s6)",
             variant="hooks", reference="shared/threats.md s6")
        .plain("pam_authenticate", "pam_acct_mgmt", "audit_log_acct_message", "pututxline",
               "pcap_loop", "readdir64", "getspnam", "getpwnam", "__lxstat64", "execve",
               "unlink", "rename", prefix="h")
        .plain("ld.so.preload", "/etc/ld.so.", "spoof_maps", "get_hideports", prefix="u")
        # e_type ET_DYN (3) in the file's own byte order: big-endian MIPS/PPC too.
        .cond("(uint16(16) == 3 or uint16be(16) == 3) and 10 of ($h_*) and 2 of ($u_*)"),
    ]
    f["loader_scripts"] = [
        Rule("IoT_Dropper_Script_MultiArch", "IoT.Dropper", "Shell dropper fetching per-"
             "architecture bot builds (wget/tftp + chmod + run), as pushed after a telnet "
             "login (s2.3)", elf=False, reference="shared/threats.md s2.3")
        .raw("fetch", r'/(wget|curl|tftp|ftpget)[^\n]{0,120}\.(x86|mips|mpsl|arm|arm5|arm6|arm7|'
             r'ppc|m68k|sh4|spc|i686|x86_64)\b/')
        .plain("chmod 777", "chmod +x")
        .raw("run", r'/\.\/[A-Za-z0-9._-]{1,32}\.(x86|mips|mpsl|arm[5-7]?|ppc|m68k|sh4|spc)\b/')
        .cond("uint16(0) == 0x2123 and filesize < 64KB and #fetch >= 3 and 1 of ($p_*) and $run"),
    ]
    f["traits"] = [
        TraitRule("flood_strings", 3, "DDoS attack strings of IoT bot families (s2.7, s3, s4)")
        .plain("TSource Engine Query", "HTTPFLOOD", "KILLATTK", "[STD]Hitting",
               "Tsunami heading for", "UDPFLOOD", "SYNFLOOD", "ACKFLOOD"),
        TraitRule("proc_scan", 2, "walks /proc/net/tcp and /proc/<pid>/exe, as Mirai's killer "
                  "does to take over ports (s2.4)")
        .plain("/proc/net/tcp", prefix="net")
        .plain("/proc/%d/exe", "/proc/%s/exe", "/proc/%u/exe", "/exe")
        .cond("$net_proc_net_tcp and 1 of ($p_*)"),
        TraitRule("busybox_probe", 3, "busybox applet probe with a marker word, or the octal echo "
                  "check after a telnet login (s2.3, s3)")
        .raw("probe", r"/\/bin\/busybox [A-Z]{4,12}[^A-Za-z]/")
        .raw("echo", '"/bin/busybox;echo"'),
        TraitRule("public_resolver", 1, "hard-coded public DNS resolver (s2.5)")
        .plain("8.8.8.8", "8.8.4.4", "74.82.42.42", "64.6.64.6", "4.2.2.2"),
        TraitRule("watchdog_paths", 2, "both watchdog device paths, as bots that disable the "
                  "watchdog carry them (s2.5)")
        .plain("/dev/watchdog", "/dev/misc/watchdog").cond("all of them"),
        TraitRule("default_credentials", 4, "plaintext telnet default passwords from the worms' "
                  "dictionaries (s2.2)")
        .plain("xc3511", "vizxv", "xmhdipc", "juantech", "7ujMko0admin", "7ujMko0vizxv", "Zte521",
               "hi3518", "klv123", "jvbzd", "zlxx.", "dreambox", "smcadmin", "meinsm", "ikwb")
        .cond("3 of them"),
        TraitRule("rival_killer", 3, "names of rival bots and Mirai's killer markers (s2.4)")
        .plain(".anime", "REPORT %s:%s", "LOLNOGTFO", "zollard", "dvrHelper")
        .cond("2 of them"),
        TraitRule("irc_c2", 2, "IRC command-and-control verbs (s3, s4)")
        .plain("PRIVMSG ", "NICK ", "JOIN ").cond("all of them"),
        TraitRule("arch_download", 3, "downloads one build per CPU from a bins/ directory (s2.3)")
        .raw("bins", r"/\/bins?\/[A-Za-z0-9._-]{1,24}\.(x86|mips|mpsl|arm[4-7]?|ppc|m68k|sh4|spc|i686)/"),
        TraitRule("iptables_block", 3, "iptables rules closing the ports other worms use (s7, s8)")
        .raw("block", r"/iptables[^\x00\n]{0,60}--dport (23|2323|7547|5555|5358)[^\x00\n]{0,30}DROP/"),
        TraitRule("dht_bootstrap", 3, "BitTorrent DHT bootstrap nodes, as P2P bots use (s8)")
        .plain("router.bittorrent.com", "dht.transmissionbt.com", "router.utorrent.com",
               "bttracker.debian.org").cond("2 of them"),
        TraitRule("persistence_paths", 1, "startup and cron paths a dropper writes (s9)")
        .plain("/etc/rc.local", "/etc/init.d/", "/etc/cron.hourly/", "/etc/crontab")
        .cond("2 of them"),
    ]
    return f


def header(name):
    return (f"// SPDX-License-Identifier: GPL-2.0-or-later\n"
            f"// GENERATED by signatures/tools/build-signatures.py from the plaintext indicators\n"
            f"// in shared/threats.md. Edit the generator, not this file.\n\n")


def build():
    files = {}
    counts = {}
    for fam, rules in families().items():
        files[f"rules/{fam}.yar"] = header(fam) + "\n\n".join(r.render() for r in rules) + "\n"
        counts[f"{fam}.yar"] = len(rules)
    # Rules learnt from samples (signatures/tools/learn-rules.py) are counted
    # as they are: this generator does not write them.
    learned_families = set()
    for name in sorted(os.listdir(os.path.join(DB, "rules"))):
        if name.startswith("learned_") and name.endswith(".yar"):
            text = open(os.path.join(DB, "rules", name)).read()
            counts[name] = len(re.findall(r"(?m)^rule ", text))
            learned_families |= set(re.findall(r'(?m)^\s+family = "([^"]+)"', text))
    cred = {}
    for name in sorted(os.listdir(os.path.join(DB, "credentials"))):
        if name.endswith(".tsv"):
            lines = open(os.path.join(DB, "credentials", name)).read().splitlines()
            cred[name] = sum(1 for l in lines if l and not l.startswith("#"))
    manifest = {
        "name": "IoTGuard pattern file",
        "version": f"{DATE.replace('-', '.')}.{SERIAL}",
        "date": DATE,
        "families": sorted({r.family for rs in families().values() for r in rs if r.family}
                           | learned_families),
        "rules": counts,
        "rules_total": sum(counts.values()),
        "credentials": cred,
    }
    files["manifest.json"] = json.dumps(manifest, indent=2) + "\n"
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    stale = []
    for rel, text in build().items():
        path = os.path.join(DB, rel)
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            stale.append(rel)
            if not args.check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                open(path, "w").write(text)
    if args.check and stale:
        sys.exit("pattern file out of date (run signatures/tools/build-signatures.py): " +
                 ", ".join(stale))
    print(("up to date" if not stale else "wrote " + ", ".join(stale)))


if __name__ == "__main__":
    main()
