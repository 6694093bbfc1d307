/* cases_bufs.h — the buffers of the cases_*.c files, as one union.
 *
 * The files run one after another, so their buffers can share memory: the
 * Cortex-M55 board (mps3-an547) has 512 KB of RAM, less than the sum of
 * them beside test_arm_kernels.c's own. Each file reaches its members
 * through macros named as its arrays were, so `sizeof` still gives a
 * buffer's size. The union is defined in test_arm_kernels.c. */
#ifndef TESTS_ARM_KERNELS_CASES_BUFS_H
#define TESTS_ARM_KERNELS_CASES_BUFS_H

#include <stdint.h>
#include "mote/kernels.h"
#include "mote/kernels_s16.h"

/* cases_dw.c: the 3x3 depthwise int16-line path. */
#define DWC_MAX (31 * 31 * 32)
#define DWC_GUARD 16
struct armk_dw_bufs {
    int8_t in[DWC_MAX];
    int8_t ref[DWC_MAX + DWC_GUARD];
    int8_t arm[DWC_MAX + DWC_GUARD];
    int8_t filt[9 * 32];
    int32_t bias[32], mult[32];
    int8_t shift[32];
};

/* cases_pw.c: the pointwise four-pixel blocks. */
#define PW_MAXPIX 40
#define PW_MAXK 256
#define PW_GUARD 32
struct armk_pw_bufs {
    int8_t in[PW_MAXPIX * PW_MAXK];
    int8_t filt[PW_MAXK * PW_MAXK];
    int8_t ref[PW_MAXPIX * PW_MAXK + PW_GUARD];
    int8_t out[PW_MAXPIX * PW_MAXK + PW_GUARD];
    int32_t bias[PW_MAXK];
    int32_t step[(sizeof(mote_conv_s8_step) + 5 * PW_MAXK) / 4 + 1];
};

/* cases_rows.c: MUL, SOFTMAX and the Helium pools. */
#define RW_GUARD 32
#define RW_BUF (48 * 48 * 16 + 64)
struct armk_rows_bufs {
    int8_t a[RW_BUF], b[RW_BUF];
    int8_t ref[RW_BUF + RW_GUARD], arm[RW_BUF + RW_GUARD];
};

/* cases_s16.c: the 16x8 rows. */
#define S_IN 12288
#define S_FILT 40960
#define S_OUT 8192
#define S_CH 512
#define S_GUARD 16
struct armk_s16_bufs {
    int16_t in[S_IN];
    int8_t filt[S_FILT];
    int64_t bias64[S_CH];
    int32_t bias32[S_CH];
    int16_t ref[S_OUT + S_GUARD];
    int16_t arm[S_OUT + S_GUARD];
    uint32_t step[(sizeof(mote_conv_s16_step) + 5 * S_CH) / 4 + 2];
};

/* cases_dm.c: depthwise, one input channel, depth multiplier > 1. */
#define DMC_IN (40 * 40)
#define DMC_OUT (40 * 40 * 16)
#define DMC_GUARD 16
struct armk_dm_bufs {
    int8_t in[DMC_IN];
    int8_t ref[DMC_OUT + DMC_GUARD];
    int8_t arm[DMC_OUT + DMC_GUARD];
    int8_t filt[256];
    int32_t bias[32];
    int32_t step[(sizeof(mote_conv_s8_step) + 5 * 32) / 4 + 1];
};

/* cases_c4.c: the four-pixel CONV_2D row (h-c4). */
#define C4_IN (2 * 10 * 10 * 36)
#define C4_FILT (65 * 324)
#define C4_OUT (2 * 10 * 10 * 65)
#define C4_GUARD 32
#define C4_CH 65
struct armk_c4_bufs {
    int8_t in[C4_OUT]; /* the input, or in place the input and output */
    int8_t filt[C4_FILT];
    int8_t ref[C4_OUT + C4_GUARD];
    int8_t arm[C4_OUT + C4_GUARD];
    int32_t bias[C4_CH], mult[C4_CH];
    int8_t shift[C4_CH];
    int32_t step[(sizeof(mote_conv_s8_step) + 5 * C4_CH) / 4 + 1];
    uint8_t ring[10 * 10 * 65 + C4_GUARD];
};

