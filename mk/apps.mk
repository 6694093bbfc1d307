# Sensor applications (examples/wakeword, examples/anomaly, examples/vww),
# on the host and as Cortex-M firmware, and their tests.
#
#   make apps        $(BUILD)/examples/{wakeword,anomaly,vww} (also in `make examples`)
#   make apps-fw     the three firmware images for the Cortex-M4 (mps2-an386)
#   make test-apps   tests/apps: each application on the bundled samples, the
#                    wake-word front-end against a numpy re-implementation of
#                    the benchmark's tf.signal graph, the anomaly front-end
#                    against one of librosa's, and host == firmware under
#                    QEMU (M4)                                       [suite]
#
# The applications share examples/common (stdio file reads, WAV streaming,
# model set-up in a static arena, CRC-32, cost counters) and use only the
# public API (include/mote/mote.h) and src/dsp. Heap-free: every buffer is
# static, so the same code links into the firmware.
#
# PNG input needs libpng (Debian: libpng-dev; tools/ci/install-test-tools.sh
# installs it for `make test`). Without it vww is built without PNG and says
# so when given one.

APPS_CFLAGS := $(CSTD) $(WARN) -Wconversion $(OPT) -Iinclude -Isrc -Iexamples/common $(EXTRA_CFLAGS)
APPS_COMMON := examples/common/app.c examples/common/cost_host.c
APPS_HDRS   := examples/common/app.h examples/common/cost_host.h src/dsp/dsp.h
APPS_LIBS   := $(BUILD)/libmote_dsp.a $(BUILD)/libmote.a   # (mk/dsp.mk builds the first)

# libpng, probed once: the flags when a test program links, empty otherwise.
# Probed on first use (the vww build), not each time make reads this file:
# make test starts make some fifty times, mostly for other targets.
APPS_PNG_LIBS = $(eval APPS_PNG_LIBS := $(shell printf '\043include <png.h>\nint main(void){png_image i;(void)i;return 0;}\n' | \
    $(CC) -x c - -o /dev/null -lpng >/dev/null 2>&1 && echo -lpng))$(APPS_PNG_LIBS)
APPS_PNG_CFLAGS = $(if $(APPS_PNG_LIBS),-DIMAGE_IO_PNG)

WAKEWORD_BIN := $(BUILD)/examples/wakeword
ANOMALY_BIN  := $(BUILD)/examples/anomaly
VWW_BIN      := $(BUILD)/examples/vww
APPS_BINS    := $(WAKEWORD_BIN) $(ANOMALY_BIN) $(VWW_BIN)

WAKEWORD_SRCS := examples/wakeword/wakeword.c examples/wakeword/ww_features.c
ANOMALY_SRCS  := examples/anomaly/anomaly.c examples/anomaly/ad_features.c
VWW_SRCS      := examples/vww/vww.c examples/vww/image_io.c

