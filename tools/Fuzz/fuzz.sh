#!/usr/bin/env bash
# Runs one afl++ campaign on one target:
#   tools/Fuzz/fuzz.sh <target> [afl-fuzz options...]     e.g. -E 1000000 (executions) or -V 600 (seconds)
# Builds tools/Fuzz in Release into $FUZZ_OUT/bin (once; delete the folder to rebuild), instruments
# the card assemblies with SharpFuzz, and starts afl-fuzz on tools/Fuzz/corpus/<target>.
# Findings and the queue land in $FUZZ_OUT/findings/<target> (default FUZZ_OUT=/tmp/cardfw-fuzz).
# An input running longer than FUZZ_TIMEOUT ms (default 20000) is a hang. SharpFuzz runs every
# input in one process, so a hang ends the campaign (afl then reports the lost fork server); the
# first input also pays for the once-per-process fixtures: give commands, threshold and boot
# FUZZ_TIMEOUT=120000 on a loaded machine. Never use afl's "+" suffix: it makes afl pick its own
# timeout (tens of ms), and the first slow input then kills the campaign.
set -euo pipefail
target=${1:?usage: fuzz.sh <target> [afl-fuzz options...]}
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-/tmp/cardfw-fuzz}
bin=$out/bin
if [ ! -f "$bin/.instrumented" ]; then
  dotnet build "$root/tools/Fuzz/CardFirmware.Fuzz.csproj" -c Release -o "$bin"
  # The parsers' assemblies (never the program that calls SharpFuzz: its code would run before
  # the coverage map exists); the constant-time crypto primitives and curve stay plain.
  for assembly in CardFirmware.Channel CardFirmware.Card CardFirmware.Storage CardFirmware.Biometrics \
                  CardFirmware.Crypto.Threshold CardFirmware.Fuzz.Pairing; do
    sharpfuzz "$bin/$assembly.dll"
  done
  touch "$bin/.instrumented"
fi
mkdir -p "$out/findings"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
exec afl-fuzz -i "$root/tools/Fuzz/corpus/$target" -o "$out/findings/$target" -t "${FUZZ_TIMEOUT:-20000}" -m none "$@" \
  -- dotnet "$bin/CardFirmware.Fuzz.dll" fuzz "$target"
