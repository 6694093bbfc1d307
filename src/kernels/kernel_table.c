/* kernel_table.c — kernels.def expanded; see kernel_table.h. */
#include "kernels/kernel_table.h"

#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_s16.h"
#include "kernels/x86/x86_rows.h"

#ifdef MOTE_NO_STRINGS
#define MOTE_KSTR(x) ""
#else
#define MOTE_KSTR(x) #x
#endif

const mote_kernel_row mote_kernel_rows[] = {
#define KROW(id, variant, isa, fits, scratch, fn)                                                  \
    {MOTE_KID_##id, (uint16_t)(isa), MOTE_KSTR(variant), fits, scratch, fn},
#define MOTE_KROW(id, variant, isa, fits, scratch, fn)                                             \
    MOTE_SEL_KEEP(MOTE_SEL_ROW(id, variant), KROW(id, variant, isa, fits, scratch, fn))
#include "kernels/kernels.def"
};

const uint32_t mote_kernel_row_count = sizeof mote_kernel_rows / sizeof mote_kernel_rows[0];

/* Every block is well under 256 bytes (ops/op.h checks MOTE_STEP_BLOCK_MAX). */
static const uint8_t step_bytes[MOTE_KID_COUNT] = {
#define MOTE_KERNEL(id, step) (uint8_t)sizeof(step),
#include "kernels/kernels.def"
};

#ifndef MOTE_NO_STRINGS
static const char *const kernel_names[MOTE_KID_COUNT] = {
#define MOTE_KERNEL(id, step) #id,
#include "kernels/kernels.def"
};
#endif

uint32_t mote_kernel_step_bytes(mote_kernel_id k)
{
    return (unsigned)k < MOTE_KID_COUNT ? step_bytes[k] : 0u;
}

const char *mote_kernel_name(mote_kernel_id k)
{
#ifdef MOTE_NO_STRINGS
    (void)k;
    return "";
#else
    return (unsigned)k < MOTE_KID_COUNT ? kernel_names[k] : "UNKNOWN";
#endif
}

int32_t mote_kernel_pick(mote_kernel_id k, uint32_t isa, const void *step)
{
    uint32_t r;
    for (r = 0; r < mote_kernel_row_count; r++) {
        const mote_kernel_row *row = &mote_kernel_rows[r];
        if (row->kernel != (uint16_t)k || (row->isa & ~isa) != 0) continue;
        if (row->fits != NULL && !row->fits(step)) continue;
        return (int32_t)r;
    }
    return -1;
}

/* The kernels mote_signal_state knows (constant; 1 without a selection). */
#define STATEFUL                                                                                   \
    (MOTE_SEL_KERNEL(SIGNAL_SPECTRAL_SUB) || MOTE_SEL_KERNEL(SIGNAL_FRAMER) ||                     \
     MOTE_SEL_KERNEL(SIGNAL_STACKER) || MOTE_SEL_KERNEL(SIGNAL_DELAY) ||                           \
     MOTE_SEL_KERNEL(SIGNAL_OVERLAP_ADD))

int (*const mote_kernel_state)(uint32_t kernel, const void *step, uint32_t *offset,
                               uint32_t *bytes) = STATEFUL ? mote_signal_state : NULL;

#if MOTE_ROWS_ARM_MVE
#define MVE_PWN_SEL MOTE_SEL_ROW(CONV_2D_S8, arm_mve_pwn)
#else
#define MVE_PWN_SEL 0
#endif
#if MOTE_ROWS_ARM_DSP
#define ROOM                                                                                       \
    (MOTE_SEL_ROW(CONV_2D_S8, arm_dsp_pw) || MOTE_SEL_ROW(CONV_2D_S8, arm_dsp_pw_ip_room) ||       \
             MOTE_SEL_ROW(CONV_2D_S8, arm_dsp_pwn) || MVE_PWN_SEL                                  \
         ? mote_steps_room                                                                         \
         : NULL)
#else
#define ROOM NULL
#endif
void (*const mote_kernel_room)(const struct mote_graph *g, const struct mote_plan_entry *plan,
                               const struct mote_band *band, uint32_t i, int32_t out,
                               struct mote_lowered *low, uint8_t *dest) = ROOM;

/* The few-pixel pointwise rows' room (conv2d_s8_pwn_dsp.c, mve_pwn_s8.c),
 * asked first: only a build that links such a row links its part. */
#if MOTE_ROWS_ARM_DSP
#define PWN_ROOM (MOTE_SEL_ROW(CONV_2D_S8, arm_dsp_pwn) ? mote_arm_pwn_room : NULL)
#define MVE_PWN_ROOM (MVE_PWN_SEL ? mote_mve_pwn_room : NULL)
#else
#define PWN_ROOM NULL
#define MVE_PWN_ROOM NULL
#endif
int32_t *(*const mote_kernel_pwn_room)(int32_t r, void *step, int32_t k,
                                       uint32_t *bytes) = PWN_ROOM;
int32_t *(*const mote_kernel_mve_pwn_room)(int32_t r, void *step, int32_t k,
                                           uint32_t *bytes) = MVE_PWN_ROOM;

int32_t *mote_kernel_room_slot(int32_t r, void *step, int32_t k, uint32_t *bytes)
{
#if MOTE_ROWS_ARM_DSP
    int32_t *slot = mote_kernel_pwn_room != NULL ? mote_kernel_pwn_room(r, step, k, bytes) : NULL;
    if (slot == NULL && mote_kernel_mve_pwn_room != NULL)
        slot = mote_kernel_mve_pwn_room(r, step, k, bytes);
    return slot != NULL ? slot : mote_arm_room(r, step, k, bytes);
#else
    (void)r;
    (void)step;
    (void)k;
    (void)bytes;
    return NULL;
#endif
}

int mote_kernel_has_rows(mote_kernel_id k)
{
    uint32_t r;
    for (r = 0; r < mote_kernel_row_count; r++)
        if (mote_kernel_rows[r].kernel == (uint16_t)k) return 1;
    return 0;
}

int32_t mote_kernel_ref_row(mote_kernel_id k)
{
    uint32_t r;
    for (r = 0; r < mote_kernel_row_count; r++) {
        const mote_kernel_row *row = &mote_kernel_rows[r];
        if (row->kernel == (uint16_t)k && row->isa == 0 && row->fits == NULL &&
            row->scratch_bytes == NULL && row->run != NULL)
            return (int32_t)r;
    }
    return -1;
}

uint32_t mote_kernel_scratch(int32_t r, const void *step)
{
    const mote_kernel_row *row;
    if (r < 0 || (uint32_t)r >= mote_kernel_row_count) return 0;
    row = &mote_kernel_rows[r];
    return row->scratch_bytes != NULL ? row->scratch_bytes(step) : 0u;
}

/* Cortex-M: the features the compiler targets. x86-64: the CPU's own,
 * asked once (cpuid through the compiler's runtime), so one host build
 * runs everywhere and uses what it finds. The AVX-512 rows need BW, VL and
 * VNNI, and AVX2 as well. */
uint32_t mote_build_isa(void)
{
    uint32_t isa = 0;
#if MOTE_ROWS_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("sse4.1")) isa |= MOTE_ISA_X86_SSE41;
    if (__builtin_cpu_supports("avx2")) isa |= MOTE_ISA_X86_AVX2;
    if ((isa & MOTE_ISA_X86_AVX2) != 0 && __builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512vnni"))
        isa |= MOTE_ISA_X86_AVX512;
#endif
#if defined(__ARM_FEATURE_DSP)
    isa |= MOTE_ISA_ARM_DSP;
#endif
#if defined(__ARM_FEATURE_MVE)
    isa |= MOTE_ISA_ARM_MVE;
#endif
    return isa;
}
