#!/usr/bin/env python3
"""A CAL usage check written the way real monitoring checks read
`Get-WmiObject Win32_TSLicenseKeyPack | Export-Csv` files (Checkmk's
rds_licenses, BornToBeRoot's check_rds_device_cals): skip the #TYPE line, parse
the header, map ProductVersionID to a Windows version, keep the packs of the
chosen KeyPackTypes, and sum IssuedLicenses against TotalLicenses. It knows
nothing of calsim. The test runs catalog scenarios and checks that the check
finds, per license server, Windows version and CAL type, the totals of
timeline.csv's last day; and that issued_licenses.csv joins to key_packs.csv on
(PSComputerName, KeyPackId).

usage: wmi_consumer_test.py CALSIM SOURCE_DIR WORK_DIR
"""
import csv
import json
import os
import shutil
import subprocess
import sys
from collections import Counter, defaultdict

# ---- the check, as an admin would write it -------------------------------------------------
PRODUCT_VERSION_ID = {"2": "Windows Server 2008", "3": "Windows Server 2008 R2", "4": "Windows Server 2012",
                      "5": "Windows Server 2016", "6": "Windows Server 2019", "7": "Windows Server 2022",
                      "8": "Windows Server 2025"}
PRODUCT_TYPE = {"0": "per device", "1": "per user"}
PURCHASED = {"1", "2", "5"}  # KeyPackType: retail, volume, open (not 4 temporary, 6 built-in)


def read_export(path):
    with open(path, newline="", encoding="utf-8") as f:
        first = f.readline()
        if not first.startswith("#TYPE "):
            f.seek(0)
        return list(csv.DictReader(f))


def cal_usage(key_packs_csv):
    usage = defaultdict(lambda: [0, 0])  # (server, version, type) -> [issued, total]
    for pack in read_export(key_packs_csv):
        if pack["KeyPackType"] not in PURCHASED:
            continue
        version = PRODUCT_VERSION_ID.get(pack["ProductVersionID"])
        if version is None:
            continue
        key = (pack.get("PSComputerName", ""), version, PRODUCT_TYPE[pack["ProductType"]])
        usage[key][0] += int(pack["IssuedLicenses"])
        usage[key][1] += int(pack["TotalLicenses"])
    return dict(usage)
# ---------------------------------------------------------------------------------------------

YEAR_TO_NAME = {2008: "Windows Server 2008", 2012: "Windows Server 2012", 2016: "Windows Server 2016",
                2019: "Windows Server 2019", 2022: "Windows Server 2022", 2025: "Windows Server 2025"}
SCENARIOS = ["healthy-per-device-pool", "cloned-image-ping-pong", "version-mismatch-old-cals", "per-user-overuse",
             "revocation-20-percent-limit", "pool-exhaustion-temporaries-expire", "prevent-license-upgrade"]

WS2000 = {
    "calsim": 1, "name": "ws2000-builtin", "rules": "ws2000", "start": "2026-01-05", "days": 20,
    "license_servers": [{"name": "LS1", "version": 2000, "disable_workgroup_auth_enforcement": True, "key_packs": [
        {"id": "P1", "type": "per_device", "version": 2000, "count": 3, "key_pack_id": 7}]}],
    "session_hosts": [{"name": "H1", "version": 2000, "licensing_mode": 2, "license_servers": ["LS1"]}],
    "clients": [{"group": "xp", "count": 4, "name": "XP-{n}", "hosts": ["H1"], "os": "windows2000",
                 "schedule": {"days": "daily", "at": ["09:00"]}},
                {"group": "new", "count": 2, "name": "W10-{n}", "hosts": ["H1"],
                 "schedule": {"days": "daily", "at": ["09:00"]}}]}


def last_day(timeline_csv):
    rows = list(csv.DictReader(open(timeline_csv, newline="")))
    last = max(r["date"] for r in rows)
    return [r for r in rows if r["date"] == last]


