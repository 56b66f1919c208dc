#!/bin/sh
# Instructions per call of the fingerprint kernels (include/cffinger.h) under valgrind's callgrind:
# one capture through every stage, each entry point's inclusive count (README.md "Instruction
# counts"). Usage: sh count-finger-instructions.sh [raw 36,864-byte frame] (default: a whorl over
# the whole window, the filter's most work). Then the code kernels (cf_finger_codes ...) on the inputs
# test/callgrind_codes.c builds.
set -eu
src=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -std=c99 -ffp-contract=off -Wall -Wextra -Werror -pedantic -I "$src/include" "$src"/src/*.c \
  "$src/test/callgrind_finger.c" -lsecp256k1 -lm -o "$work/finger"
valgrind --tool=callgrind --callgrind-out-file="$work/out" "$work/finger" "$@" 2>/dev/null
callgrind_annotate --inclusive=yes --threshold=100 "$work/out" 2>/dev/null |
  sed -n 's/^ *\([0-9,]*\) .*:\(cf_finger_[a-z_]*\) .*/\2 \1/p' | tr -d ','
gcc -O2 -std=c99 -ffp-contract=off -Wall -Wextra -Werror -pedantic -I "$src/include" "$src"/src/*.c \
  "$src/test/callgrind_codes.c" -lsecp256k1 -lm -o "$work/codes"
valgrind --tool=callgrind --callgrind-out-file="$work/codes.out" "$work/codes" 2>/dev/null
callgrind_annotate --inclusive=yes --threshold=100 "$work/codes.out" 2>/dev/null |
  sed -n 's/^ *\([0-9,]*\) .*:\(cf_finger_[a-z_]*\) .*/\2 \1/p' | tr -d ','
