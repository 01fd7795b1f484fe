#!/usr/bin/env python3
"""Golden files: every file `calsim run --trace` writes for a few small catalog
scenarios (fixed seed), kept under tests/golden/<scenario>/ and compared byte
for byte (the UTF-16 .reg files too). Only the calsim version is masked: its
value in summary.json (and any other "calsim_*"/"*commit*" string field there)
and every occurrence of that value in the other files (report.html).

  scripts/golden.py --calsim build/sim/cli/calsim            # compare (ctest)
  scripts/golden.py --calsim build/sim/cli/calsim --refresh  # rewrite on purpose
"""
import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# (scenario file stem, seed): small scenarios, each with an action, so the
# report's action markers are covered too.
GOLDEN = [("corrupt-client-store", 42), ("delete-mslicensing-masks-shortage", 42)]
MASK = "@CALSIM_VERSION@"
VERSION_FIELD = re.compile(rb'("(?:calsim_[a-z_]*|[a-z_]*commit[a-z_]*)"\s*:\s*)"(?:[^"\\]|\\.)*"')


def run(calsim: Path, source: Path, stem: str, seed: int, work: Path) -> Path:
    """Runs one scenario in `work` with paths that do not depend on where the
    checkout or the build is (they are recorded in summary.json)."""
    link = work / "scenarios"
    if not link.exists():
        link.symlink_to(source / "scenarios")
    argv = ["calsim", "run", f"scenarios/{stem}.json", "--seed", str(seed), "--trace", "--quiet", "-o", stem]
    done = subprocess.run(argv, executable=str(calsim), cwd=work, capture_output=True)
    if done.returncode != 0:
        sys.exit(f"golden: {' '.join(argv)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}")
    return work / stem


def masked(folder: Path) -> dict:
    """Relative path → bytes, with the version masked."""
    summary = json.loads((folder / "summary.json").read_bytes())
    version = summary.get("calsim_version")
    if not isinstance(version, str) or not version:
        sys.exit(f"golden: {folder / 'summary.json'} names no calsim_version")
    needles = {version.encode(), html.escape(version).encode()}
    commit = summary.get("calsim_commit")  # the build's commit changes with every commit: masked too
    if isinstance(commit, str) and commit:
        needles |= {commit.encode(), commit[:12].encode()}  # the reports name its first 12 digits
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "summary.json":
            data = VERSION_FIELD.sub(lambda m: m.group(1) + b'"' + MASK.encode() + b'"', data)
        for needle in needles:
            data = data.replace(needle, MASK.encode())
        files[path.relative_to(folder).as_posix()] = data
    return files


def first_difference(a: bytes, b: bytes) -> str:
    n = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
    line = a[:n].count(b"\n") + 1
    return f"first difference at byte {n} (line {line}); sizes {len(a)} (golden) and {len(b)} (now)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calsim", required=True, type=Path, help="the calsim binary")
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the source tree (default: this script's)")
    parser.add_argument("--refresh", action="store_true", help="rewrite tests/golden from this binary")
    args = parser.parse_args()
    calsim, source = args.calsim.resolve(), args.source.resolve()
    golden_root = source / "tests" / "golden"
    problems = []
    with tempfile.TemporaryDirectory(prefix="calsim-golden-") as tmp:
        for stem, seed in GOLDEN:
            now = masked(run(calsim, source, stem, seed, Path(tmp)))
            folder = golden_root / stem
            if args.refresh:
                shutil.rmtree(folder, ignore_errors=True)
                for rel, data in now.items():
                    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                    (folder / rel).write_bytes(data)
                print(f"golden: wrote {len(now)} files to {folder.relative_to(source)}")
                continue
            if not folder.is_dir():
                problems.append(f"{stem}: no golden files (run make golden-refresh)")
                continue
            kept = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
            for rel in sorted(kept.keys() - now.keys()):
                problems.append(f"{stem}/{rel}: no longer written")
            for rel in sorted(now.keys() - kept.keys()):
                problems.append(f"{stem}/{rel}: new file, not in the golden set")
            for rel in sorted(now.keys() & kept.keys()):
                if now[rel] != kept[rel]:
                    problems.append(f"{stem}/{rel}: differs, {first_difference(kept[rel], now[rel])}")
            if not args.refresh:
                print(f"golden: {stem}: {len(kept)} files compared")
    for p in problems:
        print(f"golden: {p}", file=sys.stderr)
    if problems:
        print("golden: outputs changed; if on purpose, run `make golden-refresh` and commit tests/golden",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
