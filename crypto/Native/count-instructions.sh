#!/bin/sh
# Instruction counts per call of the module's entry points under valgrind's callgrind
# (README.md "Instruction counts"). Usage: sh count-instructions.sh [extra gcc flags, e.g. -m32]
# Built with the card's code paths: the portable SHA-256 compression, the GF(2^192) comb and the 32-bit
# scalar arithmetic (the desktop's SHA-extension, carry-less-multiply and 64-bit paths are left out).
set -eu
src=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -std=c99 -Wall -Wextra -Werror -pedantic -DCF_SHA256_NO_SHANI -DCF_GF192_NO_PCLMUL -DCF_MODN_32BIT_ONLY "$@" -I "$src/include" "$src"/src/*.c \
  "$src/test/callgrind_entry.c" -lsecp256k1 -lm -o "$work/drive"
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$work/drive" "$1" "${2:-100}" >/dev/null 2>"$work/log"
  sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$work/log"
}
base=$(count none)
for entry in sha256_compress sha256_many1 sha256_many64 sha256_many64x183 sha256_expand76 hmac_sha256_64 modn_mul1 modn_mul64 \
  modn_inner64 modn_add64 scalar_invert gf192_608 transpose aead_seal_1k aead_seal_40k point_base_mul point_mul point_add; do
  total=$(count "$entry")
  echo "$entry $(( (total - base) / 100 ))"
done
# Whole protocol rounds: 5 calls each (one call is tens of millions of instructions).
base5=$(count none 5)
for entry in rvole_bob_start rvole_alice rvole_bob_finish rvole_alice_begin rvole_alice_rows416 rvole_alice_end; do
  total=$(count "$entry" 5)
  echo "$entry $(( (total - base5) / 5 ))"
done
