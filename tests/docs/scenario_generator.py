"""Random scenarios for the schema/loader agreement test (seeded, deterministic).

valid_scenario(rng) builds a scenario the loader accepts: every name it refers
to exists, names are unique, times lie inside the run. mutate(rng, doc) then
makes one change of a kind a JSON Schema can judge: a wrong type, a value out
of range, a malformed string, a wrong enum value, an unknown key, a missing
required key, or two members that exclude each other. It never makes a change
that only the loader can judge (a dangling reference, a time outside the run,
the 30th of February), so the schema and `calsim validate` must agree on every
case; each case says what was changed, for the failure message.
"""

import copy
import random

VERSIONS = [2000, 2003, 2008, 2012, 2016, 2019, 2022, 2025]
INT32 = (-2147483648, 2147483647)
UINT64_MAX = 18446744073709551615

# Field kinds: ("int", lo, hi) ("num", lo, hi, lo_open) ("enum", values) ("bool",)
# ("date",) ("hhmm",) ("node",) the name of a node (a definition), ("ref",) a
# string naming something else, ("str",) any string, ("pattern", kind) a string
# with a syntax, ("version",), ("domain",) string or null, ("nullable", kind),
# ("list", kind) ...; "opaque" means: do not touch (composite, mutated elsewhere).
SPECS = {
    "top": {
        "required": ["calsim", "start"],
        "fields": {
            "calsim": ("const1",), "name": ("pattern", "scenario_name"), "description": ("str",),
            "rules": ("enum", ["ws2000", "ws2003", "ws2008", "ws2012"]), "seed": ("int", 0, UINT64_MAX),
            "start": ("date",), "days": ("int", 1, 36500), "end": ("date",), "auto_discovery": ("bool",),
            "license_servers": ("opaque_list",), "session_hosts": ("opaque_list",), "images": ("opaque_list",),
            "clients": ("opaque_list",), "network": ("opaque",), "actions": ("opaque_list",),
            "expect": ("opaque_list",), "$schema": ("str",),
        },
    },
    "license_server": {
        "required": ["name"],
        "fields": {
            "name": ("node",), "version": ("version",), "activated": ("bool",), "online": ("bool",),
            "domain": ("domain",), "ad_write": ("bool",), "security_group": ("opaque",),
            "key_packs": ("opaque_list",),
        },
    },
    "key_pack": {
        "required": ["id", "type", "version", "count"],
        "fields": {
            "id": ("pattern", "pack_id"), "type": ("enum", ["per_device", "per_user"]), "version": ("version",),
            "count": ("int", 0, 1000000000), "kind": ("enum", ["retail", "volume", "open"]), "installed": ("date",),
            # Valid values from 1000 up never clash with positions (1-3) or the generated 100 + j.
            "key_pack_id": ("int", 1000, 2147483647),
        },
    },
    "session_host": {
        "required": ["name"],
        "fields": {
            "name": ("node",), "version": ("version",), "domain": ("domain",), "installed": ("date",),
            "licensing_mode": ("int", INT32[0], INT32[1]), "license_servers": ("ref_list",), "policy": ("opaque",),
        },
    },
    "policy": {
        "required": [],
        "fields": {
            "licensing_mode": ("nullable_int", INT32[0], INT32[1]), "license_servers": ("opaque",),
            "prevent_license_upgrade": ("nullable_bool",),
        },
    },
    "image": {
        "required": ["name"],
        "fields": {"name": ("ref",), "hardware_id": ("pattern", "hwid"), "license": ("opaque",)},
    },
    "image_license": {
        "required": ["server", "type", "expires"],
        "fields": {"server": ("ref",), "type": ("enum", ["permanent", "temporary"]), "expires": ("date",)},
    },
    "client_group": {
        "required": ["group", "name", "hosts"],
        "fields": {
            "group": ("ref",), "count": ("int", 1, 10000000), "name": ("pattern", "client_name"),
            "kind": ("opaque",), "image": ("ref",), "hosts": ("ref_list",),
            "hosts_policy": ("enum", ["uniform", "first"]), "user": ("pattern", "user"), "elevated": ("bool",),
            "os": ("enum", ["windows", "windows2000"]), "active": ("opaque",), "boot": ("hhmm",),
            "shutdown": ("hhmm",), "store_corruption_per_year": ("num", 0, 365, False), "schedule": ("opaque",),
        },
    },
    "active": {"required": [], "fields": {"from": ("date",), "until": ("date",)}},
    "schedule": {
        "required": [],
        "fields": {
            "days": ("opaque",), "at": ("opaque",), "jitter_minutes": ("int", 0, 720),
            "attendance": ("num", 0, 1, False), "admin": ("bool",),
        },
    },
    "days_object": {
        "required": [],
        "fields": {
            "every": ("int", 1, 3650), "weekly": ("opaque",), "dates": ("opaque",),
            "poisson_per_day": ("num", 0, 1000, True),
        },
    },
    "network": {"required": [], "fields": {"routers": ("opaque",), "links": ("opaque",)}},
    "expectation": {
        "required": ["metric", "op", "value"],
        "fields": {
            "metric": ("pattern", "metric"), "op": ("enum", ["==", "!=", "<", "<=", ">", ">="]), "value": ("anynum",),
            "at": ("date",), "between": ("opaque",), "when": ("enum", ["always", "ever"]),
        },
    },
}

