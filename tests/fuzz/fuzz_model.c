/*
 * fuzz_model.c — arbitrary bytes as a .tflite model: mote_model_init, then
 * (when accepted) a session in an exactly-sized arena and one invoke.
 * Seeds: the bundled models (by path, from the seed dir mk/fuzz.mk builds)
 * plus the small committed corpus in tests/fuzz/corpus/model/.
 */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* libFuzzer hands over a heap copy of exactly size bytes: a read past
     * the model's end is caught too. */
    /* The model's own bytes (fuzzer-controlled) double as the chosen input. */
    (void)fuzz_run_model_with(data, size, data, size);
    return 0;
}
