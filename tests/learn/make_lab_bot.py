#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes lab_bot.c (table key 0x3c) and lab_bot_rekeyed.c (key 0x5a) into OUTDIR:
the same invented XOR-encoded table under two keys, for the db learn test."""
import pathlib
import sys

# Invented entries shaped like a bot's table: endpoints, paths, probes.
ENTRIES = [
    "labnet-c2.iotguard-test.example", "/var/tmp/.labbot-lockfile", "LABBOT-applet-missing",
    "labbot: attack-vector-udpplain", "Laboratory-Agent/7.3 (compatible)", "/proc/labbot/ticket",
    "sample-killer-table-entry", "labbot scanner: telnet probe ok", "report.iotguard-test.example",
    "LABBOT_SELF_CHECK_SEQUENCE", "labbot: attack-vector-greeth", "labbot: http-flood-session",
]


def source(key: int) -> str:
    data = bytearray()
    for e in ENTRIES:
        data += bytes(b ^ key for b in e.encode()) + bytes([key]) + b"\0"
    template = (pathlib.Path(__file__).parent / "lab_bot.c.in").read_text()
    table = ", ".join(f"0x{b:02x}" for b in data)
    return template.replace("@KEY@", f"0x{key:02x}").replace("@TABLE@", table)


def main() -> int:
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    (out / "lab_bot.c").write_text(source(0x3C))
    (out / "lab_bot_rekeyed.c").write_text(source(0x5A))
    return 0


if __name__ == "__main__":
    sys.exit(main())