ACTION_FIELDS = {
    "set_licensing_mode": {"host": ("ref",), "value": ("opaque",), "via": ("opaque",),
                           "apply": ("enum", ["now", "restart"])},
    "set_license_servers": {"host": ("ref",), "servers": ("opaque",), "via": ("opaque",),
                            "apply": ("enum", ["now", "restart"])},
    "set_policy": {"host": ("ref",), "prevent_license_upgrade": ("nullable_bool",)},
    "restart_host": {"host": ("ref",)},
    "delete_timebomb": {"host": ("ref",)},
    "delete_mslicensing": {"clients": ("targets",)},
    "corrupt_store": {"clients": ("targets",)},
    "rebuild_client": {"clients": ("targets",)},
    "retire_client": {"clients": ("targets",)},
    "add_clients": {"clients": ("opaque",)},
    "add_key_pack": {"server": ("ref",), "key_pack": ("opaque",)},
    "remove_key_pack": {"server": ("ref",), "id": ("ref",)},
    "activate_server": {"server": ("ref",)},
    "server_offline": {"server": ("ref",)},
    "server_online": {"server": ("ref",)},
    "rebuild_license_database": {"server": ("ref",)},
    "link_down": {"between": ("opaque",)},
    "link_up": {"between": ("opaque",)},
    "revoke": {"server": ("ref",), "clients": ("targets",), "count": ("int", 1, 1000000000)},
}
ACTION_REQUIRED = {
    "set_licensing_mode": ["host", "value"], "set_license_servers": ["host", "servers"],
    "set_policy": ["host", "prevent_license_upgrade"], "add_key_pack": ["server", "key_pack"],
    "remove_key_pack": ["server", "id"], "link_down": ["between"], "link_up": ["between"], "revoke": ["server"],
}


def action_spec(action):
    verb = action.get("do")
    fields = {"at": ("date",), "do": ("enum", list(ACTION_FIELDS))}
    fields.update(ACTION_FIELDS.get(verb, {}))
    required = ["at", "do"] + ACTION_REQUIRED.get(verb, [])
    if verb in ("restart_host", "delete_timebomb"):
        required.append("host")
    if verb in ("delete_mslicensing", "corrupt_store", "rebuild_client", "retire_client", "add_clients"):
        required.append("clients")
    if verb in ("activate_server", "server_offline", "server_online", "rebuild_license_database"):
        required.append("server")
    return {"required": required, "fields": fields}


# ---------------------------------------------------------------------------
# Valid scenarios

def day_text(rng, year_lo=2020, year_hi=2030):
    return f"{rng.randint(year_lo, year_hi):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def add_days(date, n):
    import datetime
    d = datetime.date.fromisoformat(date[:10]) + datetime.timedelta(days=n)
    return d.isoformat()


def time_in_run(rng, start, days):
    t = add_days(start, rng.randint(0, days - 1))
    r = rng.random()
    if r < 0.4:
        return t
    if r < 0.7:
        return f"{t}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    return f"{t}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def maybe(rng, p=0.5):
    return rng.random() < p


