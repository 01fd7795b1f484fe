#!/usr/bin/env python3
"""truth.json names exactly the clients a catalog scenario made faulty.

For the clone, VDI, wipe, rebuilt and corrupt-store stories, the clients that
truth.json marks with the story's failure mode are computed from the scenario
itself (the group of that kind, or the clients an action targets) and must be
the same set; the packs' held_by_mode counts must add up to the issued count
of key_packs.csv's rows. usage: truth_test.py CALSIM SOURCE_DIR
"""
import csv
import json
import pathlib
import re
import subprocess
import sys
import tempfile


def names(pattern, count):
    def one(n):
        return re.sub(r"\{n(?::0?(\d+))?\}", lambda m: str(n).zfill(int(m.group(1) or 0)), pattern)
    return {one(n) for n in range(1, count + 1)}


def expected(scenario, mode):
    if mode in ("cloned_hwid", "non_persistent", "wiped_store"):
        kind = {"cloned_hwid": "cloned", "non_persistent": "non_persistent", "wiped_store": "wipe_on_shutdown"}[mode]
        out = set()
        for g in scenario["clients"]:
            if g.get("kind") == kind and not (mode == "non_persistent" and g.get("image")):
                out |= names(g["name"], g.get("count", 1))
        return out
    verb = {"rebuilt": "rebuild_client", "corrupt_store": "corrupt_store"}[mode]
    out = set()
    for a in scenario.get("actions", []):
        if a["do"] == verb:
            out |= set(a["clients"] if isinstance(a["clients"], list) else [a["clients"]])
    return out


CASES = [
    ("cloned-image-ping-pong", "cloned_hwid"),
    ("cloned-image-ping-pong", "superseded_cal"),
    ("non-persistent-vdi-two-logons", "non_persistent"),
    ("wipe-mslicensing-at-shutdown", "wiped_store"),
    ("rebuilt-machine", "rebuilt"),
    ("corrupt-client-store", "corrupt_store"),
]


def main():
    calsim, root = sys.argv[1], pathlib.Path(sys.argv[2])
    failed = passed = 0
    with tempfile.TemporaryDirectory() as tmp:
        runs = {}
        for name, mode in CASES:
            src = root / "scenarios" / f"{name}.json"
            out = pathlib.Path(tmp) / name
            if name not in runs:
                subprocess.run([calsim, "run", str(src), "-o", str(out), "--quiet"], check=False,
                               stdout=subprocess.DEVNULL)
                runs[name] = json.loads((out / "truth.json").read_text())
            truth = runs[name]
            scenario = json.loads(src.read_text())
            got = {c["name"] for c in truth["clients"] if any(m["mode"] == mode for m in c["failure_modes"])}
            want = expected(scenario, "cloned_hwid" if mode == "superseded_cal" else mode)
            ok = truth["schema"] == "calsim-truth/1" and got == want
            print(("PASS" if ok else "FAIL"), name, mode, f"{len(got)} clients",
                  "" if ok else f"extra {sorted(got - want)[:5]} missing {sorted(want - got)[:5]}")
            passed, failed = passed + ok, failed + (not ok)
            # Every CAL held from a pack is attributed to exactly one mode.
            packs = {}
            with open(out / "key_packs.csv", newline="", encoding="utf-8") as f:
                rows = [r for r in f if not r.startswith("#TYPE")]
            for r in csv.DictReader(rows):
                if r["KeyPackType"] != "4" and int(r["IssuedLicenses"]) >= 0:
                    packs[r["KeyPackId"]] = int(r["IssuedLicenses"])
            held = sum(sum(p["held_by_mode"].values()) for p in truth["packs"])
            issued = sum(packs.values())
            ok = held == issued
            print(("PASS" if ok else "FAIL"), name, f"held_by_mode adds up to {held}, key_packs.csv issues {issued}")
            passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
