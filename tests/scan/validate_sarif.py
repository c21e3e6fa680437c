#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Validates `iotguard scan --format sarif` against the published SARIF 2.1.0
schema. The schema comes from the npm registry package @microsoft/jest-sarif
(which ships OASIS's sarif-2.1.0-rtm.5.json), fetched into the build tree at
test time; nothing third-party is committed."""
import json, os, subprocess, sys, tarfile, tempfile

binary, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
schema_path = os.path.join(work, "sarif-2.1.0.json")
if not os.path.exists(schema_path):
    pkg = "@microsoft/jest-sarif@1.0.0-beta.0"
    out = subprocess.run(["npm", "pack", "--silent", pkg], cwd=work, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(os.path.join(work, out)) as t:
        member = t.getmember("package/lib/schemas/sarif-2.1.0-rtm.5.json")
        with open(schema_path, "wb") as f:
            f.write(t.extractfile(member).read())
schema = json.load(open(schema_path))

import jsonschema

with tempfile.TemporaryDirectory() as d:
    os.makedirs(f"{d}/rules"); os.makedirs(f"{d}/tree")
    open(f"{d}/rules/r.yar", "w").write(
        'rule Sarif_Test { meta: severity = "high" family = "T" description = "sarif test" '
        'strings: $a = "SARIF-MARKER" condition: $a }')
    open(f"{d}/tree/hit with space.bin", "w").write("xx SARIF-MARKER xx")
    open(f"{d}/tree/clean", "w").write("nothing")
    r = subprocess.run([binary, "scan", "--format", "sarif", "--no-db", "--no-cache",
                        "--rules", f"{d}/rules", f"{d}/tree", f"{d}/missing"],
                       capture_output=True, text=True)
    if r.returncode != 1:
        sys.exit(f"expected exit 1, got {r.returncode}: {r.stderr}")
    log = json.loads(r.stdout)
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)
    results = log["runs"][0]["results"]
    assert len(results) == 1 and results[0]["ruleId"] == "Sarif_Test", results
    assert results[0]["level"] == "error"
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "hit%20with%20space.bin")
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("missing" in n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               for n in notes), notes
print("SARIF output validates against sarif-2.1.0-rtm.5.json")