def valid_scenario(rng):
    start = day_text(rng)
    days = rng.randint(20, 400)
    doc = {"calsim": 1, "start": start}
    if maybe(rng):
        doc["days"] = days
    else:
        doc["end"] = add_days(start, days)
    if maybe(rng):
        doc["name"] = rng.choice(["office", "lab-1", "x", "a-b-c-9"])
    if maybe(rng):
        doc["description"] = rng.choice(["", "A story.", "Ünïcode — fine."])
    if maybe(rng):
        doc["rules"] = rng.choice(SPECS["top"]["fields"]["rules"][1])
    if maybe(rng):
        doc["seed"] = rng.choice([0, 1, 42, UINT64_MAX])
    if maybe(rng, 0.3):
        doc["auto_discovery"] = maybe(rng)
    if maybe(rng, 0.2):
        doc["$schema"] = "./scenario.schema.json"
    if maybe(rng, 0.2):
        doc["x-note"] = {"anything": [1, 2]}

    servers, hosts, packs = [], [], {}
    doc["license_servers"] = []
    for i in range(rng.randint(1, 3)):
        name = f"LS{i + 1}"
        servers.append(name)
        sv = {"name": name}
        if maybe(rng):
            sv["version"] = rng.choice(VERSIONS)
        for k in ("activated", "online", "ad_write"):
            if maybe(rng, 0.3):
                sv[k] = maybe(rng)
        if maybe(rng, 0.4):
            sv["domain"] = rng.choice([None, "corp.example"])
        sv["key_packs"] = []
        packs[name] = []
        for j in range(rng.randint(0, 3)):
            pid = f"P{j + 1}"
            packs[name].append(pid)
            kp = {"id": pid, "type": rng.choice(["per_device", "per_user"]), "version": rng.choice(VERSIONS),
                  "count": rng.randint(0, 500)}
            if maybe(rng, 0.3):
                kp["kind"] = rng.choice(["retail", "volume", "open"])
            if maybe(rng, 0.3):
                kp["installed"] = day_text(rng, 2019, 2025)
            if maybe(rng, 0.3):
                kp["key_pack_id"] = 100 + j
            sv["key_packs"].append(kp)
        doc["license_servers"].append(sv)

    doc["session_hosts"] = []
    for i in range(rng.randint(1, 3)):
        name = f"H{i + 1}"
        hosts.append(name)
        h = {"name": name}
        if maybe(rng):
            h["version"] = rng.choice(VERSIONS)
        if maybe(rng, 0.3):
            h["domain"] = rng.choice([None, "corp.example"])
        if maybe(rng, 0.3):
            h["installed"] = day_text(rng, 2015, 2025)
        if maybe(rng):
            h["licensing_mode"] = rng.choice([2, 4, 5, 0, -7])
        if maybe(rng):
            h["license_servers"] = rng.sample(servers, rng.randint(0, len(servers)))
        if maybe(rng, 0.3):
            pol = {}
            if maybe(rng):
                pol["licensing_mode"] = rng.choice([None, 2, 4])
            if maybe(rng):
                pol["license_servers"] = rng.choice([None, rng.sample(servers, 1)])
            if maybe(rng):
                pol["prevent_license_upgrade"] = rng.choice([None, True, False])
            h["policy"] = pol
        doc["session_hosts"].append(h)
    for sv in doc["license_servers"]:
        if maybe(rng, 0.2):
            sv["security_group"] = rng.choice([None, rng.sample(hosts, rng.randint(0, len(hosts)))])

    images = []
    if maybe(rng, 0.5):
        doc["images"] = []
        for i in range(rng.randint(1, 2)):
            im = {"name": f"IMG{i + 1}"}
            images.append(im["name"])
            if maybe(rng):
                im["hardware_id"] = rng.choice(["random", "0123456789abcdefABCDEF0123456789abcdef01"])
            if maybe(rng):
                im["license"] = rng.choice(["none", {"server": rng.choice(servers), "type": rng.choice(
                    ["permanent", "temporary"]), "expires": day_text(rng)}])
            doc["images"].append(im)

    groups = []

    def group(index):
        g = {"group": f"g{index}", "name": f"G{index}-PC-{{n:03}}", "hosts": rng.sample(hosts, rng.randint(1, len(hosts)))}
        groups.append(g["group"])
        if maybe(rng, 0.8):
            g["count"] = rng.randint(1, 50)
        kinds = ["persistent", "non_persistent", "wipe_on_shutdown", "thin"] + (["cloned"] if images else [])
        if maybe(rng, 0.6):
            g["kind"] = rng.choice(kinds)
            if g["kind"] == "cloned" or (g["kind"] == "non_persistent" and images and maybe(rng, 0.3)):
                g["image"] = rng.choice(images)
        if maybe(rng, 0.3):
            g["hosts_policy"] = rng.choice(["uniform", "first"])
        if maybe(rng, 0.3):
            g["user"] = rng.choice(["user{n}", "{name}", "shared account", "u-{n:04}@corp"])
        if maybe(rng, 0.2):
            g["elevated"] = maybe(rng)
        if maybe(rng, 0.2):
            g["os"] = rng.choice(["windows", "windows2000"])
        if maybe(rng, 0.2):
            a = {}
            if maybe(rng):
                a["from"] = start
            if maybe(rng):
                a["until"] = add_days(start, days)
            g["active"] = a
        if maybe(rng, 0.3):
            g["boot"] = "06:30"
        if maybe(rng, 0.3):
            g["shutdown"] = "20:00"
        if maybe(rng, 0.2):
            g["store_corruption_per_year"] = rng.choice([0, 0.5, 365])
        if maybe(rng, 0.8):
            g["schedule"] = schedule()
        return g

    def schedule():
        sc = {}
        form = rng.randint(0, 6)
        poisson = False
        if form == 0:
            sc["days"] = rng.choice(["daily", "workdays", "weekends"])
        elif form == 1:
            sc["days"] = {"every": rng.randint(1, 3650)}
        elif form == 2:
            sc["days"] = {"weekly": rng.sample(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], rng.randint(1, 7))}
        elif form == 3:
            sc["days"] = {"dates": [time_in_run(rng, start, days) for _ in range(rng.randint(1, 3))]}
        elif form == 4:
            sc["days"] = {"poisson_per_day": rng.choice([0.001, 0.5, 3, 1000])}
            poisson = True
        if not poisson:
            if maybe(rng):
                sc["at"] = [f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}" for _ in range(rng.randint(1, 32))]
            if maybe(rng, 0.4):
                sc["jitter_minutes"] = rng.randint(0, 720)
            if maybe(rng, 0.4):
                sc["attendance"] = rng.choice([0, 0.95, 1])
        if maybe(rng, 0.2):
            sc["admin"] = maybe(rng)
        return sc

    doc["clients"] = [group(i + 1) for i in range(rng.randint(1, 3))]

    routers = []
    if maybe(rng, 0.4):
        routers = [f"R{i + 1}" for i in range(rng.randint(0, 2))]
        nodes = servers + hosts + routers
        pairs = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]]
        links = rng.sample(pairs, rng.randint(0, min(4, len(pairs))))
        doc["network"] = {"routers": routers, "links": [list(p) for p in links]}

    actions = []
    for _ in range(rng.randint(0, 5)):
        at = time_in_run(rng, start, days)
        verb = rng.choice(list(ACTION_FIELDS))
        a = {"at": at, "do": verb}
        if verb == "set_licensing_mode":
            a["host"] = rng.choice(hosts)
            a["via"] = rng.choice(["registry", "policy"])
            a["value"] = rng.choice([2, 4, 5]) if a["via"] == "registry" else rng.choice([2, None])
            if maybe(rng):
                a["apply"] = rng.choice(["now", "restart"])
        elif verb == "set_license_servers":
            a["host"] = rng.choice(hosts)
            a["via"] = rng.choice(["registry", "policy"])
            a["servers"] = rng.sample(servers, 1) if a["via"] == "registry" else rng.choice([None, servers[:1]])
        elif verb == "set_policy":
            a["host"] = rng.choice(hosts)
            a["prevent_license_upgrade"] = rng.choice([True, False, None])
        elif verb in ("restart_host", "delete_timebomb"):
            a["host"] = rng.choice(hosts)
        elif verb in ("delete_mslicensing", "corrupt_store", "rebuild_client", "retire_client"):
            a["clients"] = rng.choice([groups[0], [groups[0]], "G1-PC-001"])
        elif verb == "add_clients":
            continue  # appended with an earlier-or-equal time below would be fragile; kept to one at the end
        elif verb == "add_key_pack":
            sv = rng.choice(servers)
            pid = f"NEW{len(actions)}"
            a["server"] = sv
            a["key_pack"] = {"id": pid, "type": "per_device", "version": 2019, "count": rng.randint(0, 100)}
        elif verb == "remove_key_pack":
            cands = [s for s in servers if packs[s]]
            if not cands:
                continue
            sv = rng.choice(cands)
            pid = packs[sv].pop()
            a["server"] = sv
            a["id"] = pid
        elif verb in ("activate_server", "server_offline", "server_online", "rebuild_license_database"):
            a["server"] = rng.choice(servers)
        elif verb in ("link_down", "link_up"):
            if "network" not in doc or not doc["network"]["links"]:
                continue
            link = rng.choice(doc["network"]["links"])
            a["between"] = list(reversed(link)) if maybe(rng) else list(link)
        elif verb == "revoke":
            a["server"] = rng.choice(servers)
            if maybe(rng):
                a["count"] = rng.randint(1, 100)
            else:
                a["clients"] = groups[0]
        actions.append(a)
    if maybe(rng, 0.3):
        idx = len(doc["clients"]) + 1
        g = group(idx)
        actions.append({"at": time_in_run(rng, start, days), "do": "add_clients", "clients": g})
    if actions:
        doc["actions"] = actions

    expect = []
    for _ in range(rng.randint(0, 4)):
        metric = rng.choice([
            f"pool.{servers[0]}.per_device.issued", f"pool.{servers[0]}.per_user.overused",
            f"temporary.{servers[0]}.valid", "connections.refused", "connections.allowed_in_grace",
            f"host.{hosts[0]}.grace_days_left", "events.1011", "events.4", "client.G1-PC-001.license"]
            + [f"pool.{s}.{p}.{f}" for s in servers for p in packs[s] for f in ("total", "issued", "available")])
        e = {"metric": metric, "op": rng.choice(["==", "!=", "<", "<=", ">", ">="]),
             "value": rng.choice([0, 1, 2.5, -3, 1e6])}
        if maybe(rng):
            e["at"] = time_in_run(rng, start, days)
        else:
            a, b = sorted([time_in_run(rng, start, days)[:10], time_in_run(rng, start, days)[:10]])
            e["between"] = [a, b]
            if maybe(rng):
                e["when"] = rng.choice(["always", "ever"])
        expect.append(e)
    if expect:
        doc["expect"] = expect
    return doc


