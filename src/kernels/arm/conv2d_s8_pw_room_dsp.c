/*
 * conv2d_s8_pw_room_dsp.c — the channel-pair loop of the pixel-chunk
 * pointwise path (pw2_pairs.h) with all 32 groups unrolled: a pixel pair
 * enters them 32 - G groups in and runs to the output stage with no pass
 * check (3 instructions a pass of eight groups: 6 a block at K = 64, 12 at
 * K = 128). Run by the arena-room path only (mote_arm_conv_pw_buf): the
 * M4 KWS build, whose in-place steps get no room, links none of its 2 KB.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/pw2_pairs.h"

/* clang-format off */
__attribute__((naked, noinline)) int32_t mote_arm_pw2_pairs_all(pw2_ctx *ctx
                                                                __attribute__((unused)))
{
    __asm__ volatile(PW2_PAIRS_ASM("rsb     r2, r2, #32\n\t", /* groups skipped: 32 - G */
                                   PW2_GROUP4 PW2_GROUP4 PW2_GROUP4 PW2_GROUP4
                                   PW2_GROUP4 PW2_GROUP4 PW2_GROUP4 PW2_GROUP4, 32, ""));
}
/* clang-format on */

#else
typedef int mote_arm_unused_;
#endif
