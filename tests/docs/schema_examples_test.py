#!/usr/bin/env python3
"""`calsim schema` is docs/scenario.schema.json, a valid draft 2020-12 schema,
and every scenario the project shows validates against it with a real
validator (python3-jsonschema):
- every scenarios/*.json (the catalog);
- every *.json under tests/ that `calsim validate` accepts (the others are the
  refused inputs of the loader tests, counted and skipped);
- every ```json block of README.md and docs/*.md that is a whole scenario (an
  object with "calsim"): the loader must accept it too.

Usage: schema_examples_test.py CALSIM [REPO]
Exit 0 when all pass, 1 when any fails, 2 on a setup error.
"""

import json
import pathlib
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("schema_examples_test: python3-jsonschema is missing (scripts/install-deps.sh installs it)", file=sys.stderr)
    sys.exit(2)


def accepted_by_loader(calsim, files):
    if not files:
        return set()
    r = subprocess.run([calsim, "validate", *map(str, files)], capture_output=True, text=True)
    return {line[3:].rsplit(" (", 1)[0] for line in r.stdout.splitlines() if line.startswith("OK ")}


def json_blocks(md):
    """(line, text) of every ```json fenced block."""
    out, block, start = [], None, 0
    for number, line in enumerate(md.read_text(encoding="utf-8").splitlines(), 1):
        if block is None and re.match(r"^\s*```json\s*$", line):
            block, start = [], number + 1
        elif block is not None and re.match(r"^\s*```\s*$", line):
            out.append((start, "\n".join(block)))
            block = None
        elif block is not None:
            block.append(line)
    return out


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    calsim = argv[1]
    repo = pathlib.Path(argv[2] if len(argv) > 2 else pathlib.Path(__file__).resolve().parents[2]).resolve()
    failures = []

    r = subprocess.run([calsim, "schema"], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"calsim schema exited {r.returncode}: {r.stderr}")
        return 1
    data_file = (repo / "docs" / "scenario.schema.json").read_text(encoding="utf-8")
    if r.stdout.rstrip("\n") != data_file.rstrip("\n"):
        failures.append("calsim schema does not print docs/scenario.schema.json (re-run cmake to embed it)")
    schema = json.loads(r.stdout)
    if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        failures.append(f"$schema is {schema.get('$schema')!r}, not draft 2020-12")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    def check(label, doc):
        errors = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:200]}"
                  for e in validator.iter_errors(doc)]
        if errors:
            failures.append(f"{label}: the schema refuses it:\n    " + "\n    ".join(errors[:5]))

    catalog = sorted((repo / "scenarios").glob("*.json"))
    for f in catalog:
        check(f.relative_to(repo), json.loads(f.read_text(encoding="utf-8")))
    if len(catalog) < 10:
        failures.append(f"only {len(catalog)} catalog scenarios found in {repo / 'scenarios'}")

    test_files = sorted(p for p in (repo / "tests").rglob("*.json"))
    accepted = accepted_by_loader(calsim, test_files)
    checked_tests = 0
    for f in test_files:
        if str(f) in accepted:
            check(f.relative_to(repo), json.loads(f.read_text(encoding="utf-8")))
            checked_tests += 1

    blocks = 0
    with tempfile.TemporaryDirectory(prefix="calsim-doc-examples-") as tmp:
        for md in [repo / "README.md"] + sorted((repo / "docs").glob("*.md")):
            for line, text in json_blocks(md):
                label = f"{md.relative_to(repo)}:{line}"
                try:
                    doc = json.loads(text)
                except json.JSONDecodeError as e:
                    failures.append(f"{label}: a ```json block that is not JSON: {e}")
                    continue
                if not (isinstance(doc, dict) and "calsim" in doc):
                    continue  # a fragment (settings, a schema excerpt), not a scenario
                blocks += 1
                check(label, doc)
                f = pathlib.Path(tmp) / f"example-{blocks}.json"
                f.write_text(text, encoding="utf-8")
                if str(f) not in accepted_by_loader(calsim, [f]):
                    failures.append(f"{label}: calsim validate refuses this example")
    if blocks == 0:
        failures.append("no ```json scenario example found in README.md or docs/*.md")

    for msg in failures:
        print("FAIL", msg)
    print(f"{len(catalog)} catalog scenarios, {checked_tests} valid scenarios under tests/ "
          f"({len(test_files) - checked_tests} refused by the loader, skipped), {blocks} examples in the docs; "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
