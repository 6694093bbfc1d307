/*
 * min_main.c — the smallest firmware around a compiled model: one invoke on
 * a zero input, exit with its status. No stdio, so its size is what the
 * compiled model costs a product (tests/compile/test_compile.py --sizes
 * splits it into code, layer parameters and weights).
 */
#include <stdint.h>

#include AOT_HEADER

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

static uint8_t arena[CAT(AOT_UP, _ARENA_SIZE)] __attribute__((aligned(16)));
static uint8_t input[CAT(AOT_UP, _INPUT_SIZE)];
static uint8_t output[CAT(AOT_UP, _OUTPUT_SIZE)];

int main(void)
{
    return CAT(AOT_NAME, _invoke)(arena, input, output) == 0 ? 0 : 1;
}
