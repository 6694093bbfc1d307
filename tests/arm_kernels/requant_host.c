/*
 * requant_host.c — host check that mote_arm_requant() (src/kernels/arm/
 * arm_requant.h) equals mote_requantize() (src/base/fixedpoint.h) on 200 M
 * random and edge-case (acc, multiplier in {0} U [2^30, 2^31), shift in
 * [-31, 30]) triples, and mote_arm_requant_e2() for shifts <= -2. `make test-arm-requant-host`; about 4 s at -O2.
 */
#include <stdio.h>
#include <stdlib.h>
#include "base/fixedpoint.h"
#include "kernels/arm/arm_requant.h"
static uint64_t s = 88172645463325252ull;
static uint64_t rnd(void)
{
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
}
int main(void);
int main(void)
{
    long bad = 0, n = 0;
    /* the edge values as one table (clang-format would put one per line) */
    /* clang-format off */
    int32_t edges[] = {0, 1, -1, 2, -2, 3, -3, INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1,
                       1 << 30, -(1 << 30), (1 << 30) - 1, -(1 << 30) + 1, 12345, -12345};
    /* clang-format on */
    for (long i = 0; i < 200000000; i++) {
        int32_t acc;
        uint64_t r = rnd();
        switch (r % 4) {
        case 0: acc = (int32_t)(rnd()); break;
        case 1: acc = (int32_t)(rnd() % 200001) - 100000; break;
        case 2: acc = edges[rnd() % 17]; break;
        default:
            acc = (int32_t)((int64_t)(rnd() % 2000001) - 1000000) * (int32_t)(1 << (rnd() % 12));
        }
        int32_t m;
        r = rnd();
        if (r % 50 == 0)
            m = 0;
        else if (r % 50 == 1)
            m = 1 << 30;
        else if (r % 50 == 2)
            m = INT32_MAX;
        else
            m = (int32_t)((1u << 30) + (uint32_t)(rnd() % (1u << 30)));
        int sh = (int)(rnd() % 62) - 31;
        int32_t a = mote_requantize(acc, m, sh), b = mote_arm_requant(acc, m, sh);
        if (sh <= -2 && b == a) b = mote_arm_requant_e2(acc, m, (int32_t)1 << (-sh - 2), -sh - 1);
        n++;
        if (a != b) {
            if (bad < 10) printf("acc=%d m=%d sh=%d ref=%d arm=%d\n", acc, m, sh, a, b);
            bad++;
        }
    }
    printf("%ld checked, %ld bad\n", n, bad);
    return bad != 0;
}
