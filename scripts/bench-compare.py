#!/usr/bin/env python3
"""`make bench-compare` (issue 18): calsim and the plain-Python reference model
(bench/reference/per_device_model.py) on the same generated estate, side by
side in one invocation: both throughputs (simulated client-years per second),
calsim's events/s and its whole `calsim run` (loading and every default file)
against the Python model, the ratios, and the agreement of the lifecycle counts
(temporaries and permanents issued, renewed, returned, refusals, connections).
Exits 1 when a count differs by more than 0.5 % (for counts of 1,000 or less,
by more than three standard deviations of a Poisson count). The Python model
runs REPEAT times, between REPEAT + 1 calsim runs: each side's fastest time
is shown, and each ratio is the median of the paired ratios (a Python run
against the mean of the calsim runs just before and after it; the shared
VM's speed drifts, and a best-of-N of a 0.2 s run and of a 10 s run would
meet different moments).

With --bench BIN it also gives the model alone on the same estate
(BM_ModelYear/CLIENTS, 365 days: no output file, no daily sample, no
truth.json; timed in the same loop, alternating with the other two) and at
100,000 clients (events/s), and with --million a 1,000,000-client, 365-day
`calsim run` (wall time, peak RSS, what --stats accounts for), so the README's
table comes from one invocation.

usage: bench-compare.py --calsim BIN --make-estate BIN [--clients N] [--days D] [--repeat R] [--work DIR]
       [--bench BIN] [--million] [--agreement-only]
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parent / "bench" / "reference" / "per_device_model.py"


def cpu_model():
    """lscpu's model name, with its family and model numbers: a VM's name alone
    ("AMD EPYC") does not tell one CPU generation from another."""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    except OSError:
        return "unknown"
    field = lambda name: (re.search(rf"^{name}:\s*(.+)$", out, re.M) or [None, None])[1]
    name = (field("Model name") or "unknown").strip()
    family, model = field("CPU family"), field("Model")
    return f"{name} (family {family.strip()}, model {model.strip()})" if family and model else name


def phases(stdout):
    """--stats' phases line: [(name, seconds)] in order."""
    m = re.search(r"phases \(s\): (.+)", stdout)
    out = []
    for part in (m.group(1).split("; ") if m else []):
        name, _, secs = part.rpartition(" ")
        out.append((name, float(secs)))
    return out


def calsim_stats(calsim, scenario, out_dir, what):
    """`calsim run --stats` into a new folder: (wall seconds, its output)."""
    began = time.perf_counter()
    p = subprocess.run([calsim, "run", str(scenario), "-o", str(out_dir), "--quiet", "--stats", "--no-expect"],
                       capture_output=True, text=True)
    wall = time.perf_counter() - began
    if p.returncode != 0:
        sys.exit(f"bench-compare: {what} failed ({p.returncode}): {p.stderr.strip()}")
    return wall, p.stdout


def run_million(calsim, make_estate, work):
    """A million clients x 365 days: wall time, peak RSS and --stats' account."""
    scenario = work / "estate-1000000x365.json"
    if not scenario.exists():
        scenario.write_text(subprocess.run([make_estate, "1000000", "365"], capture_output=True, text=True,
                                           check=True).stdout)
    wall, stdout = calsim_stats(calsim, scenario, work / f"out-million-{os.getpid()}", "the million-client run")
    peak = re.search(r"peak memory: ([0-9]+) MiB resident \(([0-9]+) bytes per client\); accounted ([0-9]+) MiB, "
                     r"([0-9]+) %", stdout)
    return wall, peak.groups(), phases(stdout)


def bench_iterations(bench, benchmark_filter, *extra):
    """calsim_bench's iteration rows (JSON) for one filter."""
    p = subprocess.run([bench, f"--benchmark_filter={benchmark_filter}", "--benchmark_format=json", *extra],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench-compare: calsim_bench failed: {p.stderr.strip()}")
    return [b for b in json.loads(p.stdout)["benchmarks"] if b.get("run_type") == "iteration"]


def run_model_100k(bench):
    return max(b["events/s"] for b in bench_iterations(bench, "BM_ModelYear/100000", "--benchmark_repetitions=3"))


def run_model_alone(bench, clients):
    """Seconds of one run of the model alone (BM_ModelYear: the same generated
    estate, no output file, no daily sample, no truth.json), or None when
    calsim_bench has no such size."""
    runs = bench_iterations(bench, f"BM_ModelYear/{clients}/")
    if not runs:
        return None
    unit = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9, "s": 1.0}[runs[0]["time_unit"]]
    return min(b["real_time"] for b in runs) * unit


