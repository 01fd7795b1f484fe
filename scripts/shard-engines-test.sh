#!/usr/bin/env bash
# The README's shard recipes on real engines (ctest shard_engines_parallel and
# shard_engines_slurm): each recipe is taken from README.md verbatim (the sh
# block after its "<!-- recipe: NAME" marker) and run in a fresh folder where
# `calsim` is this build and office.json a small scenario; its merge must
# equal a single sweep byte for byte.
#
#   parallel: GNU parallel. The first run has shard 3 fail (injected once), so
#             the recipe's `merge --check` must name shard 3 and merge nothing;
#             the same recipe run again (--resume-failed) must run shard 3 alone.
#   slurm:    a single-node Slurm (munged, slurmctld, slurmd from Debian) with a
#             minimal slurm.conf for this host in the work folder, on its own
#             ports and munge socket; the recipe is submitted with sbatch and
#             waited for (bounded), then the README's "run one shard again"
#             recipe after removing shard 3. The daemons it started are
#             stopped by their pids.
#
# Exit 0 pass, 1 fail, 77 skip (ctest SKIP_RETURN_CODE): the engine is not
# installed or Slurm cannot start here (the reason is printed).
# Usage: shard-engines-test.sh parallel|slurm CALSIM README.md WORK_DIR
set -u
engine="$1"
real_calsim="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
readme="$3"
work="$4"

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

# The sh block after "<!-- recipe: NAME" in the README, or after its
# marker's Nth following block when a second argument is given.
recipe() {
  awk -v name="$1" -v nth="${2:-1}" '
    index($0, "<!-- recipe: " name) == 1 { armed = 1; next }
    armed && /^```sh$/ { seen++; if (seen == nth) { inside = 1; next } }
    inside && /^```$/ { exit }
    inside { print }
  ' "$readme"
}

rm -rf "$work"
mkdir -p "$work/bin" "$work/run" || fail "cannot create $work"
run="$work/run"

# `calsim` for the recipes: this build, except that shard 3 fails once when
# $work/fail-shard-3 exists (an injected failure).
cat >"$work/bin/calsim" <<EOS
#!/bin/sh
case " \$* " in
  *" --shard 3/8 "*) if [ -e "$work/fail-shard-3" ]; then rm -f "$work/fail-shard-3"; echo "calsim: injected failure" >&2; exit 1; fi ;;
esac
exec "$real_calsim" "\$@"
EOS
chmod +x "$work/bin/calsim"
export PATH="$work/bin:$PATH"

# A small office: 25 PCs with jitter and attendance, 45 days.
cat >"$run/office.json" <<'EOS'
{
  "calsim": 1, "name": "office", "description": "Shard recipe test: 25 office PCs, one pack", "seed": 11,
  "start": "2026-01-05", "days": 45,
  "license_servers": [ { "name": "LS1", "version": 2019, "domain": "corp.example",
      "key_packs": [ { "id": "DEV19", "type": "per_device", "version": 2019, "count": 20 } ] } ],
  "session_hosts": [ { "name": "RDSH1", "version": 2019, "domain": "corp.example",
      "installed": "2025-01-01", "licensing_mode": 2, "license_servers": ["LS1"] } ],
  "clients": [ { "group": "office", "count": 25, "name": "PC-{n:02}", "kind": "persistent",
      "hosts": ["RDSH1"],
      "schedule": { "days": "workdays", "at": ["09:00"], "jitter_minutes": 30, "attendance": 0.7 } } ]
}
EOS

# The reference: one sweep, one process.
(cd "$run" && "$real_calsim" sweep office.json --seed 7 --replications 1000 --threads 2 -o single --quiet) ||
  fail "the single sweep failed"

same_as_single() {
  for f in sweep.csv report.html; do
    [ -f "$run/out/office-sweep/$f" ] || fail "$1: no out/office-sweep/$f"
    cmp -s "$run/single/$f" "$run/out/office-sweep/$f" || fail "$1: out/office-sweep/$f differs from a single sweep's"
  done
  echo "ok: $1: merged sweep.csv and report.html equal a single sweep's, byte for byte"
}

case "$engine" in
parallel)
  command -v parallel >/dev/null 2>&1 || skip "GNU parallel is not installed (Debian package parallel)"
  block="$(recipe gnu-parallel)"
  [ -n "$block" ] || fail "no gnu-parallel recipe in $readme"
  touch "$work/fail-shard-3"
  (cd "$run" && bash -c "$block") >"$work/first.out" 2>&1
  rc=$?
  [ "$rc" -ne 0 ] || fail "the recipe passed although shard 3 failed"
  grep -q "^missing: 3$" "$work/first.out" || { cat "$work/first.out"; fail "merge --check did not name shard 3"; }
  grep -q "^to run again: 3$" "$work/first.out" || { cat "$work/first.out"; fail "no 'to run again: 3'"; }
  [ ! -e "$run/out/office-sweep" ] || fail "a merge was written although shard 3 was missing"
  echo "ok: first run: shard 3 failed, merge --check named it, nothing merged"
  (cd "$run" && bash -c "$block") >"$work/second.out" 2>&1 || { cat "$work/second.out"; fail "the resumed recipe failed"; }
  # joblog: header, 8 shards, then shard 3 once more.
  jobs=$(($(wc -l <"$run/shards/office-seed7.joblog") - 1))
  [ "$jobs" -eq 9 ] || { cat "$run/shards/office-seed7.joblog"; fail "expected 9 jobs in the joblog (8 + shard 3 again), got $jobs"; }
  echo "ok: second run: --resume-failed ran shard 3 alone"
  same_as_single "GNU parallel"
  ;;

