/* requant_run.c — see requant_run.h. */
#include "ops/requant_run.h"

#include "mote/kernels.h"
#include "kernels/kernel_table.h"
#include "ops/quant.h"

int mote_requant_at_run_kernel(int32_t kernel)
{
    switch (kernel) {
    case MOTE_KID_CONV_2D_S8:
    case MOTE_KID_DEPTHWISE_CONV_2D_S8:
    case MOTE_KID_CONV_2D_S8_I4:
    case MOTE_KID_DEPTHWISE_CONV_2D_S8_I4:
    case MOTE_KID_FULLY_CONNECTED_S8:
    case MOTE_KID_FULLY_CONNECTED_S8_I4: return 1;
    default: return 0;
    }
}

uint32_t mote_requant_block_channels(int32_t kernel, const void *block)
{
    int32_t n;
    if (kernel == MOTE_KID_FULLY_CONNECTED_S8 || kernel == MOTE_KID_FULLY_CONNECTED_S8_I4)
        n = mote_fc_s8_step_channels((const mote_fc_s8_step *)block);
    else
        n = ((const mote_conv_s8_step *)block)->channels;
    return n > 0 ? (uint32_t)n : 0u;
}

uint32_t mote_requant_block_bytes(int32_t kernel, const void *block)
{
    if (kernel == MOTE_KID_FULLY_CONNECTED_S8 || kernel == MOTE_KID_FULLY_CONNECTED_S8_I4)
        return mote_fc_s8_step_bytes((const mote_fc_s8_step *)block);
    return mote_kernel_step_bytes((mote_kernel_id)kernel);
}

/* Scale 0 of tensor t (verified per-tensor by lowering). */
static float scale0(const mote_graph *g, int32_t t)
{
    mote_graph_tensor x;
    if (t < 0 || mote_graph_get_tensor(g, (uint32_t)t, &x) != MOTE_OK || x.n_quant < 1) return 0.0f;
    return mote_graph_tensor_scale(&x, 0);
}

mote_status mote_requant_fill(const mote_graph *g, int32_t in, int32_t weights, int32_t out,
                              uint32_t channels, int32_t *multiplier, int8_t *shift)
{
    mote_graph_tensor w;
    const float in_scale = scale0(g, in), out_scale = scale0(g, out);
    uint32_t ch;
    if (weights < 0 || mote_graph_get_tensor(g, (uint32_t)weights, &w) != MOTE_OK ||
        w.n_quant < 1 || (w.n_quant > 1 && w.n_quant < channels))
        return MOTE_E_STATE;
    for (ch = 0; ch < channels; ch++) {
        float ws = mote_graph_tensor_scale(&w, w.n_quant > 1 ? ch : 0);
        if (mote_quant_conv_channel(in_scale, ws, out_scale, &multiplier[ch], &shift[ch]) !=
            MOTE_OK)
            return MOTE_E_STATE;
    }
    return MOTE_OK;
}
