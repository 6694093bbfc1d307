/*
 * minimal.c — the smallest useful firmware: load the model, lay out a
 * session, run once, exit with the status. No stdio, so its size is the
 * flash a product pays for mote itself (startup + runtime + kernels +
 * the few libc/libgcc helpers they call); the build links it with
 * startup.c compiled -DMCU_NO_STDIO and the runtime built -DMOTE_NO_STRINGS.
 */
#include <stdint.h>
#include "mote/mote.h"

#ifndef FW_ARENA_BYTES
#define FW_ARENA_BYTES (256u * 1024u)
#endif

extern const uint8_t mote_fw_model[], mote_fw_model_end[];   /* model.S */

/* No heap here. newlib's vsnprintf (used by the runtime's error messages
 * unless MOTE_NO_STRINGS) links malloc code it never calls for a fixed
 * buffer; that code wants _sbrk, and this one always refuses. */
void *_sbrk(int incr);
void *_sbrk(int incr)
{
    (void)incr;
    return (void *)-1;
}

static mote_model model;
static mote_session session;
static uint8_t arena[FW_ARENA_BYTES] __attribute__((aligned(MOTE_ARENA_ALIGN)));

int main(void)
{
    mote_status s = mote_model_init(&model, mote_fw_model,
                                    (size_t)(mote_fw_model_end - mote_fw_model));
    if (s == MOTE_OK)
        s = mote_session_init(&session, &model, arena, sizeof arena);
    if (s == MOTE_OK)
        s = mote_invoke(&session);   /* input: whatever the arena held (zeros) */
    return s == MOTE_OK ? 0 : 1;
}
