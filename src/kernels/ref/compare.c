/*
 * EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL with
 * broadcasting (TFLite reference_ops comparisons), output bool: one loop
 * per element type, the relation chosen once per step. int8 inputs are
 * compared as TFLite's ComparisonWithScaling does: (x + offset) * 2^8
 * rescaled by each input's own multiplier below one.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_elementwise.h"
#include "base/fixedpoint.h"

#define MOTE_CMP_LOOP(rel)                                                                         \
    for (i = 0; i < p->b.elements; ++i, mote_bc_next(&p->b, &it)) {                                \
        const T a = VAL1(in1[it.o1]), b = VAL2(in2[it.o2]);                                        \
        out[i] = (uint8_t)(a rel b);                                                               \
    }

#define MOTE_CMP_BODY                                                                              \
    uint8_t *out = (uint8_t *)io->out[0];                                                          \
    mote_bc_it it;                                                                                 \
    int32_t i;                                                                                     \
    if (in1 == NULL || in2 == NULL || out == NULL || !mote_bc_ok(&p->b)) return MOTE_E_ARG;        \
    mote_bc_start(&it);                                                                            \
    switch (p->op) {                                                                               \
    case MOTE_CMP_EQ: MOTE_CMP_LOOP(==) break;                                                     \
    case MOTE_CMP_NE: MOTE_CMP_LOOP(!=) break;                                                     \
    case MOTE_CMP_GT: MOTE_CMP_LOOP(>) break;                                                      \
    case MOTE_CMP_GE: MOTE_CMP_LOOP(>=) break;                                                     \
    case MOTE_CMP_LT: MOTE_CMP_LOOP(<) break;                                                      \
    case MOTE_CMP_LE: MOTE_CMP_LOOP(<=) break;                                                     \
    default: return MOTE_E_ARG;                                                                    \
    }                                                                                              \
    return MOTE_OK;

#define VAL1(x) (x)
#define VAL2(x) (x)

#define MOTE_CMP_PLAIN(name, ctype)                                                                \
    mote_status name(const void *step, const mote_kernel_io *io)                                   \
    {                                                                                              \
        typedef ctype T;                                                                           \
        const mote_compare_step *p = (const mote_compare_step *)step;                              \
        const T *in1 = (const T *)io->in[0], *in2 = (const T *)io->in[1];                          \
        MOTE_CMP_BODY                                                                              \
    }

MOTE_CMP_PLAIN(mote_ref_compare_f32_step, float)
MOTE_CMP_PLAIN(mote_ref_compare_i32_step, int32_t)
MOTE_CMP_PLAIN(mote_ref_compare_i64_step, int64_t)

#undef VAL1
#undef VAL2
#define VAL1(x) ((x) != 0)
#define VAL2(x) ((x) != 0)
/* bool bytes other than 0 and 1 count as true. */
MOTE_CMP_PLAIN(mote_ref_compare_bool_step, uint8_t)

#undef VAL1
#undef VAL2
#define VAL1(x) scale1(p, (x))
#define VAL2(x) scale2(p, (x))

static int32_t scale1(const mote_compare_step *p, int32_t x)
{
    return mote_requantize_lt1((x + p->input1_offset) * (1 << p->left_shift), p->input1_multiplier,
                               p->input1_shift);
}

static int32_t scale2(const mote_compare_step *p, int32_t x)
{
    return mote_requantize_lt1((x + p->input2_offset) * (1 << p->left_shift), p->input2_multiplier,
                               p->input2_shift);
}

mote_status mote_ref_compare_s8_step(const void *step, const mote_kernel_io *io)
{
    typedef int32_t T;
    const mote_compare_step *p = (const mote_compare_step *)step;
    const int8_t *in1 = (const int8_t *)io->in[0], *in2 = (const int8_t *)io->in[1];
    if (p->left_shift < 0 || p->left_shift > 8 || p->input1_shift > 0 || p->input1_shift < -31 ||
        p->input2_shift > 0 || p->input2_shift < -31)
        return MOTE_E_ARG;
    {
        MOTE_CMP_BODY
    }
}
