#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes signatures/rules/learned_<family>.yar from the training corpus with
`iotguard db learn` (docs/signatures.md, "The signature lab").

  signatures/tools/learn-rules.py --iotguard BUILD/iotguard --goodware INDEX

The corpus (../shared/corpus/training-malware.7z) is extracted into a temporary
folder that is deleted afterwards; nothing in it is executed. Every family of
the manifest is learnt at once (each sharpens the others' rules); only the
families below are written, with a public reference each, and the rules are
then reviewed by hand before they are committed."""
import argparse
import csv
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "training-malware.7z"

# label (regex over the manifest's family) -> shipped family; first match wins.
FAMILIES = [
    (r"^(mirai|mirai-fork:.*|mirai variant .*|dlr-loader|botnet (moobot|fbot|satori|okiru|sora|owari).*|linux\.mirai.*)$", "Mirai"),
    (r"^(gafgyt|gafgyt-fork:.*|bashlite|qbot.*|qbot variant .*|linux\.gafgyt.*)$", "Gafgyt"),
    (r"^(tsunami|kaiten)$", "Tsunami"),
    (r"^(billgates|elknot|setag)$", "BillGates"),
    (r"^dofloo$", "Dofloo"),
    (r"^xorddos$", "XorDDoS"),
    (r"^rst$", "Virus.RST"),
    (r"^(hacktool\(ddos\)|flooder\(generic\)|ddos\(generic\)|teardrop|nestea|spoofer|dnsamp|nuker)$", "HackTool.DDoS"),
    (r"^(hacktool\(scanner\)|pnscan|sshscan|portscan)$", "HackTool.Scanner"),
    (r"^(exploit\(generic\)|hacktool\(exploit\)|lotoor|vmsplice|madvise|ptrace|getshell|wuftpd|dcomrpc)$", "Exploit.Linux"),
    (r"^(rootkit\(generic\)|adore)$", "Rootkit.Linux"),
]
# Public write-ups users can read (never an internal note).
REFERENCES = {
    "Mirai": "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis",
    "Gafgyt": "https://malpedia.caad.fkie.fraunhofer.de/details/elf.bashlite",
    "Tsunami": "https://malpedia.caad.fkie.fraunhofer.de/details/elf.tsunami",
    "BillGates": "https://malpedia.caad.fkie.fraunhofer.de/details/elf.billgates",
    "Dofloo": "https://malpedia.caad.fkie.fraunhofer.de/details/elf.dofloo",
    "XorDDoS": "https://www.microsoft.com/en-us/security/blog/2022/05/19/rise-in-xorddos-a-deeper-look-at-the-stealthy-ddos-malware-targeting-linux-devices/",
    "HackTool.DDoS": "https://attack.mitre.org/techniques/T1498/",
    "Virus.RST": "https://malpedia.caad.fkie.fraunhofer.de/details/elf.rst",
    "HackTool.Scanner": "https://attack.mitre.org/techniques/T1595/",
    "Exploit.Linux": "https://attack.mitre.org/techniques/T1068/",
    "Rootkit.Linux": "https://attack.mitre.org/techniques/T1014/",
}
SEVERITY = {"HackTool.DDoS": "medium", "HackTool.Scanner": "medium"}


def shipped_family(label: str):
    for pat, fam in FAMILIES:
        if re.match(pat, label, re.I):
            return fam
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iotguard", required=True)
    ap.add_argument("--goodware", required=True, help="index from `iotguard db goodware build`")
    ap.add_argument("--corpus", type=pathlib.Path, default=CORPUS)
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "signatures" / "rules")
    a = ap.parse_args()
    if not a.corpus.exists():
        sys.exit(f"training corpus missing: {a.corpus}")
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="iotguard-learn-"))
    try:
        subprocess.run(["7z", "x", "-y", "-pinfected", f"-o{tmp}", str(a.corpus)], check=True,
                       stdout=subprocess.DEVNULL)
        rows = list(csv.DictReader(open(tmp / "manifest.tsv"), delimiter="\t"))
        labels = tmp / "labels.tsv"
        with open(labels, "w") as f:
            for r in rows:
                fam = shipped_family(r["family"]) or "other:" + r["family"]
                f.write(f"{r['sha256']}\t{fam}\t\n")
        out = tmp / "learned.yar"
        subprocess.run([a.iotguard, "db", "learn", "--labels", str(labels), "--goodware", a.goodware,
                        "--reject", str(ROOT / "signatures" / "learn" / "rejected.txt"),
                        "--cribs", str(ROOT / "signatures" / "learn" / "cribs.txt"),
                        "--prefix", "IoT", "-o", str(out), str(tmp / "samples")], check=True)
        text = out.read_text()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rules = re.findall(r"(?ms)^rule .*?^}\n", text)
    by_family = {}
    for r in rules:
        fam = re.search(r'family = "([^"]*)"', r).group(1)
        if fam in REFERENCES:
            by_family.setdefault(fam, []).append(r)
    for fam, rs in sorted(by_family.items()):
        body = []
        for r in rs:
            r = r.replace('    generated_by = ', f'    reference = "{REFERENCES[fam]}"\n    generated_by = ', 1)
            r = re.sub(r'severity = "[a-z]+"', f'severity = "{SEVERITY.get(fam, "high")}"', r, count=1)
            body.append(r)
        name = "learned_" + re.sub(r"[^a-z0-9]+", "_", fam.lower()) + ".yar"
        (a.out / name).write_text(
            "// SPDX-License-Identifier: GPL-2.0-or-later\n"
            f"// {fam}: rules learnt from the training corpus by signatures/tools/learn-rules.py\n"
            "// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.\n\n" + "\n".join(body))
        print(f"{name}: {len(rs)} rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
