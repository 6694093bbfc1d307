# The verifying .tflite reader (src/format/) and its hostile-input tests.
#
#   make test-reader     real models vs. an independent decoder's expectations,
#                        the hand-made hostile corpus, every truncation of
#                        ad01_int8 up to 4 KiB then a stride, 3000 byte flips
#   make reader-data     regenerate tests/data/reader/expect.tsv and
#                        tests/data/hostile/ (needs `make venv`)
#
# Under sanitizers: make test-reader BUILD=build/asan \
#   EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -DMOTE_DEBUG" \
#   EXTRA_LDFLAGS="-fsanitize=address,undefined"

READER_TEST := $(BUILD)/tests/reader/test_reader
READER_TEST_SRCS := $(sort $(wildcard tests/reader/*.c)) tests/common/status_names.c tools/mote/file.c
READER_MODELS := $(sort $(wildcard models/mlperf-tiny/*.tflite models/tflm-examples/*.tflite))

$(READER_TEST): $(READER_TEST_SRCS) tests/reader/test_util.h tests/common/status_names.h tools/mote/file.h \
        $(BUILD)/gen/status_table.h $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -Itests/common -I$(BUILD)/gen -Itools/mote -o $@ $(READER_TEST_SRCS) $(BUILD)/libmote.a $(LDLIBS) $(EXTRA_LDFLAGS)

.PHONY: test-reader reader-data
test-reader: $(READER_TEST)
	$(PYTHON) tests/common/status_names.py --check tests/data/hostile/MANIFEST.tsv tests/robust/data/MANIFEST.tsv
	$(READER_TEST) --expect tests/data/reader/expect.tsv $(READER_MODELS) \
	    --hostile tests/data/hostile \
	    --trunc models/mlperf-tiny/ad01_int8.tflite \
	    --flip models/mlperf-tiny/kws_ref_model.tflite 1500 \
	    --flip models/tflm-examples/person_detect.tflite 1000 \
	    --flip tests/data/hostile/ok_buffer_offset.tflite 500

reader-data: venv
	$(VENV_PY) tests/reader/make_expect.py $(READER_MODELS) > tests/data/reader/expect.tsv
	$(VENV_PY) tests/reader/make_hostile.py tests/data/hostile

TEST_SUITES += test-reader