/* cases_first.c: first layers, few input channels (arm_dsp_first). */
#define FC_MAXH 12
#define FC_MAXW 80
#define FC_IN (2 * 16 * 40 * 4)
#define FC_OUT (2 * 16 * 40 * 16)
#define FC_GUARD 16
struct armk_first_bufs {
    int8_t in[FC_IN];
    int8_t ref[FC_OUT + FC_GUARD];
    int8_t arm[FC_OUT + FC_GUARD];
    int8_t filt[24 * 4 * 4 * 4];
    int32_t bias[24];
    int32_t step[(sizeof(mote_conv_s8_step) + 5 * 24) / 4 + 1];
};

/* cases_vwwa.c: pointwise, 8 or 16 input channels (arm_dsp_pwk). */
#define VA_IN (2 * 10 * 48 * 24)
#define VA_OUT (2 * 10 * 48 * 64)
#define VA_GUARD 16
struct armk_vwwa_bufs {
    int8_t in[VA_IN];
    int8_t ref[VA_OUT + VA_GUARD];
    int8_t arm[VA_OUT + VA_GUARD];
    int8_t filt[70 * 24];
    int32_t bias[70];
    int32_t step[(sizeof(mote_conv_s8_step) + 5 * 70) / 4 + 1];
};

/* cases_add.c: ADD's exact-input path. */
#define AD_MAX 4100
#define AD_GUARD 16
struct armk_add_bufs {
    int8_t a[AD_MAX], b[AD_MAX];
    int8_t ref[AD_MAX + AD_GUARD], arm[AD_MAX + AD_GUARD];
};

/* cases_ic.c: the four-pixel path's row blocks (h-ic). */
#define IC_MAXH 8
#define IC_MAXW 36
#define IC_CH 32
#define IC_GUARD 32
#define IC_DEEP_C 64 /* deep cases: in channels up to 68, rows up to IC_MAXW / 2 */
struct armk_ic_bufs {
    /* the input (deep cases: 2 x 8 x 18 x 68), or in place the input and output */
    int8_t in[2 * IC_MAXH * IC_MAXW * (IC_DEEP_C + 4) / 2];
    int8_t filt[IC_CH * 9 * (IC_DEEP_C + 4)];
    int8_t ref[2 * IC_MAXH * IC_MAXW * IC_CH + IC_GUARD];
    int8_t arm[2 * IC_MAXH * IC_MAXW * IC_CH + IC_GUARD];
    int32_t bias[IC_CH], mult[IC_CH];
    int8_t shift[IC_CH];
    int32_t step[(sizeof(mote_conv_s8_step) + 5 * IC_CH) / 4 + 1];
    uint8_t ring[IC_MAXH * IC_MAXW * IC_CH];
};

/* cases_icadd.c: strided pointwise (arm_dsp_pws, arm_dsp_rows_pws), ADD's table path. */
#define IA_IN 24576
#define IA_OUT 16384
#define IA_OC 64
#define IA_GUARD 16
#define IA_ADD 4100
struct armk_icadd_bufs {
    int8_t in[IA_IN];
    int8_t ref[IA_OUT + IA_GUARD];
    int8_t arm[IA_IN + IA_GUARD]; /* in place: the input, then the output */
    int8_t filt[IA_OC * 128];
    int32_t bias[IA_OC], mult[IA_OC];
    int8_t shift[IA_OC];
    int32_t step[(sizeof(mote_conv_s8_step) + 5 * IA_OC) / 4 + 1];
    uint8_t ring[8192];
    int8_t a[IA_ADD], b[IA_ADD];
};

union armk_cases_bufs {
    struct armk_dw_bufs dw;
    struct armk_pw_bufs pw;
    struct armk_rows_bufs rows;
    struct armk_s16_bufs s16;
    struct armk_dm_bufs dm;
    struct armk_c4_bufs c4;
    struct armk_first_bufs first;
    struct armk_add_bufs add;
    struct armk_vwwa_bufs vwwa;
    struct armk_ic_bufs ic;
    struct armk_icadd_bufs icadd;
};
extern union armk_cases_bufs armk_cases;

#endif
