/* lower_select.c — the type-specific lowerings this build links; see
 * lower_select.h. Compiled with the operator selection when there is one. */
#include "ops/lower_select.h"

#include "kernels/kernel_table.h"

/* 1 when either kernel is in the build (constant; 1 without a selection). */
#define EITHER(a, b) (MOTE_SEL_KERNEL(a) || MOTE_SEL_KERNEL(b))

const mote_lower_by_type mote_lower_by_type_table = {
    EITHER(CONV_2D_S16, DEPTHWISE_CONV_2D_S16) ? mote_lower_conv_s16 : NULL,
    MOTE_SEL_KERNEL(FULLY_CONNECTED_S16) ? mote_lower_fc_s16 : NULL,
    EITHER(AVERAGE_POOL_2D_S16, MAX_POOL_2D_S16) ? mote_lower_pool_s16 : NULL,
    EITHER(CONV_2D_HYBRID, DEPTHWISE_CONV_2D_HYBRID) ? mote_lower_conv_hybrid : NULL,
    MOTE_SEL_KERNEL(FULLY_CONNECTED_HYBRID) ? mote_lower_fc_hybrid : NULL,
    MOTE_SEL_KERNEL(BATCH_MATMUL_HYBRID) ? mote_lower_bmm_hybrid : NULL,
    MOTE_SEL_KERNEL(SOFTMAX_S16) ? mote_lower_softmax_s16 : NULL,
    MOTE_SEL_KERNEL(ELU_S8) ? mote_lower_elu_s8 : NULL,
};
