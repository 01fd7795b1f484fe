#!/usr/bin/env python3
"""The built man page calsim.1 carries the help text the CLI prints: a NAME
line, every subcommand `calsim --help` lists with its own `--help` text, the
exit codes, and it is current (not older than the calsim binary).

Usage: man_page_test.py CALSIM CALSIM.1     Exit 0 when it does, 1 otherwise.
"""

import os
import re
import subprocess
import sys


def roff_text(s):
    """A help line as make_man_page.sh writes it: backslashes as \\e, a leading . or ' escaped."""
    s = s.replace("\\", "\\e")
    return "\\&" + s if s[:1] in (".", "'") else s


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    calsim, page = argv[1], argv[2]
    failures = []
    if not os.path.exists(page):
        print(f"FAIL {page} was not built (target calsim_man)")
        return 1
    text = open(page, encoding="utf-8").read()
    if os.path.getmtime(page) < os.path.getmtime(calsim):
        failures.append("calsim.1 is older than the calsim binary")
    if not re.search(r'^\.TH CALSIM "?1"?', text, re.M):
        failures.append("no .TH CALSIM 1 header")
    if "simulator of Remote Desktop Services licensing" not in text:
        failures.append("no NAME line")
    # Run by name from PATH, as make_man_page.sh does (usage lines say "calsim").
    env = dict(os.environ, PATH=os.path.dirname(os.path.abspath(calsim)) + os.pathsep + os.environ.get("PATH", ""))
    name = os.path.basename(calsim)
    top = subprocess.run([name, "--help"], capture_output=True, text=True, env=env).stdout
    subs = re.findall(r"^\s+([a-z]+)\s", re.split(r"(?i)^subcommands:", top, 1, re.M)[-1], re.M)
    if len(subs) < 9:
        failures.append(f"calsim --help lists only {subs}")
    for sub in subs:
        if f'.SS "calsim {sub}"' not in text:
            failures.append(f"no section for calsim {sub}")
            continue
        help_lines = subprocess.run([name, sub, "--help"], capture_output=True, text=True, env=env).stdout.splitlines()
        page_lines = {l.strip() for l in text.splitlines()}
        for line in help_lines:
            if line.strip() and roff_text(line).strip() not in page_lines:
                failures.append(f"calsim {sub} --help line missing from the page: {line!r}")
                break
    for code in ("0", "1", "2", "3"):
        if not re.search(rf"^\.B {code}$", text, re.M):
            failures.append(f"exit status {code} not described")
    for f in failures:
        print("FAIL", f)
    print(f"{len(subs)} subcommands checked in {page}; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
