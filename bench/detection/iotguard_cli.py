# SPDX-License-Identifier: GPL-2.0-or-later
"""The iotguard commands the benchmark runs, and what it reads from their JSON lines."""

import json
import os
import subprocess
import time

SEVERITIES = ["info", "low", "medium", "high", "critical"]


class CommandFailed(RuntimeError):
    pass


def _json_lines(text):
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return out


def version(iotguard):
    done = subprocess.run([iotguard, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


def has_learn(iotguard):
    """True once `db learn` exists (until then `db learn --help` prints the db help)."""
    done = subprocess.run([iotguard, "db", "learn", "--help"], capture_output=True, text=True, check=False)
    return done.returncode == 0 and "--labels" in done.stdout


def learn_has_option(iotguard, flag):
    done = subprocess.run([iotguard, "db", "learn", "--help"], capture_output=True, text=True, check=False)
    return flag in done.stdout


def has_goodware_build(iotguard):
    done = subprocess.run(
        [iotguard, "db", "goodware", "build", "--help"], capture_output=True, text=True, check=False
    )
    return done.returncode == 0 and "-o" in done.stdout and "goodware" in done.stdout.lower()


def pattern_file_version(db):
    with open(os.path.join(db, "manifest.json"), encoding="utf-8") as f:
        return json.load(f).get("version", "unknown")


def scan(iotguard, paths, db=None, rules=(), jobs=2, min_severity="medium", extra=()):
    """(findings, summary, seconds). Findings are the JSON "finding" records."""
    cmd = [iotguard, "--format", "json", "scan", "--no-cache", "--no-progress", "-j", str(jobs)]
    cmd += ["--min-severity", min_severity]
    if db:
        cmd += ["--db", db]
    else:
        cmd += ["--no-db"]
    for r in rules:
        cmd += ["--rules", r]
    cmd += list(extra) + list(paths)
    t0 = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - t0
    records = _json_lines(done.stdout)
    summary = next((r for r in reversed(records) if r.get("type") == "summary"), None)
    if summary is None or done.returncode not in (0, 1, 2):
        raise CommandFailed(f"{' '.join(cmd[:12])} ...: exit {done.returncode}: {done.stderr.strip()[:500]}")
    findings = [r for r in records if r.get("type") == "finding"]
    errors = [r for r in records if r.get("type") == "error"]
    summary["error_records"] = errors
    return findings, summary, seconds


def learn(iotguard, index, out, labels, paths, min_samples=None, jobs=2, options=()):
    """(rule records, summary, seconds) of `db learn --labels`."""
    cmd = [iotguard, "--format", "json", "db", "learn", "-j", str(jobs), "--goodware", index, "-o", out]
    cmd += ["--labels", labels] + list(options)
    if min_samples is not None:
        cmd += ["--min-samples", str(min_samples)]
    cmd += list(paths)
    t0 = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - t0
    if done.returncode != 0:
        raise CommandFailed(f"db learn: exit {done.returncode}: {(done.stderr or done.stdout).strip()[:800]}")
    records = _json_lines(done.stdout)
    rules = [r for r in records if r.get("type") == "rule"]
    summary = next((r for r in reversed(records) if r.get("type") == "summary"), {})
    return rules, summary, seconds


def goodware_build(iotguard, index, paths, jobs=2):
    """(seconds, index bytes, what the command printed) of `db goodware build`."""
    cmd = [iotguard, "db", "goodware", "build", "-j", str(jobs), "-o", index] + list(paths)
    t0 = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - t0
    if done.returncode != 0:
        raise CommandFailed(f"db goodware build: exit {done.returncode}: {done.stderr.strip()[:800]}")
    size = os.path.getsize(index) if os.path.isfile(index) else _tree_size(index)
    return seconds, size, (done.stdout + done.stderr).strip()


def _tree_size(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total
