/*
 * Bit-matrix transpose between the OT-extension column form and row form
 * (crypto/Threshold/BitMatrix.cs ColumnsToRows). Eight columns at a time: one byte from each of
 * eight columns forms an 8x8 bit block, transposed with three masked swaps (Hacker's Delight 7-3)
 * and written as one byte into each of eight rows. The loops depend only on the dimensions.
 */
#include "internal.h"

/* Transposes the 8x8 bit block held in x (byte i = row i, bit j = column j). */
uint64_t cf_transpose8(uint64_t x)
{
    uint64_t t;
    t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAull;
    x = x ^ t ^ (t << 7);
    t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCull;
    x = x ^ t ^ (t << 14);
    t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0ull;
    x = x ^ t ^ (t << 28);
    return x;
}

int cf_transpose(const uint8_t *columns, size_t width, size_t column_bytes, uint8_t *rows)
{
    size_t row_bytes = width / 8;
    size_t kb, jb;
    int i;
    if (width % 8 != 0) {
        return CF_ERR_ARGUMENT;
    }
    for (kb = 0; kb < row_bytes; kb++) {
        for (jb = 0; jb < column_bytes; jb++) {
            uint64_t x = 0;
            /* byte i of x: bits j = 8 jb .. 8 jb + 7 of column 8 kb + i */
            for (i = 0; i < 8; i++) {
                x |= (uint64_t)columns[(8 * kb + (size_t)i) * column_bytes + jb] << (8 * i);
            }
            x = cf_transpose8(x);
            /* byte b of x now: bit i = bit (8 jb + b) of column 8 kb + i, i.e. row 8 jb + b's byte kb */
            for (i = 0; i < 8; i++) {
                rows[(8 * jb + (size_t)i) * row_bytes + kb] = (uint8_t)(x >> (8 * i));
            }
        }
    }
    return CF_OK;
}
