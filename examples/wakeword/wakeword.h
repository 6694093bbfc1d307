/* wakeword.h — the wake-word application, shared by host and firmware.
 * model: the .tflite bytes, or NULL to read --model (default
 * models/mlperf-tiny/str_ww_ref_model.tflite); fixed: the default
 * front-end path (1 integer-only, 0 float), overridden by --fixed/--float.
 * Returns the process exit status. */
#ifndef WAKEWORD_H
#define WAKEWORD_H
#include <stddef.h>
int wakeword_main(int argc, char **argv, const void *model, size_t model_len, int fixed);
#endif