# ---------------------------------------------------------------------------
# Mutations

BAD_STRINGS = {
    "date": ["2026-13-01", "2026-04-31", "2026-1-5", "26-01-05", "2026-01-05Z", "2026-01-05T10:00+01:00",
             "2026-01-05T24:00", "2026-01-05T10:60", "2026-01-05 10:00", "1969-12-31", "2026-01-05\n",
             "2026-01-05T10", "", "2026-01-05T10:00:00.5", "\u0662026-01-05"],
    "hhmm": ["9:00", "24:00", "09:60", "0900", "09:00:00", "", "09:00\n"],
    "node": ["", "LS 1", "." , "..", "a" * 65, "LS1\n", "LS/1", "ünï"],
    "scenario_name": ["", "Office", "my office", "a_b", "x\n"],
    "pack_id": ["", "per_device", "per_user", "P 1", "a" * 65, "P1\n"],
    "hwid": ["", "Random", "0123", "0123456789abcdef0123456789abcdef0123456g", "random\n"],
    "client_name": ["", ".", "PC {n}", "PC-{m}", "PC-{n:3}", "PC-{n:00}", "PC-{n", "PC-}n", "PC-{n}\n", "PC-{name}"],
    "user": ["", "u{", "u}", "u{m}", "a\tb", "u{n:010}"],
    "metric": ["", "pool.LS1", "events.9999", "events.04", "connections.bogus", "bogus", "host.H1.grace",
               "client.x.licence"],
    "enum": ["", "Bogus", "per-device", "WS2012", " daily"],
}
OTHER_TYPES = {
    "int": [1.5, "5", True, None, [], {}],
    "num": ["0.5", True, None, [1], {}],
    "bool": [0, 1, "true", None, [], {}],
    "str": [5, True, None, [], {}],
    "null": [],
}


