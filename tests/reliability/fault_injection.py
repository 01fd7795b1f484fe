#!/usr/bin/env python3
"""Fault injection (issue 19; README, "Reliability"): real calsim processes
meet failing writes, renames and syncs (an LD_PRELOAD shim, fault_shim.c, and
RLIMIT_FSIZE), SIGINT/SIGTERM at random points, SIGKILL inside the commit,
threads that cannot start, a memory limit, and bad option values. After each,
the output folder must hold either the complete previous output or the
complete new one, as its manifest.json says, and no temporary file may be
left beside it (a SIGKILL's staging folder is removed by the next command).

usage: fault_injection.py --calsim BIN --shim LIB --work DIR [--signal-runs N]
"""
import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

SCENARIO = "healthy-per-device-pool"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def run(calsim, args, env_extra=None, preexec=None, timeout=300):
    env = dict(os.environ)
    env.update(env_extra or {})
    p = subprocess.run([calsim] + args, capture_output=True, env=env, preexec_fn=preexec, timeout=timeout)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def folder_state(folder):
    """The seed of the complete output in `folder`, None if there is no folder;
    raises AssertionError when the folder is not one complete output."""
    if not folder.exists():
        return None
    manifest = json.loads((folder / "manifest.json").read_text())
    listed = sorted(manifest["files"] + ["manifest.json"])
    present = files_under(folder)
    assert present == listed, f"{folder}: files {len(present)} != manifest {len(listed)}: " \
        f"{sorted(set(present) ^ set(listed))[:5]}"
    assert manifest["file_count"] == len(listed)
    if (folder / "summary.json").exists():
        assert json.loads((folder / "summary.json").read_text())["seed"] == manifest["seed"]
    return manifest.get("seed")


def leftovers(parent, allow_staging=False):
    """Temporary files or staging folders beside or inside the outputs."""
    bad = []
    for p in parent.rglob("*"):
        n = p.name
        if ".tmp-" in n or (".calsim-old-" in n) or (".calsim-staging-" in n and not allow_staging):
            bad.append(str(p))
    return bad


def expect_state(folder, seed, what):
    try:
        got = folder_state(folder)
        check(got == seed, f"{what}: folder holds seed {got}, expected {seed}")
    except (AssertionError, OSError, ValueError, KeyError) as e:
        check(False, f"{what}: folder is not one complete output: {e}")


def base_run(calsim, out, seed, extra=()):
    rc, _, err = run(calsim, ["run", SCENARIO, "-o", str(out), "--quiet", "--seed", str(seed)] + list(extra))
    check(rc == 0, f"run seed {seed} into {out.name} exits 0 (got {rc}: {err.strip()[:200]})")


def test_stale_files(calsim, work):
    out = work / "stale"
    base_run(calsim, out, 1, ["--trace"])
    check((out / "trace.jsonl").exists(), "stale: --trace writes trace.jsonl")
    base_run(calsim, out, 2)
    check(not (out / "trace.jsonl").exists(), "stale: a second run without --trace leaves no trace.jsonl")
    base_run(calsim, out, 3, ["--set", "/clients/0/count=5", "--no-expect"])
    regs = [f for f in files_under(out) if f.startswith("registry/")]
    check(len(regs) < 20, f"stale: registry/ holds only the clients of the last run ({len(regs)} files)")
    expect_state(out, 3, "stale")


def test_failing_writes(calsim, shim, work):
    out = work / "failing"
    base_run(calsim, out, 1)
    cases = [("renameat2:1:fail", "swap fails"), ("rename:1:fail", "first rename fails"),
             ("fwrite:80:fail", "a write near the end fails"), ("fwrite:1:fail", "first write fails"),
             ("fwrite:30:fail", "a later write fails"), ("fsync:1:fail", "the sync fails")]
    for fault, what in cases:
        rc, _, err = run(calsim, ["run", SCENARIO, "-o", str(out), "--quiet", "--seed", "2"],
                         {"LD_PRELOAD": shim, "CALSIM_FAULT": fault})
        check(rc == 2, f"{what} ({fault}): exit 2 (got {rc}: {err.strip()[:160]})")
        check("cannot" in err, f"{what}: the message says what could not be done")
        expect_state(out, 1, what)
        check(not leftovers(work), f"{what}: no temporary file left ({leftovers(work)[:3]})")


