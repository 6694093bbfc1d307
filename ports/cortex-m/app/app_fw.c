/*
 * app_fw.c — the sensor applications (examples/wakeword, anomaly, vww) as
 * Cortex-M firmware. The application code is the host's, unchanged; this
 * file gives it a main() and the cost counters of examples/common/app.h.
 *
 * Built once per application (mk/apps.mk) with -DAPP_FW_WAKEWORD,
 * -DAPP_FW_ANOMALY or -DAPP_FW_VWW; the model(s) are in flash
 * (app_models.S), inputs are read from the host through semihosting:
 *
 *   qemu-system-arm -M mps2-an386 ... -kernel fw_wakeword.elf \
 *       -append "[-bench] <the host's arguments>"
 *
 * It prints what the host application prints. -bench (first argument)
 * turns on the cost counters: executed instructions, counted with SysTick
 * under -icount shift=0 (icount.h), split into front-end and model, in a
 * final "cost ... unit=instructions" line. The wake-word firmware uses the
 * integer-only front-end by default (--float selects the other).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "icount.h"
#include "semihost.h"

#if defined(APP_FW_WAKEWORD)
#include "wakeword.h"
#elif defined(APP_FW_ANOMALY)
#include "anomaly.h"
#elif defined(APP_FW_VWW)
#include "vww.h"
#else
#error "define APP_FW_WAKEWORD, APP_FW_ANOMALY or APP_FW_VWW"
#endif

#define MAX_ARGS 24

extern const uint8_t app_fw_model0[], app_fw_model0_end[];
#ifdef APP_FW_VWW
extern const uint8_t app_fw_model1[], app_fw_model1_end[];
#endif

static int cost_on;
static uint64_t cost_total[APP_COST_N], cost_start[APP_COST_N], cost_overhead;
static uint32_t cost_count[APP_COST_N];

int app_cost_enabled(void)
{
    return cost_on;
}

void app_cost_begin(int which)
{
    if (cost_on) cost_start[which] = mcu_icount_now();
}

void app_cost_end(int which)
{
    if (!cost_on) return;
    cost_total[which] += mcu_icount_now() - cost_start[which] - cost_overhead;
    cost_count[which]++;
}

uint64_t app_cost_total(int which)
{
    return cost_total[which];
}

uint32_t app_cost_count(int which)
{
    return cost_count[which];
}

const char *app_cost_unit(void)
{
    return "instructions";
}

int main(void)
{
    char *argv[MAX_ARGS];
    int argc = mcu_semihost_args(argv, MAX_ARGS), rc;
    if (argc > 1 && strcmp(argv[1], "-bench") == 0) {
        uint64_t t0;
        if (mcu_icount_calibrate() == 0) {
            printf("error: SysTick did not tick; run QEMU with -icount shift=0\n");
            return 1;
        }
        t0 = mcu_icount_now();
        cost_overhead = mcu_icount_now() - t0;
        cost_on = 1;
        argv[1] = argv[0];
        argc--;
        memmove(argv, argv + 1, (size_t)argc * sizeof argv[0]);
    }
#if defined(APP_FW_WAKEWORD)
    rc = wakeword_main(argc, argv, app_fw_model0, (size_t)(app_fw_model0_end - app_fw_model0), 1);
#elif defined(APP_FW_ANOMALY)
    rc = anomaly_main(argc, argv, app_fw_model0, (size_t)(app_fw_model0_end - app_fw_model0));
#else
    rc = vww_main(argc, argv, app_fw_model0, (size_t)(app_fw_model0_end - app_fw_model0),
                  app_fw_model1, (size_t)(app_fw_model1_end - app_fw_model1));
#endif
    fflush(stdout);
    return rc;
}
