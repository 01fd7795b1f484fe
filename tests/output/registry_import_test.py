#!/usr/bin/env python3
"""Every .reg file `calsim run` exports, imported by an independent parser of the
regedit format (hivex: `hivexregedit --merge` into a fresh hive, read back with
the Win::Hivex Perl binding), equals the model's registry at the end of the run
(tests/output/registry_dump). Exit 77 (SKIP) when hivex is not installed.

usage: registry_import_test.py CALSIM REGISTRY_DUMP SOURCE_DIR WORK_DIR
"""
import json
import os
import shutil
import subprocess
import sys

SCENARIOS = [
    "wipe-mslicensing-at-shutdown",   # stores deleted by the shutdown script: no MSLicensing key
    "non-persistent-vdi-two-logons",  # fresh image after each boot
    "cloned-image-ping-pong",         # one HardwareID on ten clients
    "corrupt-client-store",           # several HardwareIDs after corruption
    "rebuilt-machine",
    "grace-expiry-mode-not-configured",
]

# Reads a hive with Win::Hivex and prints {"\\PATH": {"name": [type, "hex"]}}.
DUMP_PL = r'''
use strict; use warnings; use Win::Hivex; use JSON::PP;
my $h = Win::Hivex->open($ARGV[0]);
my %out;
sub walk {
  my ($node, $path) = @_;
  my %values;
  foreach my $v ($h->node_values($node)) {
    my ($type, $data) = $h->value_value($v);
    $values{$h->value_key($v)} = [$type + 0, unpack("H*", $data)];
  }
  my @children = $h->node_children($node);
  $out{$path} = \%values if %values || !@children;
  walk($_, $path . "\\" . $h->node_name($_)) foreach @children;
}
walk($h->root(), "");
print JSON::PP->new->canonical->encode(\%out);
'''


def main():
    calsim, dump, source, work = sys.argv[1:5]
    if not shutil.which("hivexregedit"):
        print("SKIP: hivexregedit not found (Debian package libwin-hivex-perl; scripts/install-deps.sh installs it)")
        return 77
    if subprocess.run(["perl", "-MWin::Hivex", "-MJSON::PP", "-e", "1"], capture_output=True).returncode != 0:
        print("SKIP: the Perl modules Win::Hivex or JSON::PP are missing (libwin-hivex-perl)")
        return 77
    template = os.path.join(source, "tests", "output", "data", "hivex-minimal.hive")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    failures = 0
    files = 0
    for name in SCENARIOS:
        scenario = os.path.join(source, "scenarios", name + ".json")
        out = os.path.join(work, name)
        subprocess.run([calsim, "run", scenario, "-o", out, "--quiet"], check=True)
        model = json.loads(subprocess.run([dump, scenario], check=True, capture_output=True, text=True).stdout)
        reg_dir = os.path.join(out, "registry")
        exported = sorted(f[:-4] for f in os.listdir(reg_dir) if f.endswith(".reg"))
        if exported != sorted(model):
            print(f"FAIL {name}: exported nodes {exported} != model nodes {sorted(model)}")
            failures += 1
            continue
        hosts = {h["name"] for h in json.load(open(scenario)).get("session_hosts", [])}
        without_store = with_store = 0
        for node in exported:
            raw = open(os.path.join(reg_dir, node + ".reg"), "rb").read()
            # regedit's own encoding: UTF-16 LE with a BOM and CRLF. hivexregedit
            # reads the local encoding, so re-encode as its manual says (iconv + dos2unix).
            if not raw.startswith(b"\xff\xfe"):
                print(f"FAIL {name}/{node}.reg: no UTF-16 LE byte-order mark")
                failures += 1
                continue
            text = raw[2:].decode("utf-16-le")
            if "\r\n" not in text or "\n" in text.replace("\r\n", ""):
                print(f"FAIL {name}/{node}.reg: line ends are not CRLF")
                failures += 1
            local = os.path.join(work, "import.reg")
            with open(local, "w", encoding="utf-8", newline="\n") as f:
                f.write(text.replace("\r\n", "\n"))
            hive = os.path.join(work, "import.hive")
            shutil.copyfile(template, hive)
            # regedit creates missing parent keys; hivexregedit does not. Create the
            # ancestors of the model's keys first (from the model, not from the file:
            # a key the model does not have still fails the merge below).
            ancestors = set()
            for path in model[node]:
                parts = path.split("\\")
                for i in range(2, len(parts)):
                    ancestors.add("\\".join(parts[:i]))
            if ancestors:
                skeleton = os.path.join(work, "skeleton.reg")
                with open(skeleton, "w", encoding="utf-8", newline="\n") as f:
                    f.write("Windows Registry Editor Version 5.00\n\n")
                    for a in sorted(ancestors, key=lambda p: (p.count("\\"), p)):
                        f.write(f"[{a}]\n\n")
                subprocess.run(["hivexregedit", "--merge", "--prefix", "HKEY_LOCAL_MACHINE", hive, skeleton],
                               check=True, capture_output=True)
            merged = subprocess.run(["hivexregedit", "--merge", "--prefix", "HKEY_LOCAL_MACHINE", hive, local],
                                    capture_output=True, text=True)
            if merged.returncode != 0:
                print(f"FAIL {name}/{node}.reg: hivexregedit --merge refused it: {merged.stderr.strip()}")
                failures += 1
                continue
            got = json.loads(subprocess.run(["perl", "-e", DUMP_PL, hive], check=True, capture_output=True,
                                            text=True).stdout)
            got.pop("", None)  # the hive's empty root
            want = {}
            for path, values in model[node].items():
                assert path.startswith("HKEY_LOCAL_MACHINE\\"), path
                want[path[len("HKEY_LOCAL_MACHINE"):]] = {k: list(v) for k, v in values.items()}
            # Keys with no values that have subkeys are in the hive only as parents.
            want = {p: v for p, v in want.items() if v or not any(q.startswith(p + "\\") for q in want)}
            if got != want:
                print(f"FAIL {name}/{node}.reg: the imported hive differs from the model")
                for p in sorted(set(got) | set(want)):
                    if got.get(p) != want.get(p):
                        print(f"  {p}:\n    hive  {got.get(p)}\n    model {want.get(p)}")
                failures += 1
            files += 1
            if node in hosts:
                continue
            if any(p.startswith("\\SOFTWARE\\Microsoft\\MSLicensing") for p in got):
                with_store += 1
            else:
                without_store += 1
        print(f"{name}: {len(exported)} .reg files imported; clients with MSLicensing {with_store}, "
              f"without {without_store}")
        if name == "wipe-mslicensing-at-shutdown" and without_store == 0:
            print("FAIL: in the wipe scenario every shutdown script ran after the last connection; "
                  "some client must show no MSLicensing key")
            failures += 1
    print(f"{files} .reg files imported with hivexregedit; {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