def test_file_size_limit(calsim, work):
    out = work / "fsize"
    base_run(calsim, out, 1)

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    rc, _, err = run(calsim, ["run", SCENARIO, "-o", str(out), "--quiet", "--seed", "2", "--trace"], preexec=limit)
    check(rc == 2, f"full disk (RLIMIT_FSIZE 64 KiB): exit 2 (got {rc}: {err.strip()[:160]})")
    expect_state(out, 1, "full disk")
    check(not leftovers(work), "full disk: no temporary file left")


def test_kill_in_commit(calsim, shim, work):
    out = work / "killed"
    base_run(calsim, out, 1)
    # In its staging folder a run writes each file under its own name (one
    # rename: manifest.json's), so the kills are: while writing the files,
    # right before manifest.json's rename, and around the folder's swap.
    for fault, seed_after in [("fwrite:80:kill", 1), ("rename:1:kill", 1), ("renameat2:1:kill", 1),
                              ("renameat2:1:killafter", 2)]:
        rc, _, _ = run(calsim, ["run", SCENARIO, "-o", str(out), "--quiet", "--seed", "2"],
                       {"LD_PRELOAD": shim, "CALSIM_FAULT": fault})
        check(rc == -signal.SIGKILL, f"kill -9 ({fault}): killed (got {rc})")
        expect_state(out, seed_after, f"kill -9 ({fault})")
        base_run(calsim, out, 1)  # the next command removes the killed one's staging folder
        check(not leftovers(work), f"kill -9 ({fault}): the next run removed what the killed one left")


def run_duration(calsim, out, extra):
    t = time.monotonic()
    base_run(calsim, out, 0, extra)
    return time.monotonic() - t


def test_signals(calsim, work, runs, rng):
    out = work / "signals"
    extra = ["--trace", "--set", "/clients/0/count=300", "--no-expect"]
    duration = run_duration(calsim, out, extra)
    current = 0
    finished = interrupted = 0
    for i in range(runs):
        seed = 100 + i
        sig = signal.SIGINT if i % 2 == 0 else signal.SIGTERM
        p = subprocess.Popen([calsim, "run", SCENARIO, "-o", str(out), "--quiet", "--seed", str(seed)] + extra,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0, duration * 1.5))
        p.send_signal(sig)
        _, err = p.communicate(timeout=120)
        rc = p.returncode
        if rc == 0:
            finished += 1
            current = seed
        elif rc == -sig and not err:
            pass  # the signal came before calsim's main() installed its handler: nothing was started
        else:
            interrupted += 1
            check(rc == 128 + sig, f"signal run {i}: exit {128 + sig} after {sig.name} (got {rc})")
            said = err.decode()
            check(said.strip().count("\n") == 0, f"signal run {i}: one line on stderr ({said.strip()[:120]})")
            if "holds the new output" in said:  # the signal came after the commit
                current = seed
            else:
                check("output folder is unchanged" in said, f"signal run {i}: says the folder is unchanged")
        try:
            got = folder_state(out)
            check(got == current, f"signal run {i}: folder holds seed {got}, expected {current}")
        except (AssertionError, OSError, ValueError, KeyError) as e:
            check(False, f"signal run {i}: folder is not one complete output: {e}")
        bad = leftovers(work)
        check(not bad, f"signal run {i}: no temporary file left ({bad[:3]})")
    print(f"     {runs} signal runs: {interrupted} interrupted, {finished} finished first")
    check(interrupted > 0, "signals: some runs were interrupted")