def check(name, out):
    problems = []
    want = defaultdict(lambda: [0, 0])
    for r in last_day(os.path.join(out, "timeline.csv")):
        v = int(r["version"])
        if v not in YEAR_TO_NAME:
            continue
        key = (r["server"], YEAR_TO_NAME[v], r["type"].replace("_", " "))
        want[key][0] += int(r["issued"])
        want[key][1] += int(r["total"])
    got = cal_usage(os.path.join(out, "key_packs.csv"))
    if got != dict(want):
        problems.append(f"check reads {got}, timeline.csv's last day says {dict(want)}")

    packs = read_export(os.path.join(out, "key_packs.csv"))
    issued = read_export(os.path.join(out, "issued_licenses.csv"))
    ids = {(p["PSComputerName"], p["KeyPackId"]): p for p in packs}
    if len(ids) != len(packs):
        problems.append("KeyPackId is not unique per license server")
    for p in packs:
        if not p["KeyPackId"].isdigit():
            problems.append(f"KeyPackId {p['KeyPackId']!r} is not an integer")
    temporaries = [p for p in packs if p["KeyPackType"] == "4"]
    servers = {p["PSComputerName"] for p in packs}
    if len(temporaries) != len(servers) or any(p["TotalLicenses"] != "-1" or p["AvailableLicenses"] != "-1"
                                                for p in temporaries):
        problems.append("every license server lists one temporary pack with totals -1")
    held = Counter()
    for lic in issued:
        key = (lic["PSComputerName"], lic["KeyPackId"])
        if key not in ids:
            problems.append(f"issued license {lic['LicenseId']} names KeyPackId {lic['KeyPackId']}, not in key_packs.csv")
            continue
        if lic["LicenseStatus"] not in {"1", "2", "4"}:
            problems.append(f"LicenseStatus {lic['LicenseStatus']}")
        if ids[key]["KeyPackType"] == "4" and lic["LicenseStatus"] != "1":
            problems.append(f"license {lic['LicenseId']} in the temporary pack is not temporary")
        held[key] += 1
    for key, p in ids.items():
        if p["ProductType"] == "1":
            continue  # per user: over-used CALs are listed too (R-USER-1)
        if held[key] != int(p["IssuedLicenses"]):
            problems.append(f"pack {key}: {held[key]} issued_licenses.csv rows, IssuedLicenses {p['IssuedLicenses']}")
    return problems, got, packs


def main():
    calsim, source, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    failures = 0
    for name in SCENARIOS + ["ws2000-builtin"]:
        if name == "ws2000-builtin":
            path = os.path.join(work, "ws2000-builtin.json")
            json.dump(WS2000, open(path, "w"))
        else:
            path = os.path.join(source, "scenarios", name + ".json")
        out = os.path.join(work, name)
        # Exit 1 (an expectation not met) still writes every file.
        if subprocess.run([calsim, "run", path, "-o", out, "--quiet"]).returncode not in (0, 1):
            print(f"FAIL {name}: calsim run failed")
            failures += 1
            continue
        problems, got, packs = check(name, out)
        if name == "ws2000-builtin":
            types = sorted((p["KeyPackId"], p["KeyPackType"], p["Description"]) for p in packs)
            want = [("7", "2", "A02-5.00-S"), ("8", "4", "A02-5.00-S"), ("9", "6", "A02-5.00-EX")]
            if types != want:
                problems.append(f"ws2000 packs {types}, want {want}")
            builtin = [p for p in packs if p["KeyPackType"] == "6"][0]
            if builtin["IssuedLicenses"] != "4":
                problems.append(f"built-in pack IssuedLicenses {builtin['IssuedLicenses']}, want 4 (the XP clients)")
        for p in problems:
            print(f"FAIL {name}: {p}")
        failures += bool(problems)
        if not problems:
            print(f"PASS {name}: {got}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
