#!/usr/bin/env bash
# Installs the Debian packages calsim needs to build and test, only those missing.
# A no-op when everything is present; runs `apt-get update` first when it must install.
set -euo pipefail

packages=(
  cmake make g++ pkg-config
  libboost-graph-dev libboost-date-time-dev
  nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
# Optional extras, installed when asked: clang for the libFuzzer target, chromium for the report test.
if [[ "${CALSIM_DEPS_EXTRA:-}" == *fuzz* ]]; then packages+=(clang libclang-rt-14-dev); fi
if [[ "${CALSIM_DEPS_EXTRA:-}" == *browser* ]]; then packages+=(chromium); fi

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
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