def test_sweep_and_threads(calsim, shim, work):
    out = work / "sweep"
    args = ["sweep", SCENARIO, "--replications", "8", "-o", str(out), "--quiet"]
    rc, _, err = run(calsim, args + ["--seed", "1", "--threads", "2"])
    check(rc == 0, f"sweep seed 1 exits 0 ({err.strip()[:160]})")
    reference = (out / "sweep.csv").read_bytes()
    rc, _, err = run(calsim, args + ["--seed", "2"], {"LD_PRELOAD": shim, "CALSIM_FAULT": "fwrite:2:fail"})
    check(rc == 2, f"sweep on a failing disk: exit 2 (got {rc}: {err.strip()[:160]})")
    expect_state(out, 1, "sweep on a failing disk")
    for fault, started in [("pthread_create:3:fail", 2), ("pthread_create:1:fail", 0)]:
        rc, _, err = run(calsim, args + ["--seed", "1", "--threads", "8"],
                         {"LD_PRELOAD": shim, "CALSIM_FAULT": fault})
        check(rc == 0, f"threads that cannot start ({fault}): goes on, exit 0 (got {rc}: {err.strip()[:160]})")
        check(f"could start only {started} of 8 threads" in err, f"threads ({fault}): says so ({err.strip()[:160]})")
        check((out / "sweep.csv").read_bytes() == reference, f"threads ({fault}): the same sweep.csv")
    check(not leftovers(work), "sweep: no temporary file left")
    # run writes registry/ and tsctst/ on a second thread (issue 18); without one, itself: the same bytes.
    base_run(calsim, work / "run-threaded", 4)
    rc, _, err = run(calsim, ["run", SCENARIO, "-o", str(work / "run-unthreaded"), "--quiet", "--seed", "4"],
                     {"LD_PRELOAD": shim, "CALSIM_FAULT": "pthread_create:1:fail"})
    check(rc == 0, f"run without a second thread exits 0 (got {rc}: {err.strip()[:160]})")
    same = [f for f in files_under(work / "run-threaded") if f != "summary.json"]
    check(len(same) > 10 and same == [f for f in files_under(work / "run-unthreaded") if f != "summary.json"] and
          all((work / "run-threaded" / f).read_bytes() == (work / "run-unthreaded" / f).read_bytes() for f in same),
          f"run without a second thread: the same {len(same)} files, byte for byte (summary.json names its folder)")


def test_out_of_memory(calsim, work):
    big = work / "big-description.json"
    scenario = json.loads(Path(scenario_path(calsim)).read_text())
    scenario["description"] = "x" * (50 * 1024 * 1024)
    big.write_text(json.dumps(scenario))

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (200 * 1024 * 1024, 200 * 1024 * 1024))

    rc, _, err = run(calsim, ["run", str(big), "-o", str(work / "oom"), "--quiet"], preexec=limit)
    check(rc == 3 and "out of memory while" in err,
          f"out of memory: exit 3 naming the phase (got {rc}: {err.strip()[:200]})")
    check(not (work / "oom").exists() and not leftovers(work), "out of memory: nothing written")
    big.unlink()


