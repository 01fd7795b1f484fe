#!/usr/bin/env python3
"""The JSON Schema (`calsim schema`) and the loader (`calsim validate`) agree.

Generates CASES random scenarios (scenario_generator.py, seeded: the same seed
gives the same cases), about a third valid and the rest with one change a
schema can judge, and checks that python3-jsonschema (draft 2020-12) and
`calsim validate` give the same verdict on each. The files under
tests/regressions/schema/ (cases that once disagreed) are checked the same way.

Usage: schema_agreement_test.py CALSIM [--cases N] [--seed S] [--save DIR]
--save DIR writes every disagreeing case there (to keep as a regression input).
Exit 0 when all agree, 1 when any disagrees, 2 on a usage or setup error.
"""

import argparse
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import scenario_generator  # noqa: E402

try:
    import jsonschema
except ImportError:
    print("schema_agreement_test: python3-jsonschema is missing (scripts/install-deps.sh installs it)", file=sys.stderr)
    sys.exit(2)

REPO = pathlib.Path(__file__).resolve().parents[2]


def loader_verdicts(calsim, files):
    """{file: (accepted, messages)} from one `calsim validate` run over all files."""
    r = subprocess.run([calsim, "validate", *map(str, files)], capture_output=True, text=True)
    if r.returncode not in (0, 2):
        raise SystemExit(f"calsim validate exited {r.returncode}: {r.stderr[:2000]}")
    ok = set()
    for line in r.stdout.splitlines():
        if line.startswith("OK "):
            ok.add(line[3:].rsplit(" (", 1)[0])
    messages = {str(f): [] for f in files}
    for line in r.stderr.splitlines():
        for f in files:
            if line.startswith(str(f) + ":"):
                messages[str(f)].append(line)
                break
    return {str(f): (str(f) in ok, messages[str(f)]) for f in files}


def schema_errors(validator, text):
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        return [f"not JSON: {e}"]
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:200]}"
            for e in validator.iter_errors(doc)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("calsim")
    ap.add_argument("--cases", type=int, default=600)
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--save", type=pathlib.Path)
    args = ap.parse_args()

    r = subprocess.run([args.calsim, "schema"], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"calsim schema exited {r.returncode}: {r.stderr}", file=sys.stderr)
        return 2
    schema = json.loads(r.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="calsim-schema-agreement-") as tmp:
        cases = []  # (file, what, meant_valid)
        for i in range(args.cases):
            doc = scenario_generator.valid_scenario(rng)
            if rng.random() < 0.33:
                what, meant_valid = "valid scenario", True
            else:
                doc, what = scenario_generator.mutate(rng, doc)
                meant_valid = None
            f = pathlib.Path(tmp) / f"case-{i:04d}.json"
            f.write_text(scenario_generator.to_text(doc), encoding="utf-8")
            cases.append((f, what, meant_valid))
        regressions = sorted((REPO / "tests" / "regressions" / "schema").glob("*.json"))
        for f in regressions:
            cases.append((f, f"regression {f.name}", None))

        verdicts = loader_verdicts(args.calsim, [c[0] for c in cases])
        disagreements, generator_bugs = [], []
        counts = {"agree_valid": 0, "agree_invalid": 0}
        for f, what, meant_valid in cases:
            text = f.read_text(encoding="utf-8")
            errors = schema_errors(validator, text)
            loader_ok, messages = verdicts[str(f)]
            schema_ok = not errors
            if meant_valid and not loader_ok:
                generator_bugs.append((f, what, messages))
            if loader_ok == schema_ok:
                counts["agree_valid" if loader_ok else "agree_invalid"] += 1
                continue
            disagreements.append((f, what, loader_ok, messages, errors))
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                (args.save / f"disagreement-{args.seed}-{f.stem}.json").write_text(text, encoding="utf-8")

    for f, what, messages in generator_bugs:
        print(f"GENERATOR BUG {f.name} ({what}): the loader refuses a scenario meant to be valid:")
        for m in messages[:5]:
            print("   ", m)
    for f, what, loader_ok, messages, errors in disagreements:
        print(f"DISAGREE {f.name} ({what}): calsim validate {'accepts' if loader_ok else 'refuses'}, "
              f"the schema {'refuses' if loader_ok else 'accepts'}")
        for m in messages[:5]:
            print("    loader:", m)
        for e in errors[:5]:
            print("    schema:", e)
    total = len(cases)
    print(f"{total} cases ({args.cases} generated with seed {args.seed}, {len(regressions)} regression inputs): "
          f"{counts['agree_valid']} valid and {counts['agree_invalid']} invalid for both, "
          f"{len(disagreements)} disagreements, {len(generator_bugs)} generator bugs")
    # A test that cannot fail is no test: both verdicts must be well represented.
    if counts["agree_valid"] < total // 5 or counts["agree_invalid"] < total // 5:
        print("too few valid or invalid cases: the generator no longer exercises both verdicts")
        return 1
    return 1 if disagreements or generator_bugs else 0


if __name__ == "__main__":
    sys.exit(main())
