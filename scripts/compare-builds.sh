#!/usr/bin/env bash
# Runs every catalog scenario (with --trace, seeds 42 and 5) and a generated
# 10,000-client estate with two calsim binaries and compares every output file
# byte for byte, except the calsim version string. For refactorings that must
# change no result:
#   scripts/compare-builds.sh OLD/calsim NEW/calsim [ESTATE_MAKER]
set -euo pipefail
old=$1 new=$2 maker=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# summary.json records the command line: both binaries run as $work/bin/calsim
# from inside their output folder, so that it reads the same.
run_all() {  # BIN OUT
  local out=$2
  mkdir -p "$work/bin" "$out"
  ln -sf "$(realpath "$1")" "$work/bin/calsim"
  cd "$out"
  for f in "$root"/scenarios/*.json; do
    n=$(basename "$f" .json)
    for seed in 42 5; do
      "$work/bin/calsim" run "$f" --trace --seed "$seed" --quiet -o "$n-$seed" > /dev/null || true
    done
  done
  if [[ -n "$maker" ]]; then
    "$work/bin/calsim" run "$work/estate.json" --trace --quiet -o estate > /dev/null || true
  fi
  cd "$root"
}
[[ -n "$maker" ]] && "$maker" 10000 365 > "$work/estate.json"
run_all "$old" "$work/old"
run_all "$new" "$work/new"
# The version string and the commit are the things allowed to differ.
find "$work/old" "$work/new" -name summary.json -o -name report.html | while read -r f; do
  sed -i -E 's/("calsim_(version|commit)": *")[^"]*"/\1X"/; s/calsim [0-9]+\.[0-9]+\.[0-9]+[^ <"]*/calsim X/g; s/[0-9a-f]{40}/COMMIT/g; s/\(commit [0-9a-f]+\)/(commit X)/g' "$f"
done
if diff -r -q "$work/old" "$work/new"; then
  echo "identical: $(find "$work/new" -type f | wc -l) files"
else
  exit 1
fi
