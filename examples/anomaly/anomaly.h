/* anomaly.h — the anomaly-detection application, shared by host and
 * firmware. model: the .tflite bytes, or NULL to read --model (default
 * models/mlperf-tiny/ad01_int8.tflite). Returns the process exit status. */
#ifndef ANOMALY_H
#define ANOMALY_H
#include <stddef.h>
int anomaly_main(int argc, char **argv, const void *model, size_t model_len);
#endif
