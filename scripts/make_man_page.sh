#!/usr/bin/env bash
# Builds the calsim(1) man page from the help text the CLI prints: help2man
# reads `calsim --help` and `calsim --version`; every subcommand's
# `calsim SUB --help` goes into a COMMANDS section, and the exit codes and the
# files to read next into EXIT STATUS and SEE ALSO.
# Usage: make_man_page.sh CALSIM_BINARY OUTPUT.1   (CMake runs it: target calsim_man)
set -euo pipefail

if (($# != 2)); then
  echo "usage: $0 CALSIM_BINARY OUTPUT.1" >&2
  exit 2
fi
calsim=$1
out=$2
command -v help2man > /dev/null || { echo "make_man_page: help2man is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
[[ -x "$calsim" ]] || { echo "make_man_page: $calsim is not an executable" >&2; exit 2; }
# Run it by name from PATH, so the usage lines say "calsim", not the build path.
PATH="$(cd "$(dirname "$calsim")" && pwd):$PATH"
export PATH
name=$(basename "$calsim")

include=$(mktemp)
trap 'rm -f "$include"' EXIT

# roff-safe verbatim text: backslashes doubled, a leading '.' or "'" escaped.
verbatim() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }

# The subcommands, as `calsim --help` lists them (CLI11: a Subcommands: block).
subcommands=$("$name" --help | awk 'toupper($0) ~ /^SUBCOMMANDS:/ {on = 1; next} on && /^[[:space:]]+[a-z]/ {print $1}')
if [[ -z "$subcommands" ]]; then
  echo "make_man_page: no subcommands found in '$calsim --help'" >&2
  exit 2
fi

{
  echo "[COMMANDS]"
  for sub in $subcommands; do
    echo ".SS \"calsim $sub\""
    echo ".nf"
    "$name" "$sub" --help | verbatim
    echo ".fi"
  done
  cat << 'EOF'
[EXIT STATUS]
.TP
.B 0
success
.TP
.B 1
an expectation or a size target was not met
.TP
.B 2
usage error, bad scenario, or an output that cannot be written (nothing is written)
.TP
.B 3
a run-time invariant broke (a bug in calsim; the message names it)
[FILES]
A scenario is one JSON file; \fBcalsim schema\fR prints its JSON Schema. The
scenario format, the rules, the outputs and the architecture are described in
the repository's \fIdocs/\fR folder: scenario-format.md, rules.md, outputs.md,
architecture.md.
[SEE ALSO]
The calsim README and \fIdocs/\fR in the source repository.
EOF
} > "$include"

help2man --no-info --section=1 --no-discard-stderr \
  --name="discrete-event simulator of Remote Desktop Services licensing" \
  --include="$include" --output="$out.tmp" "$name"
mv "$out.tmp" "$out"
