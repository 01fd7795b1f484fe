#!/usr/bin/env python3
"""Every rule id of the rules reference has code that names it (in sim/, as
"R-DEV-7" or rule_id::dev_7) and at least one test that names it (in tests/,
as R_DEV_7 in a test name or "R-DEV-7"). Known gaps are listed, with the
reason, in tests/rules/known_gaps.txt; a listed gap that is covered fails too,
so the list only shrinks.

usage: rules_coverage.py RULES.md SOURCE_DIR
"""
import pathlib
import re
import sys


def texts(root, sub, suffixes):
    out = []
    for p in sorted((root / sub).rglob("*")):
        if p.is_file() and p.suffix in suffixes:
            out.append(p.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(out)


def main():
    rules_file, root = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    ids = sorted(set(re.findall(r"\bR-[A-Z]+-[0-9]+\b", rules_file.read_text(encoding="utf-8"))))
    if not ids:
        print(f"no rule ids found in {rules_file}")
        return 1
    code = texts(root, "sim", {".cpp", ".hpp"})
    tests = texts(root, "tests", {".cpp", ".hpp", ".py", ".sh", ".json"})
    gaps = {}
    for line in (root / "tests/rules/known_gaps.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rid, _, why = line.partition(" ")
            gaps[rid] = why.strip()
    bad = 0
    for rid in ids:
        group, num = rid.split("-")[1:]
        enum = f"rule_id::{group.lower()}_{num}"
        in_code = rid in code or enum in code
        under = rid.replace("-", "_")
        in_tests = re.search(rf"(?<![0-9A-Za-z]){re.escape(under)}(?![0-9])", tests) is not None or f'"{rid}"' in tests
        missing = [what for what, ok in (("code", in_code), ("test", in_tests)) if not ok]
        if missing and rid not in gaps:
            print(f"FAIL {rid}: no {' and no '.join(missing)} names it")
            bad += 1
        elif not missing and rid in gaps:
            print(f"FAIL {rid}: covered now; remove it from tests/rules/known_gaps.txt")
            bad += 1
        elif missing:
            print(f"GAP  {rid}: {gaps[rid]}")
    covered = len(ids) - len(gaps)
    print(f"{covered} of {len(ids)} rule ids have code and a test; {len(gaps)} known gaps")
    print(f"{len(ids) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
