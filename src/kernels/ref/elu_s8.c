/*
 * ELU, int8 (TFLite Micro's EvalUsingLookupTable): each output byte is the
 * entry of the 256-byte table lowering built (src/ops/elu.c), indexed by the
 * input byte read as unsigned. The table follows the block as its
 * requantization words (MOTE_ELU_S8_TABLE_WORDS of them, 4 bytes each).
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

mote_status mote_ref_elu_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_elu_s8_step *p = (const mote_elu_s8_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int8_t *out = (int8_t *)io->out[0];
    const int8_t *table;
    int32_t i;
    if (in == NULL || out == NULL || p->elements <= 0 || p->channels != MOTE_ELU_S8_TABLE_WORDS)
        return MOTE_E_ARG;
    table =
        (const int8_t *)(const void *)mote_step_requant(step, sizeof *p, p->channels).multiplier;
    for (i = 0; i < p->elements; ++i)
        out[i] = table[(uint8_t)in[i]];
    return MOTE_OK;
}
