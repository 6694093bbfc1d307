/* armk_rand.h — the seeded xorshift32 generator and int8 fill of the Arm kernel cases files. */
#ifndef ARMK_RAND_H
#define ARMK_RAND_H
#include <stdint.h>

typedef struct armk_rng {
    uint32_t s; /* state, never 0 */
} armk_rng;

static inline uint32_t armk_rnd(armk_rng *r)
{
    uint32_t x = r->s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return r->s = x;
}

/* uniform in [lo, hi] (hi - lo < 2^32 - 1) */
static inline int32_t armk_int(armk_rng *r, int32_t lo, int32_t hi)
{
    return lo + (int32_t)(armk_rnd(r) % (uint32_t)(hi - lo + 1));
}

/* n int8 values: uniform, or (extreme) only -128 and 127, the accumulator bounds */
static inline void armk_fill_s8(armk_rng *r, int8_t *p, int32_t n, int extreme)
{
    int32_t i;
    for (i = 0; i < n; ++i)
        p[i] = (int8_t)(extreme ? ((armk_rnd(r) & 1) ? 127 : -128) : armk_int(r, -128, 127));
}

#endif
