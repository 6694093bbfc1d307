/*
 * targets.h — the cores `mote` can plan for, by name, and the kernel
 * instruction-set features each one has (MOTE_ISA_* of mote/kernels.h).
 */
#ifndef MOTE_CLI_TARGETS_H
#define MOTE_CLI_TARGETS_H

#include <stdint.h>

/* Features of target `name` ("host", "m0plus", "m3", "m4", "m7", "m33",
 * "m55") into *isa; 0 on success, -1 for an unknown name. */
int cli_target_isa(const char *name, uint32_t *isa);

/* "host, m0plus, m3, m4, m7, m33, m55", for messages and help. */
const char *cli_target_names(void);

#endif /* MOTE_CLI_TARGETS_H */
