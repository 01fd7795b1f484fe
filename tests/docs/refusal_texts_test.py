#!/usr/bin/env python3
"""Every refusal sentence a trainer reads aloud (the cause texts of
sim/model/decision_text.cpp) agrees with the rules doc (R-GRACE-4): "no Remote
Desktop License Servers available" appears only for the causes in which no
license server could be reached (their names contain "no_server"), and for
each of those.  --self-test also checks that a wrong table is caught.

Usage: refusal_texts_test.py SOURCE_DIR [--self-test]   Exit 0 when they agree, 1 otherwise.
"""

import os
import re
import sys

PHRASE = "no Remote Desktop License Servers available"


def causes(text):
    """(cause name, sentence) of the `causes` table; adjacent string literals are joined."""
    m = re.search(r"causes\{\{(.*?)\}\};", text, re.S)
    if not m:
        return []
    out = []
    for name, body in re.findall(r"\{refusal_cause::(\w+),((?:\s*\"(?:[^\"\\]|\\.)*\")+)\s*\}", m.group(1)):
        out.append((name, "".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", body))))
    return out


def problems(table, rules_text):
    found = []
    if len(table) < 3:
        found.append("the causes table of decision_text.cpp was not found or is too short")
    for name, sentence in table:
        no_server = "no_server" in name
        if (PHRASE in sentence) != no_server:
            found.append(f"refusal_cause::{name}: \"{sentence}\" " +
                         ("lacks" if no_server else "must not say") + f" \"{PHRASE}\"")
    if not any("no_server" in n for n, _ in table):
        found.append("no no-server cause in the table")
    flat = " ".join(rules_text.split()).lower()  # markdown wraps the phrase across lines
    if "r-grace-4" not in flat or PHRASE.lower() not in flat:
        found.append(f"docs/rules.md: R-GRACE-4 and the phrase \"{PHRASE}\" are expected there")
    return found


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    src = argv[1]
    text = open(os.path.join(src, "sim/model/decision_text.cpp"), encoding="utf-8").read()
    rules = open(os.path.join(src, "docs/rules.md"), encoding="utf-8").read()
    table = causes(text)
    found = problems(table, rules)
    if "--self-test" in argv:
        # A wrong table must be caught: the phrase on a cause that reached a server.
        bad = [(n, s + ": " + PHRASE if n == "temporary_expired" else s) for n, s in table]
        if not problems(bad, rules):
            found.append("self-test: a wrong sentence for temporary_expired was not caught")
        missing = [(n, s.replace(PHRASE, "the server is down")) for n, s in table]
        if not problems(missing, rules):
            found.append("self-test: a no-server cause without the phrase was not caught")
    for p in found:
        print("FAIL " + p)
    if not found:
        print(f"OK {len(table)} refusal sentences agree with R-GRACE-4")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
