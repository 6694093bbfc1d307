/* cost_host.c — app.h's cost counters on the host: CLOCK_MONOTONIC
 * nanoseconds. Enabled by app_cost_enable_host() (the apps' --time). */
#define _POSIX_C_SOURCE 199309L
#include <time.h>

#include "app.h"
#include "cost_host.h"

static int enabled;
static uint64_t total[APP_COST_N], start[APP_COST_N];
static uint32_t count[APP_COST_N];

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void app_cost_enable_host(void)
{
    enabled = 1;
}

int app_cost_enabled(void)
{
    return enabled;
}

void app_cost_begin(int which)
{
    if (enabled) start[which] = now_ns();
}

void app_cost_end(int which)
{
    if (!enabled) return;
    total[which] += now_ns() - start[which];
    count[which]++;
}

uint64_t app_cost_total(int which)
{
    return total[which];
}

uint32_t app_cost_count(int which)
{
    return count[which];
}

const char *app_cost_unit(void)
{
    return "ns";
}
