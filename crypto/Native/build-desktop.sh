#!/bin/sh
# Builds the desktop shared library libcfnative.so into the directory given as $1 (called by
# Desktop/CardFirmware.Crypto.Native.Desktop.csproj on every build; cmake rebuilds only what changed).
# A missing tool is not an error: one line says what is missing and the managed backend remains.
# A compile error with every tool present is an error, and so is a failing fast-path check
# (cfnative_fast_paths_check: the SHA-extension compression and the 64-bit Montgomery product against
# the portable code the card runs), and so are fingerprint tables that differ from their formulas
# (cfnative_finger_tables --check).
set -u
src=$(cd "$(dirname "$0")" && pwd)
build=$1
missing=""
command -v cmake >/dev/null 2>&1 || missing="$missing cmake"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
if [ -z "$missing" ] && ! echo '#include <secp256k1_preallocated.h>' | cc -E -x c - >/dev/null 2>&1; then
  missing="$missing libsecp256k1-dev"
fi
if [ -n "$missing" ]; then
  echo "cfnative: native module not built (missing:$missing; apt-get install cmake gcc libsecp256k1-dev); the managed backend remains"
  exit 0
fi
mkdir -p "$build"
log="$build/build.log"
if ! { cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release && cmake --build "$build" -j 1; } >"$log" 2>&1; then
  echo "cfnative: native build failed, see $log" >&2
  exit 1
fi
if ! "$build/cfnative_fast_paths_check" >>"$log" 2>&1; then
  echo "cfnative: fast-path check failed, see $log" >&2
  exit 1
fi
if ! "$build/cfnative_finger_tables" --check >>"$log" 2>&1; then
  echo "cfnative: fingerprint tables differ from their formulas, see $log" >&2
  exit 1
fi
