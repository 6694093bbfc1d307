/* targets.c — see targets.h. */
#include "targets.h"

#include <string.h>

#include "mote/kernels.h"

static const struct {
    const char *name;
    uint32_t isa;
} targets[] = {
    {"m0plus", 0},                                  /* Armv6-M */
    {"m3", 0},                                      /* Armv7-M, no DSP extension */
    {"m4", MOTE_ISA_ARM_DSP},                       /* Armv7E-M */
    {"m7", MOTE_ISA_ARM_DSP},                       /* Armv7E-M */
    {"m33", MOTE_ISA_ARM_DSP},                      /* Armv8-M Main with DSP */
    {"m55", MOTE_ISA_ARM_DSP | MOTE_ISA_ARM_MVE},   /* Armv8.1-M with Helium */
};

int cli_target_isa(const char *name, uint32_t *isa)
{
    size_t k;
    if (strcmp(name, "host") == 0) {
        *isa = mote_build_isa();
        return 0;
    }
    for (k = 0; k < sizeof targets / sizeof targets[0]; k++) {
        if (strcmp(name, targets[k].name) == 0) {
            *isa = targets[k].isa;
            return 0;
        }
    }
    return -1;
}

const char *cli_target_names(void)
{
    return "host, m0plus, m3, m4, m7, m33, m55";
}
