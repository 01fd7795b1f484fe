#!/bin/sh
# report.html in a real browser: headless Chromium renders it at 1280x800
# (the screenshot must not be blank) and dumps the DOM (every issued line
# has one point per day). Exit 77 (ctest skip) when chromium is missing.
# Usage: report_browser_test.sh OUTPUT_SAMPLE WORK_DIR
set -u
sample="$1"
work="$2"
chromium="${CALSIM_CHROMIUM:-/usr/bin/chromium}"
here="$(cd "$(dirname "$0")" && pwd)"

if [ ! -x "$chromium" ]; then
  echo "SKIP: chromium not installed ($chromium)"
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not installed"
  exit 77
fi

rm -rf "$work"
mkdir -p "$work"
"$sample" "$work/out" >/dev/null || { echo "FAIL: output_sample did not write the files"; exit 1; }
report="$work/out/report.html"
[ -f "$report" ] || { echo "FAIL: no $report"; exit 1; }

profile1="$(mktemp -d)"
profile2="$(mktemp -d)"
trap 'rm -rf "$profile1" "$profile2"' EXIT
run_chromium() {
  profile="$1"
  shift
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --window-size=1280,800 "$@"
}

run_chromium "$profile1" --screenshot="$work/report.png" "file://$report" >"$work/screenshot.log" 2>&1
[ -s "$work/report.png" ] || { echo "FAIL: no screenshot"; cat "$work/screenshot.log"; exit 1; }
run_chromium "$profile2" --dump-dom "file://$report" >"$work/dom.html" 2>"$work/dom.log"
[ -s "$work/dom.html" ] || { echo "FAIL: empty DOM dump"; cat "$work/dom.log"; exit 1; }

python3 "$here/report_browser_check.py" "$work/report.png" "$work/dom.html"
