/* arm_rows_ew.c — portable parts of the MUL / SOFTMAX / Helium pool rows
 * (arm_rows_ew.h): their fits, and the broadcast runs the MUL kernels walk. */
#include "kernels/arm/arm_rows_ew.h"
#include "kernels/arm/arm_kernels.h"

int mote_mve_avg_pool_s8_fits(const mote_pool_s8_params *p, const mote_dims *input_dims,
                              const mote_dims *output_dims)
{
    return mote_arm_avg_pool_s8_fits(p, input_dims, output_dims) &&
           (int64_t)p->filter_h * p->filter_w <= 4096;
}

int mote_mve_avg_pool_s8_step_fits(const void *step)
{
    const mote_pool_s8_step *s = (const mote_pool_s8_step *)step;
    return mote_mve_avg_pool_s8_fits(&s->p, &s->in, &s->out);
}

int mote_arm_softmax_s8_step_fits(const void *step)
{
    const mote_softmax_s8_step *s = (const mote_softmax_s8_step *)step;
    return mote_arm_softmax_s8_fits(&s->p, s->rows, s->depth);
}

static int bc_valid(const mote_bcast *b)
{
    int64_t n = 1;
    int d;
    for (d = 0; d < MOTE_BCAST_RANK; ++d) {
        if (b->shape[d] < 1) return 0;
        n *= b->shape[d];
        if (n > INT32_MAX) return 0;
    }
    return n == b->elements;
}

int mote_arm_mul_s8_step_fits(const void *step)
{
    const mote_mul_q_step *s = (const mote_mul_q_step *)step;
    return bc_valid(&s->b) && s->multiplier >= 0 && s->shift <= 30 && s->shift >= -31 &&
           s->act_min <= s->act_max && s->act_min >= -128 && s->act_max <= 127 &&
           s->input1_offset >= -255 && s->input1_offset <= 255 && s->input2_offset >= -255 &&
           s->input2_offset <= 255 && s->output_offset >= -255 && s->output_offset <= 255;
}

void mote_arm_bc_runs_make(const mote_bcast *b, mote_arm_bc_runs *r)
{
    int32_t d = MOTE_BCAST_RANK - 1;
    r->run = 1;
    r->step1 = r->step2 = 0;
    r->nd = 0;
    while (d >= 0 && b->shape[d] == 1)
        --d;
    /* the innermost dimension of more than one element (unit or zero
     * strides there; anything else walks element by element) */
    if (d >= 0 && (b->s1[d] == 0 || b->s1[d] == 1) && (b->s2[d] == 0 || b->s2[d] == 1)) {
        r->step1 = b->s1[d] != 0;
        r->step2 = b->s2[d] != 0;
        r->run = b->shape[d];
        for (--d; d >= 0; --d) {
            if (b->shape[d] == 1) continue;
            if (b->s1[d] != r->step1 * r->run || b->s2[d] != r->step2 * r->run) break;
            r->run *= b->shape[d];
        }
    }
    r->outer = b->elements / r->run;
    /* the outer dimensions, outermost first */
    {
        int32_t k, n = 0;
        for (k = 0; k <= d; ++k)
            if (b->shape[k] != 1) ++n;
        r->nd = n;
        n = 0;
        for (k = 0; k <= d; ++k)
            if (b->shape[k] != 1) {
                r->shape[n] = b->shape[k];
                r->s1[n] = b->s1[k];
                r->s2[n] = b->s2[k];
                ++n;
            }
    }
}
