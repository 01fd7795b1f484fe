#!/usr/bin/env python3
"""calsim run --stats (issue 18): the memory it accounts for (the run's arrays
at its end, in bytes touched, plus what the process held before the run)
agrees with the peak resident set within 10 %, on a 300,000-client estate
(10 days), where the per-client arrays dominate; and the per-client figures
are at least what the arrays' element sizes imply.

usage: stats_memory_test.py CALSIM MAKE_ESTATE WORKDIR
"""
import re
import shutil
import subprocess
import sys
from pathlib import Path


def main():
    calsim, make_estate, work = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    clients = 300000
    scenario = work / "estate.json"
    scenario.write_text(subprocess.run([make_estate, str(clients), "10"], capture_output=True, text=True,
                                       check=True).stdout)
    p = subprocess.run([calsim, "run", str(scenario), "-o", str(work / "out"), "--quiet", "--stats", "--no-expect"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"calsim run failed ({p.returncode}): {p.stderr}")
    m = re.search(r"memory: (\d+) bytes per client at the end of the run \(clients (\d+), pending events (\d+), "
                  r"license databases (\d+), truth.json's recorder (\d+)", p.stdout)
    peak = re.search(r"peak memory: (\d+) MiB resident \((\d+) bytes per client\); accounted (\d+) MiB, (\d+) %",
                     p.stdout)
    if not m or not peak:
        sys.exit("no memory lines in --stats:\n" + p.stdout)
    per_client, state, events, databases, truth = map(int, m.groups())
    peak_mib, _, accounted_mib, percent = map(int, peak.groups())
    problems = []
    if state < 128:
        problems.append(f"clients {state} B < 128 B (client_state)")
    if databases < 2 * 48:
        problems.append(f"license databases {databases} B < a temporary and a permanent of 48 B")
    if truth < 16 + 32:
        problems.append(f"truth's recorder {truth} B < an open span (16 B) and a span (32 B)")
    if events <= 0:
        problems.append("no pending events counted")
    if abs(accounted_mib - peak_mib) > 0.10 * peak_mib:
        problems.append(f"accounted {accounted_mib} MiB is not within 10 % of the peak RSS {peak_mib} MiB ({percent} %)")
    shutil.rmtree(work, ignore_errors=True)
    if problems:
        sys.exit("\n".join(problems) + "\n" + p.stdout)
    print(f"accounted {accounted_mib} MiB of a {peak_mib} MiB peak ({percent} %), {per_client} bytes per client")


if __name__ == "__main__":
    main()
