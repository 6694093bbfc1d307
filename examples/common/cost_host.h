/* cost_host.h — turn on the host's cost counters (see app.h). */
#ifndef APP_COST_HOST_H
#define APP_COST_HOST_H
void app_cost_enable_host(void);
#endif