def wrong_type_values(kind):
    k = kind[0]
    if k in ("int", "nullable_int", "const1"):
        vals = [1.5, "5", True, [], {}]
        return vals if k == "nullable_int" else vals + [None]
    if k in ("num", "anynum"):
        return ["0.5", True, None, [1], {}]
    if k in ("bool", "nullable_bool"):
        vals = [0, 1, "true", [], {}]
        return vals if k == "nullable_bool" else vals + [None]
    if k == "version":
        return ["2019", 2019.5, None, True, 2020, 1999, 0]
    if k == "domain":
        return [5, True, [], {}, ""]
    if k in ("ref_list",):
        return ["x", 5, None, {}]
    if k == "targets":
        return [5, None, True, {}, []]
    # strings of any kind
    return [5, True, None, [], {}, 2.5]


def objects(doc):
    """Every (path, object, spec) in the document whose shape the generator knows."""
    out = [((), doc, SPECS["top"])]
    for i, sv in enumerate(doc.get("license_servers", [])):
        out.append((("license_servers", i), sv, SPECS["license_server"]))
        for j, kp in enumerate(sv.get("key_packs", [])):
            out.append((("license_servers", i, "key_packs", j), kp, SPECS["key_pack"]))
    for i, h in enumerate(doc.get("session_hosts", [])):
        out.append((("session_hosts", i), h, SPECS["session_host"]))
        if isinstance(h.get("policy"), dict):
            out.append((("session_hosts", i, "policy"), h["policy"], SPECS["policy"]))
    for i, im in enumerate(doc.get("images", [])):
        out.append((("images", i), im, SPECS["image"]))
        if isinstance(im.get("license"), dict):
            out.append((("images", i, "license"), im["license"], SPECS["image_license"]))

    def group(path, g):
        out.append((path, g, SPECS["client_group"]))
        if isinstance(g.get("active"), dict):
            out.append((path + ("active",), g["active"], SPECS["active"]))
        if isinstance(g.get("schedule"), dict):
            sc = g["schedule"]
            out.append((path + ("schedule",), sc, SPECS["schedule"]))
            if isinstance(sc.get("days"), dict):
                out.append((path + ("schedule", "days"), sc["days"], SPECS["days_object"]))

    for i, g in enumerate(doc.get("clients", [])):
        group(("clients", i), g)
    if isinstance(doc.get("network"), dict):
        out.append((("network",), doc["network"], SPECS["network"]))
    for i, a in enumerate(doc.get("actions", [])):
        out.append((("actions", i), a, action_spec(a)))
        if a.get("do") == "add_clients":
            group(("actions", i, "clients"), a["clients"])
        if a.get("do") == "add_key_pack":
            out.append((("actions", i, "key_pack"), a["key_pack"], SPECS["key_pack"]))
    for i, e in enumerate(doc.get("expect", [])):
        out.append((("expect", i), e, SPECS["expectation"]))
    return out