$(WAKEWORD_BIN): $(WAKEWORD_SRCS) examples/wakeword/*.h $(APPS_COMMON) $(APPS_HDRS) $(APPS_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(APPS_CFLAGS) -o $@ $(WAKEWORD_SRCS) $(APPS_COMMON) $(APPS_LIBS) $(LDLIBS) $(EXTRA_LDFLAGS)

$(ANOMALY_BIN): $(ANOMALY_SRCS) examples/anomaly/*.h $(APPS_COMMON) $(APPS_HDRS) $(APPS_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(APPS_CFLAGS) -o $@ $(ANOMALY_SRCS) $(APPS_COMMON) $(APPS_LIBS) $(LDLIBS) $(EXTRA_LDFLAGS)

$(VWW_BIN): $(VWW_SRCS) examples/vww/*.h $(APPS_COMMON) $(APPS_HDRS) $(APPS_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(APPS_CFLAGS) $(APPS_PNG_CFLAGS) -o $@ $(VWW_SRCS) $(APPS_COMMON) $(APPS_LIBS) \
	    $(APPS_PNG_LIBS) $(LDLIBS) $(EXTRA_LDFLAGS)

.PHONY: apps apps-fw test-apps
apps: $(APPS_BINS)
examples: $(APPS_BINS)

# --- firmware: Cortex-M4F (mps2-an386), -Os, like test-mcu's m4-Os build.
# Objects go under $(BUILD)/mcu-apps/; the runtime library and the port
# objects are those of mk/mcu.mk ($(BUILD)/mcu/m4-Os/).
APPS_FW_DIR   := $(BUILD)/mcu-apps/m4-Os
APPS_FW_MCU   := $(BUILD)/mcu/m4-Os
APPS_FW_CC    := arm-none-eabi-gcc
APPS_FW_ARCH  := -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard
APPS_FW_CFLAGS := -std=c99 -Wall -Wextra -Werror -pedantic -Wmissing-prototypes -Wshadow -Wconversion \
    -Os -ffunction-sections -fdata-sections -Iinclude -Isrc -Iports/cortex-m -Iexamples/common \
    -Iexamples/wakeword -Iexamples/anomaly -Iexamples/vww -DAPP_FIRMWARE \
    -DWW_MODEL_MAX=16 -DAD_MODEL_MAX=16 -DVWW_MODEL_MAX=16 -DVWW_IMAGE_MAX='(320u*320u*3u)'
APPS_FW_PORT  := $(addprefix $(APPS_FW_MCU)/obj/ports/cortex-m/,fault.o icount.o semihost.o stack.o startup.o)
APPS_FW_DSP   := $(patsubst %.c,$(APPS_FW_DIR)/obj/%.o,$(sort $(wildcard src/dsp/*.c)))
APPS_FW_COMMON := $(APPS_FW_DIR)/obj/examples/common/app.o
APPS_FW_ELFS  := $(APPS_FW_DIR)/fw_wakeword.elf $(APPS_FW_DIR)/fw_anomaly.elf $(APPS_FW_DIR)/fw_vww.elf

$(APPS_FW_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  apps-m4  $<"
	@$(APPS_FW_CC) $(APPS_FW_ARCH) $(APPS_FW_CFLAGS) -MMD -MP -c $< -o $@

$(APPS_FW_DIR)/obj/app_fw_%.o: ports/cortex-m/app/app_fw.c
	@mkdir -p $(dir $@)
	@$(APPS_FW_CC) $(APPS_FW_ARCH) $(APPS_FW_CFLAGS) -DAPP_FW_$(shell echo $* | tr a-z A-Z) -MMD -MP -c $< -o $@

$(APPS_FW_DIR)/obj/models_wakeword.o: ports/cortex-m/app/app_models.S models/mlperf-tiny/str_ww_ref_model.tflite
	@mkdir -p $(dir $@)
	@$(APPS_FW_CC) $(APPS_FW_ARCH) -c $< -o $@ -DAPP_FW_MODEL0='"models/mlperf-tiny/str_ww_ref_model.tflite"'
$(APPS_FW_DIR)/obj/models_anomaly.o: ports/cortex-m/app/app_models.S models/mlperf-tiny/ad01_int8.tflite
	@mkdir -p $(dir $@)
	@$(APPS_FW_CC) $(APPS_FW_ARCH) -c $< -o $@ -DAPP_FW_MODEL0='"models/mlperf-tiny/ad01_int8.tflite"'
$(APPS_FW_DIR)/obj/models_vww.o: ports/cortex-m/app/app_models.S models/tflm-examples/person_detect.tflite \
        models/mlperf-tiny/vww_96_int8.tflite
	@mkdir -p $(dir $@)
	@$(APPS_FW_CC) $(APPS_FW_ARCH) -c $< -o $@ -DAPP_FW_MODEL0='"models/tflm-examples/person_detect.tflite"' \
	    -DAPP_FW_MODEL1='"models/mlperf-tiny/vww_96_int8.tflite"'

APPS_FW_OBJS_wakeword := $(APPS_FW_DIR)/obj/examples/wakeword/wakeword.o $(APPS_FW_DIR)/obj/examples/wakeword/ww_features.o
APPS_FW_OBJS_anomaly  := $(APPS_FW_DIR)/obj/examples/anomaly/anomaly.o $(APPS_FW_DIR)/obj/examples/anomaly/ad_features.o
APPS_FW_OBJS_vww      := $(APPS_FW_DIR)/obj/examples/vww/vww.o $(APPS_FW_DIR)/obj/examples/vww/image_io.o

define apps_fw_elf
$(APPS_FW_DIR)/fw_$(1).elf: $(APPS_FW_DIR)/obj/app_fw_$(1).o $(APPS_FW_OBJS_$(1)) $(APPS_FW_COMMON) \
        $(APPS_FW_DSP) $(APPS_FW_DIR)/obj/models_$(1).o $(APPS_FW_PORT) $(APPS_FW_MCU)/libmote.a
	@echo "  LD  $$@"
	@$(APPS_FW_CC) $(APPS_FW_ARCH) -Os --specs=rdimon.specs -nostartfiles -Wl,--gc-sections \
	    -Lports/cortex-m/ld -Tports/cortex-m/ld/mps2.ld -Wl,-Map=$$@.map -o $$@ $$^ -lm
endef
$(foreach a,wakeword anomaly vww,$(eval $(call apps_fw_elf,$(a))))

apps-fw: mcu-tools
	@$(MAKE) -s --no-print-directory $(APPS_FW_ELFS)

test-apps: $(APPS_BINS) $(DSP_DRIVER) venv mcu-tools
	@$(MAKE) -s --no-print-directory $(APPS_FW_ELFS)
	$(VENV_PY) tests/apps/test_apps.py --bin $(BUILD)/examples --fw $(APPS_FW_DIR) \
	    --driver $(BUILD)/tests/dsp/dsp_driver

TEST_SUITES += test-apps

-include $(shell find $(APPS_FW_DIR) -name '*.d' 2>/dev/null)
