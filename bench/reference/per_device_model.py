#!/usr/bin/env python3
"""A careful plain-Python model of the per-device CAL lifecycle of persistent
clients (RULES.md R-DEV-1 ... R-DEV-8), the program an architect would
otherwise write: a heapq event loop over the same scenario JSON calsim runs.
Standard library only. It reads the scenario's first license server's first
per-device pack and its client groups with `workdays`/`daily` schedules
(`at`, `jitter_minutes`, `attendance`), and prints one JSON object: the
lifecycle counts and how long the simulation took.

Rules, as calsim applies them to such an estate:
  R-DEV-1  a client with no license gets a temporary CAL valid 90 days
  R-DEV-2  its logon succeeds, so the temporary is validated
  R-DEV-3  at its next connection it is upgraded to a permanent CAL if the
           pool has one, else it keeps the temporary
  R-DEV-4  a permanent lease is a whole number of days uniform over 52..89
  R-DEV-5  at a connection with 7 days or less left the lease is renewed
           for a new 52..89 days (the pool is unchanged)
  R-DEV-6  an unrenewed permanent returns to the pool at its expiry
  R-DEV-7  a client whose permanent expired gets a new one if available
  R-DEV-8  an expired temporary with no permanent available is refused

usage: per_device_model.py SCENARIO.json [--seed N]
"""
import datetime
import heapq
import json
import random
import sys
import time

DAY = 86400
CONNECT, EXPIRE = 0, 1
NONE, TEMPORARY, PERMANENT = 0, 1, 2


def epoch_seconds(text):
    d = datetime.datetime.fromisoformat(text)
    return int(d.replace(tzinfo=datetime.timezone.utc).timestamp())


def minutes(hh_mm):
    h, m = hh_mm.split(":")
    return int(h) * 60 + int(m)


class Estate:
    def __init__(self, scenario):
        self.start = epoch_seconds(scenario["start"])
        self.end = self.start + scenario["days"] * DAY if "days" in scenario else epoch_seconds(scenario["end"])
        packs = [p for p in scenario["license_servers"][0]["key_packs"] if p.get("type", "per_device") == "per_device"]
        self.pool = packs[0]["count"]
        self.clients = []  # (at minutes, jitter, attendance, workdays only)
        for g in scenario["clients"]:
            sc = g.get("schedule", {})
            days = sc.get("days", "workdays")
            if days not in ("workdays", "daily"):
                raise SystemExit(f"reference model: schedule days {days!r} not modelled")
            spec = ([minutes(a) for a in sc.get("at", ["09:00"])], sc.get("jitter_minutes", 0),
                    sc.get("attendance", 1.0), days == "workdays")
            self.clients.extend([spec] * g["count"])


def simulate(estate, seed):
    rng = random.Random(seed)
    n = len(estate.clients)
    kind = [NONE] * n
    expires = [0] * n
    stamp = [0] * n  # bumped at each renewal: an older expiry event is stale
    next_day = [estate.start - estate.start % DAY] * n
    pending = [0] * n  # connections of the planned day still to come
    available = estate.pool
    counts = {"temporaries_issued": 0, "permanents_issued": 0, "permanents_renewed": 0,
              "permanents_returned": 0, "refused": 0, "connections": 0, "events": 0}
    heap = []
    seq = 0

    def push(t, what, c, s=0):
        nonlocal seq
        seq += 1
        heapq.heappush(heap, (t, seq, what, c, s))

    def plan(c, now):
        at, jitter, attendance, workdays = estate.clients[c]
        while next_day[c] < estate.end:
            day = next_day[c]
            next_day[c] += DAY
            if workdays and datetime.datetime.fromtimestamp(day, datetime.timezone.utc).weekday() >= 5:
                continue
            attends = rng.random() < attendance
            times = []
            for m in at:
                t = day + m * 60 + (rng.randint(-jitter, jitter) * 60 if jitter else 0)
                if attends and now <= t < estate.end:
                    times.append(t)
            if times:
                pending[c] = len(times)
                for t in sorted(times):
                    push(t, CONNECT, c)
                return

    def lease(now):
        return now + rng.randint(52, 89) * DAY

    for c in range(n):
        plan(c, estate.start)

    while heap:
        t, _, what, c, s = heapq.heappop(heap)
        if t >= estate.end:  # the run ends; later expiries are not part of it
            break
        counts["events"] += 1
        if what == EXPIRE:
            if kind[c] == PERMANENT and stamp[c] == s:  # R-DEV-6: not renewed since
                available += 1
                kind[c] = NONE
                expires[c] = 0
                counts["permanents_returned"] += 1
            continue
        counts["connections"] += 1
        if kind[c] == NONE and expires[c] == 0 and stamp[c] == 0:  # R-DEV-1, R-DEV-2: never seen
            kind[c] = TEMPORARY
            expires[c] = t + 90 * DAY
            counts["temporaries_issued"] += 1
        elif kind[c] == TEMPORARY or kind[c] == NONE:  # R-DEV-3, R-DEV-7, R-DEV-8
            if available > 0:
                available -= 1
                kind[c] = PERMANENT
                expires[c] = lease(t)
                stamp[c] += 1
                counts["permanents_issued"] += 1
                push(expires[c], EXPIRE, c, stamp[c])
            elif kind[c] == NONE or t >= expires[c]:
                counts["refused"] += 1
        elif expires[c] - t <= 7 * DAY:  # R-DEV-5: renewal in the last 7 days
            expires[c] = lease(t)
            stamp[c] += 1
            counts["permanents_renewed"] += 1
            push(expires[c], EXPIRE, c, stamp[c])
        pending[c] -= 1
        if pending[c] == 0:
            plan(c, t + 1)
    return counts


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    scenario = json.load(open(sys.argv[1]))
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else scenario.get("seed", 1)
    estate = Estate(scenario)
    began = time.perf_counter()
    counts = simulate(estate, seed)
    counts["seconds"] = time.perf_counter() - began
    counts["clients"] = len(estate.clients)
    counts["days"] = (estate.end - estate.start) // DAY
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
