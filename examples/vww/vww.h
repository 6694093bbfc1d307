/* vww.h — the person-detection application, shared by host and firmware.
 * pd / vw: the person_detect and vww_96_int8 .tflite bytes, or NULL to read
 * them from models/ (--model vww picks the second, --model PATH any file on
 * the host). Returns the process exit status. */
#ifndef VWW_H
#define VWW_H
#include <stddef.h>
int vww_main(int argc, char **argv, const void *pd, size_t pd_len, const void *vw, size_t vw_len);
#endif
