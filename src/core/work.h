/*
 * work.h — where loading keeps its large temporaries: the plan records
 * (one mote_plan_entry per tensor), the lowering context and the planner's
 * work (mote_plan_work: in-place sets, the band chain tried; it shares the
 * context's place, as loading lowers and plans one after the other, never
 * both at once). In memory the
 * caller lends (mote_model_init_in: typically the arena it will give the
 * session; mote_session_init: the arena's activation part, unused until the
 * first invoke), so loading needs little stack; when that memory is too
 * small, on the stack as before (a separate frame, so the common case does
 * not reserve it).
 */
#ifndef MOTE_CORE_WORK_H
#define MOTE_CORE_WORK_H

#include <stddef.h>
#include <stdint.h>
#include "core/plan.h"
#include "ops/op.h"

#if defined(__GNUC__) || defined(__clang__)
#define MOTE_NOINLINE __attribute__((noinline))
#else
#define MOTE_NOINLINE
#endif

typedef struct mote_work {
    mote_lower_ctx *ctx;
    mote_plan_work *pw; /* at ctx: used only while ctx is not */
    mote_plan_entry *plan;
} mote_work;

/* The context's place holds either. */
typedef union mote_work_shared {
    mote_lower_ctx ctx;
    mote_plan_work pw;
} mote_work_shared;

#define MOTE_WORK_ROUND(x) (((x) + 15u) & ~(size_t)15u)

/* Bytes of work memory loading a model of n_tensors tensors uses. */
static inline size_t mote_work_bytes(uint32_t n_tensors)
{
    return 16u + MOTE_WORK_ROUND(sizeof(mote_work_shared)) +
           (size_t)n_tensors * sizeof(mote_plan_entry);
}

/* Carve w out of mem (bytes long); 0 when it is NULL or too small. */
static inline int mote_work_carve(void *mem, size_t bytes, uint32_t n_tensors, mote_work *w)
{
    uintptr_t at = ((uintptr_t)mem + 15u) & ~(uintptr_t)15u;
    if (mem == NULL || bytes < mote_work_bytes(n_tensors)) return 0;
    w->ctx = &((mote_work_shared *)(void *)at)->ctx;
    w->pw = &((mote_work_shared *)(void *)at)->pw;
    w->plan = (mote_plan_entry *)(void *)(at + MOTE_WORK_ROUND(sizeof(mote_work_shared)));
    return 1;
}

#endif /* MOTE_CORE_WORK_H */
