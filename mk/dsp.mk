# Audio front-ends (src/dsp/) and the keyword-spotting example.
#
#   make kws        build $(BUILD)/examples/kws (also part of `make examples`)
#   make test-dsp   every src/dsp function against numpy, the MFCC pipeline
#                   against a numpy re-implementation of tf.signal, and the
#                   kws example on the bundled clips (tests/dsp/)   [suite]
#
# src/dsp builds into its own archive, $(BUILD)/libmote_dsp.a, so the
# runtime library is unchanged; it is held to the runtime's warnings
# (-Wconversion included).

DSP_SRCS := $(sort $(wildcard src/dsp/*.c))
DSP_OBJS := $(DSP_SRCS:%.c=$(BUILD)/obj/%.o)
DSP_LIB  := $(BUILD)/libmote_dsp.a
KWS_BIN  := $(BUILD)/examples/kws
KWS_SRCS := examples/kws/kws.c examples/kws/kws_features.c
DSP_DRIVER := $(BUILD)/tests/dsp/dsp_driver
DSP_CFLAGS := $(CSTD) $(WARN) -Wconversion $(OPT) -Iinclude -Isrc -Iexamples/kws $(EXTRA_CFLAGS)

$(DSP_OBJS): CFLAGS_LIB += -Wconversion

$(DSP_LIB): $(DSP_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(KWS_BIN): $(KWS_SRCS) examples/kws/kws_features.h src/dsp/dsp.h $(DSP_LIB) $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(DSP_CFLAGS) -o $@ $(KWS_SRCS) $(DSP_LIB) $(BUILD)/libmote.a $(LDLIBS) $(EXTRA_LDFLAGS)

$(DSP_DRIVER): tests/dsp/dsp_driver.c examples/kws/kws_features.c examples/kws/kws_features.h \
        src/dsp/dsp.h $(DSP_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(DSP_CFLAGS) -o $@ tests/dsp/dsp_driver.c examples/kws/kws_features.c $(DSP_LIB) \
	    $(LDLIBS) $(EXTRA_LDFLAGS)

.PHONY: kws examples test-dsp
kws: $(KWS_BIN)
examples: $(KWS_BIN)

test-dsp: $(KWS_BIN) $(DSP_DRIVER) venv
	$(VENV_PY) tests/dsp/test_dsp.py --driver $(DSP_DRIVER) --kws $(KWS_BIN)

TEST_SUITES += test-dsp

-include $(wildcard $(DSP_OBJS:.o=.d))