def run_calsim(calsim, scenario, out_dir):
    wall, stdout = calsim_stats(calsim, scenario, out_dir, "calsim run")
    stages = re.search(r"; simulation ([0-9.e+-]+) s: set-up ([0-9.e+-]+), event loop ([0-9.e+-]+), "
                       r"end-of-run tables ([0-9.e+-]+);", stdout)
    sim = tuple(float(v) for v in stages.groups())  # simulation, set-up, event loop, end-of-run tables
    eps = int(re.search(r"events/s: ([0-9]+)", stdout).group(1))
    summary = json.loads((out_dir / "summary.json").read_text())
    counts = {
        "temporaries_issued": summary["temporaries_issued"],
        "permanents_issued": summary["permanents"]["issued"],
        "permanents_renewed": summary["permanents"]["renewed"],
        "permanents_returned": summary["permanents"]["returned"],
        "refused": summary["connections"]["refused"],
        "connections": summary["connections"]["attempted"],
    }
    return wall, sim, eps, counts, phases(stdout)


def run_reference(scenario):
    p = subprocess.run([sys.executable, str(REFERENCE), str(scenario)], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench-compare: the reference model failed: {p.stderr.strip()}")
    return json.loads(p.stdout)


def agree(a, b):
    """The two models draw from other random streams, so their counts differ
    by sampling noise: two independent counts of mean m differ with a standard
    deviation of at most sqrt(2 m) (Poisson; lease counts vary less). A count
    of 10,000 or more agrees within 0.5 % (the issue's criterion, well above
    that noise there); a smaller one within three of those deviations, plus 2
    (0.5 % of a few thousand is below the noise: 1,000 clients renew ~5,150
    permanents a year, and 0.5 % is 26, about one deviation)."""
    if max(a, b) < 10000:
        return abs(a - b) <= 3 * (a + b) ** 0.5 + 2
    return abs(a - b) <= 0.005 * max(a, b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calsim", required=True)
    ap.add_argument("--make-estate", required=True)
    ap.add_argument("--clients", type=int, default=10000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default=None)
    ap.add_argument("--bench", default=None, help="calsim_bench: the model alone at 100,000 clients")
    ap.add_argument("--million", action="store_true", help="also a 1,000,000-client, 365-day calsim run")
    ap.add_argument("--agreement-only", action="store_true", help="one run each, no timing table")
    a = ap.parse_args()
    work = Path(a.work or tempfile.mkdtemp(prefix="calsim-bench-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    scenario = work / f"estate-{a.clients}x{a.days}.json"
    scenario.write_text(subprocess.run([a.make_estate, str(a.clients), str(a.days)], capture_output=True,
                                       text=True, check=True).stdout)
    repeat = 1 if a.agreement_only else a.repeat
    model_alone = bool(a.bench) and not a.agreement_only and a.days == 365  # BM_ModelYear's estates are 365 days
    # Each run writes a new folder, as a first run does (ext4 allocates inodes
    # slowly for seconds after thousands were deleted: `--replace` into the
    # folder of the run before costs more; the README says how much).
    def calsim_round(i):
        out = work / f"out-{os.getpid()}-{i}"
        shutil.rmtree(out, ignore_errors=True)
        return run_calsim(a.calsim, scenario, out), run_model_alone(a.bench, a.clients) if model_alone else None

    # calsim, Python, calsim, Python, ..., calsim: each Python run is compared
    # with the calsim runs just before and after it (a shared VM's speed
    # drifts; a best-of-N of a 0.2 s run and of a 10 s run would meet
    # different moments), and the median of those paired ratios is reported.
    rounds = [calsim_round(0)]
    pythons = []
    for i in range(repeat):
        pythons.append(run_reference(scenario))
        if not a.agreement_only:
            rounds.append(calsim_round(i + 1))
    best_c = min((c for c, _ in rounds), key=lambda c: c[0])
    best_p = min(pythons, key=lambda p: p["seconds"])
    models = [m for _, m in rounds if m is not None]
    best_m = min(models) if models else None

    def paired(seconds_of):
        """Median and range of python_i / mean(calsim before, calsim after)."""
        r = sorted(p["seconds"] / ((seconds_of(rounds[i]) + seconds_of(rounds[i + 1])) / 2)
                   for i, p in enumerate(pythons))
        return statistics.median(r), r[0], r[-1]

    def simulation_seconds(r):  # a round: (run_calsim's tuple, the model alone's seconds)
        return r[0][1][0]

    def whole_seconds(r):
        return r[0][0]

    def model_seconds(r):
        return r[1]

    def ratio_text(seconds_of):
        med, lo, hi = paired(seconds_of)
        return f"ratio {med:6.1f}x ({lo:.1f}-{hi:.1f})"

    wall, sim, eps, counts, phase_list = best_c
    client_years = a.clients * a.days / 365.0
    print(f"estate: {a.clients} clients x {a.days} days (workdays 09:00 +/- 30 min, attendance 0.95), "
          f"machine: {cpu_model()}, {os.cpu_count()} CPUs, {repeat} Python runs between {len(rounds)} calsim runs")
    bad = 0
    print(f"{'count':22} {'calsim':>10} {'python':>10}  agree")
    for k, v in counts.items():
        ok = agree(v, best_p[k])
        bad += not ok
        print(f"{k:22} {v:>10} {best_p[k]:>10}  {'yes' if ok else 'NO'}")
    if not a.agreement_only:
        print("seconds: the fastest run of each; ratio: the median, over the Python runs, of its time against "
              "the mean of the calsim runs just before and after it (lowest-highest)")
        runs = ", ".join(f"{p['seconds']:.3f}" for p in pythons)
        print(f"python model:        {best_p['seconds']:8.3f} s  {client_years / best_p['seconds']:12.0f} client-years/s"
              f"  (runs: {runs})")
        total, set_up, loop, tables = sim
        print(f"calsim simulation:   {total:8.3f} s  {client_years / total:12.0f} client-years/s"
              f"  {ratio_text(simulation_seconds)}  (calsim run: set-up {set_up:.3f}, event loop {loop:.3f}"
              f" = {eps / 1e6:.1f} M events/s, end-of-run tables {tables:.3f})")
        if best_m is not None:
            print(f"calsim model alone:  {best_m:8.3f} s  {client_years / best_m:12.0f} client-years/s"
                  f"  {ratio_text(model_seconds)}  (BM_ModelYear/{a.clients}: no file, no daily sample)")
        print(f"calsim run (all):    {wall:8.3f} s  {client_years / wall:12.0f} client-years/s"
              f"  {ratio_text(whole_seconds)}  (loading, simulation and every default file)")
        print("calsim run phases (s): " + "; ".join(f"{n} {v:.3f}" for n, v in phase_list)
              + f"; process start-up and exit {max(0.0, wall - sum(v for _, v in phase_list)):.3f}")
        if a.bench:
            print(f"model alone, 100,000 clients x 365 days (BM_ModelYear, best of 3): {run_model_100k(a.bench) / 1e6:.2f} M events/s")
        if a.million:
            m_wall, (peak_mib, peak_per, acc_mib, acc_pct), m_phases = run_million(a.calsim, a.make_estate, work)
            print(f"1,000,000 clients x 365 days: {m_wall:.1f} s wall, peak RSS {peak_mib} MiB ({peak_per} bytes per "
                  f"client), --stats accounts for {acc_mib} MiB ({acc_pct} % of the peak)")
            print("  phases (s): " + "; ".join(f"{n} {v:.3f}" for n, v in m_phases))
    print("agreement: " + ("every count within 0.5 % (below 10,000: within 3 sigma)" if bad == 0 else f"{bad} counts differ"))
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)  # the million-client folder alone holds ~200 MB
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