slurm)
  for tool in munged mungekey slurmctld slurmd sbatch squeue sinfo scancel; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] ||
      skip "$tool is not installed (Debian packages munge, slurmctld, slurmd, slurm-client)"
  done
  export PATH="$PATH:/usr/sbin"
  [ "$(id -u)" -eq 0 ] || skip "slurmd must run as root to start jobs (running as $(id -un))"
  s="$work/slurm"
  mkdir -p "$s/munge" "$s/state" "$s/spool" "$s/log" && chmod 700 "$s/munge"
  pids=()
  stop_daemons() {
    [ -n "${SLURM_CONF:-}" ] && scancel --user="$(id -un)" >/dev/null 2>&1
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    done
    pids=()
  }
  trap stop_daemons EXIT
  show_logs() { for f in "$s"/log/*; do echo "--- $f"; tail -n 20 "$f"; done; }

  mungekey -c -k "$s/munge/munge.key" >/dev/null 2>&1 || skip "mungekey cannot create a key"
  chmod 600 "$s/munge/munge.key"
  munged -F -f --socket="$s/munge/munge.socket" --key-file="$s/munge/munge.key" \
    --pid-file="$s/munge/munged.pid" --log-file="$s/log/munged.log" --seed-file="$s/munge/munged.seed" \
    >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do [ -S "$s/munge/munge.socket" ] && break; sleep 0.2; done
  [ -S "$s/munge/munge.socket" ] || { show_logs; skip "munged did not start"; }

  host="$(hostname -s)"
  cpus="$(nproc)"
  # Ports of their own, from the work folder (two build trees testing at once
  # do not meet), 20000-31999: away from Slurm's 6817/6818 and below the ephemeral ports.
  port=$((20000 + $(printf '%s' "$work" | cksum | cut -d ' ' -f 1) % 6000 * 2))
  cat >"$s/slurm.conf" <<EOS
ClusterName=calsimtest
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$s/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$s/state
SlurmdSpoolDir=$s/spool
SlurmctldPidFile=$s/slurmctld.pid
SlurmdPidFile=$s/slurmd.pid
SlurmctldLogFile=$s/log/slurmctld.log
SlurmdLogFile=$s/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=calsim Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOS
  export SLURM_CONF="$s/slurm.conf"
  slurmctld -D -f "$SLURM_CONF" >"$s/log/slurmctld.out" 2>&1 &
  pids+=($!)
  slurmd -D -f "$SLURM_CONF" >"$s/log/slurmd.out" 2>&1 &
  pids+=($!)
  state=""
  for _ in $(seq 1 60); do
    state="$(sinfo -h -N -o %T 2>/dev/null | head -n 1)"
    [ "$state" = idle ] && break
    sleep 1
  done
  [ "$state" = idle ] || { show_logs; skip "the single-node Slurm did not come up here (node state '${state:-none}')"; }
  echo "ok: Slurm is up ($host, $cpus CPUs)"

  # Waits (bounded) until job $1 has left the queue.
  wait_job() {
    for _ in $(seq 1 600); do
      [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0
      sleep 1
    done
    squeue
    show_logs
    fail "job $1 still queued after 600 s"
  }

  block="$(recipe slurm)"
  [ -n "$block" ] || fail "no slurm recipe in $readme"
  # The README asks --cpus-per-task=2: a node with fewer CPUs could never run it.
  [ "$cpus" -ge 2 ] || skip "this node has $cpus CPU; the recipe asks 2 per task"
  merge_job="$(cd "$run" && bash -c "$block" 2>"$work/slurm-recipe.err" | tail -n 1)"
  [ -n "$merge_job" ] || { cat "$work/slurm-recipe.err"; fail "the recipe submitted no merge job"; }
  wait_job "$merge_job"
  same_as_single "Slurm"

  # Run one shard again: remove shard 3 and the merge, then the README's recipe.
  rm -rf "$run/out" "$run"/shards/sweep-office-seed7-shard-3-of-8.json
  block="$(recipe slurm 2)"
  [ -n "$block" ] || fail "no 'run one shard again' recipe in $readme"
  merge_job="$(cd "$run" && bash -c "$block" 2>"$work/slurm-rerun.err" | tail -n 1)"
  [ -n "$merge_job" ] || { cat "$work/slurm-rerun.err"; fail "the re-run recipe submitted no merge job"; }
  wait_job "$merge_job"
  same_as_single "Slurm, shard 3 run again"
  stop_daemons
  ;;
*)
  fail "usage: shard-engines-test.sh parallel|slurm CALSIM README.md WORK_DIR"
  ;;
esac
exit 0