def scenario_path(calsim):
    out = subprocess.run([calsim, "list"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        for word in line.split():
            if word.endswith(SCENARIO + ".json"):
                return word
    sys.exit("fault_injection: calsim list names no " + SCENARIO)


def test_bad_values(calsim, work):
    out = work / "bad-values"
    for cmd in (["run", SCENARIO], ["sweep", SCENARIO, "--replications", "2"],
                ["size", SCENARIO, "--pack", "LS1/DEV19", "--replications", "20"]):
        for seed in ("-1", "18446744073709551616", "1e23"):
            rc, _, err = run(calsim, cmd + ["-o", str(out), "--quiet", f"--seed={seed}"])
            check(rc == 2 and "/seed" in err, f"{cmd[0]} --seed={seed}: exit 2 naming /seed (got {rc})")
        for threads in ("-1", "0", "1e3", ""):
            if cmd[0] == "run":
                continue
            rc, _, _ = run(calsim, cmd + ["-o", str(out), "--quiet", f"--threads={threads}"])
            check(rc == 2, f"{cmd[0]} --threads={threads!r}: exit 2 (got {rc})")
    check(not out.exists(), "bad values: nothing written")

    key = "k" * (5 * 1024 * 1024)
    scenario = json.loads(Path(scenario_path(calsim)).read_text())
    scenario[key] = 1
    bad = work / "huge-key.json"
    bad.write_text(json.dumps(scenario))
    rc, _, err = run(calsim, ["validate", str(bad)])
    check(rc == 2 and len(err) < 4096 and "bytes in all" in err,
          f"a 5 MB unknown key: exit 2, message cut with its length ({rc}, {len(err)} bytes)")
    bad.unlink()

    unloadable = work / "unloadable"
    unloadable.mkdir()
    (unloadable / "broken.json").write_text('{"calsim": 1, "start": 7}')
    rc, outp, _ = run(calsim, ["test", str(unloadable)])
    check(rc == 2, f"test of a scenario that does not load: exit 2 (got {rc})")
    empty = work / "no-scenarios"
    empty.mkdir()
    rc, _, err = run(calsim, ["test", str(empty)])
    check(rc == 2 and "no scenario" in err, f"test of a folder without scenarios: exit 2 (got {rc})")
    rc, _, _ = run(calsim, ["explain", SCENARIO, "--client", "NO-SUCH-CLIENT"])
    check(rc == 2, f"explain of an unknown client: exit 2 (got {rc})")


def test_foreign_files(calsim, work):
    out = work / "foreign"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    rc, _, err = run(calsim, ["run", SCENARIO, "-o", str(out), "--quiet"])
    check(rc == 2 and "--replace" in err, f"a folder with foreign files is refused, exit 2 (got {rc})")
    check((out / "notes.txt").read_text() == "mine", "foreign files: kept")
    rc, _, _ = run(calsim, ["run", SCENARIO, "-o", str(out), "--quiet", "--replace", "--seed", "5"])
    check(rc == 0 and not (out / "notes.txt").exists(), "--replace replaces the folder")
    expect_state(out, 5, "--replace")
    target_file = work / "a-file"
    target_file.write_text("x")
    rc, _, _ = run(calsim, ["run", SCENARIO, "-o", str(target_file), "--quiet"])
    check(rc == 2 and target_file.read_text() == "x", "an output path that is a file: exit 2, untouched")


def test_corpus(calsim, shim, work):
    out = work / "corpus"
    sc = scenario_path(calsim)
    rc, _, err = run(calsim, ["corpus", sc, "-o", str(out), "--quiet"])
    check(rc == 0, f"corpus exits 0 ({err.strip()[:160]})")
    before = files_under(out)
    rc, _, _ = run(calsim, ["corpus", sc, "-o", str(out), "--quiet"],
                   {"LD_PRELOAD": shim, "CALSIM_FAULT": "renameat2:1:fail"})
    check(rc == 2 and files_under(out) == before, f"corpus: a failing commit leaves the previous corpus ({rc})")
    check(not leftovers(work), "corpus: no temporary file left")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calsim", required=True)
    ap.add_argument("--shim", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--signal-runs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20261203)
    a = ap.parse_args()
    work = Path(a.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    calsim, shim = os.path.abspath(a.calsim), os.path.abspath(a.shim)
    test_stale_files(calsim, work)
    test_failing_writes(calsim, shim, work)
    test_file_size_limit(calsim, work)
    test_kill_in_commit(calsim, shim, work)
    test_sweep_and_threads(calsim, shim, work)
    test_out_of_memory(calsim, work)
    test_bad_values(calsim, work)
    test_foreign_files(calsim, work)
    test_corpus(calsim, shim, work)
    test_signals(calsim, work, a.signal_runs, random.Random(a.seed))
    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("fault injection: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
