#!/usr/bin/env bash
# Installs the Debian packages calsim needs to build and test, only those missing.
# A no-op when everything is present; runs `apt-get update` first when it must install.
set -euo pipefail

packages=(
  cmake make g++ pkg-config
  libboost-graph-dev libboost-date-time-dev
  nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium python3  # the report's browser test (it reports SKIP where chromium cannot be installed)
  chromium-driver python3-selenium  # the report's click test (Selenium drives that chromium; SKIP without them)
  python3-jsonschema  # the JSON Schema tests (tests/docs)
  help2man            # the man page calsim.1 (scripts/make_man_page.sh)
  parallel          # the README's GNU parallel shard recipe, run by scripts/shard-engines-test.sh
  munge slurmctld slurmd slurm-client  # its Slurm recipe on a single-node Slurm (SKIP where it cannot start)
  libwin-hivex-perl   # hivexregedit: the registry import test (it reports SKIP where hivex cannot be installed)
)
# Optional: the build and the other tests do not need them. When they cannot be
# installed, the rest is installed without them and their tests report SKIP.
optional=(chromium chromium-driver python3-selenium parallel munge slurmctld slurmd slurm-client libwin-hivex-perl)
# CALSIM_DEPS=build (make demo): only what configuring and building needs, no
# test tools, so that the first picture does not wait for a browser and Slurm.
if [[ "${CALSIM_DEPS:-all}" == build ]]; then
  packages=(cmake make g++ pkg-config libboost-graph-dev libboost-date-time-dev nlohmann-json3-dev libcli11-dev
            libgtest-dev libgmock-dev libbenchmark-dev python3)
fi
# Optional extras, installed when asked: clang for the libFuzzer target (make fuzz).
if [[ "${CALSIM_DEPS_EXTRA:-}" == *fuzz* ]]; then packages+=(clang libclang-rt-14-dev); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
  # The optional packages: install the rest without them rather than fail the build.
  rest=()
  for p in "${missing[@]}"; do [[ " ${optional[*]} " == *" $p "* ]] || rest+=("$p"); done
  echo "install-deps: retrying without ${optional[*]} (their tests will report SKIP)" >&2
  if ((${#rest[@]} > 0)); then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${rest[@]}" >&2
  fi
  # Then each optional one on its own, keeping whichever installs.
  for p in "${missing[@]}"; do
    if [[ " ${optional[*]} " == *" $p "* ]]; then
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$p" >&2 ||
        echo "install-deps: $p could not be installed (its test will report SKIP)" >&2
    fi
  done
fi
