#!/bin/sh
# Instructions per call of the fingerprint kernels (include/cffinger.h) under valgrind's callgrind:
# one capture through every stage, each entry point's inclusive count (README.md "Instruction
# counts"). Usage: sh count-finger-instructions.sh [raw 36,864-byte frame] (default: a whorl over
# the whole window, the filter's most work). Then the code kernels (cf_finger_codes ...) on the inputs
# test/callgrind_codes.c builds. Scalar code (-fno-tree-vectorize): the ESP32-S3's compiler emits no
# SIMD for these loops, so x86-64 SSE vectors would undercount. Each stage's calls of the double-precision
# functions (cos, sin, exp, atan2: soft-float on the LX7) are printed as "double-math <entry point> <calls>".
set -eu
src=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -fno-tree-vectorize -std=c99 -ffp-contract=off -Wall -Wextra -Werror -pedantic -I "$src/include" "$src"/src/*.c \
  "$src/test/callgrind_finger.c" -lsecp256k1 -lm -Wl,--wrap=cos,--wrap=sin,--wrap=sincos,--wrap=exp,--wrap=atan2 -o "$work/finger"
valgrind --tool=callgrind --callgrind-out-file="$work/out" "$work/finger" "$@" 2>/dev/null | grep "^double-math"
callgrind_annotate --inclusive=yes --threshold=100 "$work/out" 2>/dev/null |
  sed -n 's/^ *\([0-9,]*\) .*:\(cf_finger_[a-z_]*\) .*/\2 \1/p' | tr -d ','
gcc -O2 -fno-tree-vectorize -std=c99 -ffp-contract=off -Wall -Wextra -Werror -pedantic -I "$src/include" "$src"/src/*.c \
  "$src/test/callgrind_codes.c" -lsecp256k1 -lm -Wl,--wrap=cos,--wrap=sin,--wrap=sincos,--wrap=exp,--wrap=atan2 -o "$work/codes"
valgrind --tool=callgrind --callgrind-out-file="$work/codes.out" "$work/codes" 2>/dev/null | grep "^double-math"
callgrind_annotate --inclusive=yes --threshold=100 "$work/codes.out" 2>/dev/null |
  sed -n 's/^ *\([0-9,]*\) .*:\(cf_finger_[a-z_]*\) .*/\2 \1/p' | tr -d ','