def pointer(path, key=None):
    parts = list(path) + ([key] if key is not None else [])
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts) if parts else ""


# A number JSON allows but no double holds: the loader refuses it as a syntax
# error, Python reads it as infinity. json.dumps cannot write it, so the case
# carries this marker string, replaced by the number in the file's text.
OVERFLOW_MARKER = "__calsim_overflow_1e400__"


def to_text(doc):
    import json
    return json.dumps(doc, indent=1).replace(f'"{OVERFLOW_MARKER}"', "1e400") + "\n"


def mutate(rng, doc):
    """One schema-judgeable change; returns (new document, what was changed)."""
    doc = copy.deepcopy(doc)
    objs = objects(doc)
    for _ in range(100):
        kind = rng.choice(["type", "type", "range", "string", "enum", "unknown_key", "missing", "conflict",
                           "list", "x_key", "overflow"])
        path, obj, spec = rng.choice(objs)
        r = MUTATORS[kind](rng, doc, path, obj, spec)
        if r:
            return doc, r
    return doc, "unchanged"


def m_type(rng, doc, path, obj, spec):
    keys = [k for k in obj if k in spec["fields"] and not spec["fields"][k][0].startswith("opaque")]
    if not keys:
        return None
    k = rng.choice(keys)
    f = spec["fields"][k]
    if f[0] == "str" and k == "$schema":
        obj[k] = rng.choice([5, None, {}])
    else:
        obj[k] = rng.choice(wrong_type_values(f))
    return f"wrong type at {pointer(path, k)}: {obj[k]!r}"


