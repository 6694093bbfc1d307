# make bench: host time per inference and arena bytes for every bundled model,
# then mote against TFLite Micro's Python interpreter and LiteRT + XNNPACK
# (one thread) side by side on the MLPerf Tiny int8 models (bench/compare.py:
# interleaved rounds, median invoke times, ratios, mote's bytes = TFLM's).
#   make bench BENCH_ROUNDS=21     rounds per model in the comparison (default)
#   make BUILD=build/ref EXTRA_CFLAGS=-DMOTE_NO_X86_ROWS bench-compare
#                                  the same with the reference kernels only
BENCH_BIN := $(BUILD)/bench/host_bench
BENCH_RUNS ?= 21
BENCH_ROUNDS ?= 21
BENCH_COMPARE := \
    models/mlperf-tiny/kws_ref_model.tflite:tests/data/golden/kws_ref_model/in_0.bin \
    models/mlperf-tiny/vww_96_int8.tflite:tests/data/golden/vww_96_int8/in_0.bin \
    models/mlperf-tiny/pretrainedResnet_quant.tflite:tests/data/golden/pretrainedResnet_quant/in_0.bin \
    models/mlperf-tiny/ad01_int8.tflite:tests/data/golden/ad01_int8/in_0.bin \
    models/mlperf-tiny/str_ww_ref_model.tflite:tests/data/golden/str_ww_ref_model/in_0.bin
BENCH_MODELS := \
    models/mlperf-tiny/kws_ref_model.tflite:tests/data/golden/kws_ref_model/in_0.bin \
    models/mlperf-tiny/vww_96_int8.tflite:tests/data/golden/vww_96_int8/in_0.bin \
    models/mlperf-tiny/pretrainedResnet_quant.tflite:tests/data/golden/pretrainedResnet_quant/in_0.bin \
    models/mlperf-tiny/ad01_int8.tflite:tests/data/golden/ad01_int8/in_0.bin \
    models/mlperf-tiny/str_ww_ref_model.tflite:tests/data/golden/str_ww_ref_model/in_0.bin \
    models/tflm-examples/person_detect.tflite:tests/data/golden/person_detect/in_0.bin \
    models/mlperf-tiny/ad01_fp32.tflite \
    models/mlperf-tiny/pretrainedResnet.tflite \
    models/mlperf-tiny/vww_96_float.tflite

# Files are read with the host tool's bounded reader (tools/mote/file.c).
$(BENCH_BIN): bench/host_bench.c tools/mote/file.c tools/mote/file.h $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror $(OPT) -Iinclude -Isrc -Itools/mote -o $@ $< tools/mote/file.c \
	    $(BUILD)/libmote.a $(LDLIBS)

.PHONY: bench bench-compare
bench: $(BENCH_BIN)
	$(BENCH_BIN) $(BENCH_RUNS) $(BENCH_MODELS)
	@$(MAKE) --no-print-directory bench-compare

bench-compare: $(BENCH_BIN) $(BUILD)/mote venv
	$(VENV_PY) bench/compare.py --host-bench $(BENCH_BIN) --rounds $(BENCH_ROUNDS) $(BENCH_COMPARE)