def m_range(rng, doc, path, obj, spec):
    keys = [k for k in obj if k in spec["fields"] and spec["fields"][k][0] in ("int", "num", "nullable_int")]
    if not keys:
        return None
    k = rng.choice(keys)
    f = spec["fields"][k]
    lo, hi = f[1], f[2]
    if f[0] == "num":
        cands = [lo - 0.001, hi + 0.001, hi * 2 + 1]
        if f[3]:
            cands.append(lo)
        else:
            cands += [lo, hi]  # in range: stays valid
    else:
        cands = [lo - 1, hi + 1, hi + 1000]
        if k in ("seed", "jitter_minutes", "licensing_mode", "every") or (path and path[-2:-1] == ("key_packs",)):
            cands += [lo, hi]  # in range, and nothing else depends on it
    obj[k] = rng.choice(cands)
    return f"range at {pointer(path, k)}: {obj[k]!r}"


PATTERN_KIND = {"date": "date", "hhmm": "hhmm", "node": "node"}


def m_string(rng, doc, path, obj, spec):
    keys = []
    for k in obj:
        f = spec["fields"].get(k)
        if f and (f[0] in ("date", "hhmm", "node") or f[0] == "pattern"):
            keys.append(k)
    if not keys:
        return None
    k = rng.choice(keys)
    f = spec["fields"][k]
    bad = BAD_STRINGS[f[1] if f[0] == "pattern" else PATTERN_KIND[f[0]]]
    obj[k] = rng.choice(bad)
    return f"malformed string at {pointer(path, k)}: {obj[k]!r}"


def m_enum(rng, doc, path, obj, spec):
    keys = [k for k in obj if k in spec["fields"] and spec["fields"][k][0] == "enum"]
    extra = []
    if "kind" in obj and path and path[-2:-1] != ("key_packs",) and spec is SPECS["client_group"]:
        extra.append("kind")
    if "via" in obj:
        extra.append("via")
    if "days" in obj and isinstance(obj["days"], str):
        extra.append("days")
    keys += extra
    if not keys:
        return None
    k = rng.choice(keys)
    obj[k] = rng.choice(BAD_STRINGS["enum"])
    return f"bad enum value at {pointer(path, k)}: {obj[k]!r}"


def m_unknown_key(rng, doc, path, obj, spec):
    known = list(spec["fields"])
    k = rng.choice(["bogus", "Name", "x_note", "X-note", "x", "-x-", " x-note", "comment",
                    "$schema" if path else "bogus2", (rng.choice(known) + "s") if known else "zz",
                    (rng.choice(known).upper()) if known else "ZZ"])
    if k in obj or k in spec["fields"]:
        return None
    obj[k] = rng.choice([1, "x", None, {}])
    return f"unknown key {pointer(path, k)}"


def m_x_key(rng, doc, path, obj, spec):
    k = rng.choice(["x-note", "x-", "x-Anything at all"])
    obj[k] = rng.choice([1, "x", None, {"deep": [1, {"a": 2}]}])
    return f"x- key {pointer(path, k)} (valid)"


def m_missing(rng, doc, path, obj, spec):
    keys = [k for k in spec["required"] if k in obj]
    if not path and "days" in obj:
        keys.append("days")
    if not path and "end" in obj:
        keys.append("end")
    if spec is SPECS["expectation"]:
        keys += [k for k in ("at", "between") if k in obj]
    if not keys:
        return None
    k = rng.choice(keys)
    if spec is SPECS["client_group"] and k == "name" and obj.get("count", 1) == 1:
        pass
    del obj[k]
    if spec is SPECS["expectation"] and k == "between" and "when" in obj and maybe(rng):
        del obj["when"]  # neither at nor between: still invalid
    return f"missing {pointer(path, k)}"


def m_conflict(rng, doc, path, obj, spec):
    if not path:
        if "days" in obj:
            obj["end"] = add_days(obj["start"], 5)
        else:
            obj["days"] = 5
        return "days and end"
    if spec is SPECS["expectation"]:
        if "at" in obj:
            if maybe(rng):
                obj["when"] = "ever"
                return f"when with at at {pointer(path)}"
            obj["between"] = [obj["at"][:10], obj["at"][:10]]
        else:
            obj["at"] = obj["between"][0]
        return f"at and between at {pointer(path)}"
    if spec is SPECS["client_group"]:
        if obj.get("kind") == "cloned":
            del obj["image"]
            return f"cloned without image at {pointer(path)}"
        if "image" not in obj and obj.get("kind") != "non_persistent":  # R-CLI-3: non_persistent may name one
            obj["image"] = "IMG1"
            return f"image on a {obj.get('kind', 'persistent')} group at {pointer(path)}"
        return None
    if spec is SPECS["schedule"]:
        obj["days"] = {"poisson_per_day": 2}
        k = rng.choice(["at", "jitter_minutes", "attendance"])
        obj[k] = {"at": ["09:00"], "jitter_minutes": 5, "attendance": 0.5}[k]
        return f"poisson_per_day with {k} at {pointer(path)}"
    if spec is SPECS["days_object"]:
        extra = rng.choice([{"every": 2}, {"weekly": ["Mon"]}, {"poisson_per_day": 1}])
        if set(extra) <= set(obj):
            return None
        obj.update(extra)
        return f"two day forms at {pointer(path)}"
    if path and path[0] == "actions" and len(path) == 2:
        if obj.get("do") == "revoke":
            if "count" in obj:
                obj["clients"] = "g1"
            else:
                obj["count"] = 3
            return f"revoke with clients and count at {pointer(path)}"
        if obj.get("do") in ("set_licensing_mode", "set_license_servers"):
            field = "value" if obj["do"] == "set_licensing_mode" else "servers"
            obj[field] = None
            obj["via"] = "registry"
            if maybe(rng):
                del obj["via"]
            return f"null {field} without via policy at {pointer(path)}"
    return None


def m_list(rng, doc, path, obj, spec):
    if spec is SPECS["client_group"]:
        choice = rng.randint(0, 2)
        if choice == 0:
            obj["hosts"] = []
        elif choice == 1:
            obj["hosts"] = obj["hosts"] + obj["hosts"][:1] if isinstance(obj["hosts"], list) else []
        else:
            obj["name"] = "FIXED-NAME"
            obj["count"] = 2
            return f"fixed name with count 2 at {pointer(path)}"
        return f"hosts list {obj['hosts']!r} at {pointer(path)}"
    if spec is SPECS["schedule"]:
        if isinstance(obj.get("days"), dict) and "poisson_per_day" in obj["days"]:
            return None
        obj["at"] = rng.choice([[], ["09:00"] * 33])
        return f"at with {len(obj['at'])} times at {pointer(path)}"
    if spec is SPECS["days_object"]:
        if "weekly" in obj:
            obj["weekly"] = rng.choice([[], ["Mon", "Funday"], "Mon"])
            return f"weekly {obj['weekly']!r} at {pointer(path)}"
        if "dates" in obj:
            obj["dates"] = rng.choice([[], "2026-01-05"])
            return f"dates {obj['dates']!r} at {pointer(path)}"
        return None
    if spec is SPECS["network"]:
        nodes = [sv["name"] for sv in doc["license_servers"]]
        obj["links"] = obj.get("links", []) + [rng.choice([[nodes[0]], [nodes[0], nodes[0]],
                                                           [nodes[0], nodes[0], nodes[0]], nodes[0]])]
        return f"bad link at {pointer(path)}"
    if spec is SPECS["expectation"] and "between" in obj:
        obj["between"] = rng.choice([[obj["between"][0]], obj["between"] * 2, obj["between"][0]])
        return f"between {obj['between']!r} at {pointer(path)}"
    if spec is SPECS["session_host"] and obj.get("license_servers"):
        obj["license_servers"] = obj["license_servers"] + obj["license_servers"][:1]
        return f"server listed twice at {pointer(path)}"
    if spec is SPECS["top"]:
        k = rng.choice(["license_servers", "session_hosts", "clients", "actions", "expect", "images"])
        obj[k] = rng.choice([{}, "x", 5, None])
        return f"{k} not a list"
    return None


def m_overflow(rng, doc, path, obj, spec):
    keys = [k for k in obj if k in spec["fields"] and spec["fields"][k][0] in ("int", "num", "anynum")]
    if not keys:
        return None
    k = rng.choice(keys)
    obj[k] = OVERFLOW_MARKER
    return f"number overflow 1e400 at {pointer(path, k)}"


MUTATORS = {"type": m_type, "range": m_range, "string": m_string, "enum": m_enum,
            "unknown_key": m_unknown_key, "x_key": m_x_key, "missing": m_missing, "conflict": m_conflict,
            "list": m_list, "overflow": m_overflow}
