# Ahead-of-time compiler (`mote compile`, tools/mote/emit*.c): its suite and
# its flash report. See tests/compile/test_compile.py.
#
#   make test-compile   every golden model compiled, built -Werror for the
#                       host against the kernels only and run on every
#                       golden input (bytes equal); float models against
#                       `mote run`; every golden model compiled for the M4
#                       (Arm DSP rows), built -Os -Werror and run under
#                       qemu-system-arm (bytes equal); and
#                       `mote inspect --timeline/--svg` on every model
#                       (tests/compile/test_timeline.py)
#   make size-compile   flash of every golden model compiled for the M4
#                       (-Os minimal firmware): code, layer parameters,
#                       weights, C library, beside the interpreter's
#                       minimal firmware ($(BUILD)/mcu/m4-size/min_*.elf)

COMPILE_DIR := $(BUILD)/compile

.PHONY: test-compile size-compile

test-compile: mcu-tools $(BUILD)/mote
	$(PYTHON) tests/compile/test_compile.py --mote $(BUILD)/mote --build $(COMPILE_DIR)
	$(PYTHON) tests/compile/test_timeline.py $(BUILD)/mote $(COMPILE_DIR)/timeline

size-compile: mcu-tools $(BUILD)/mote
	@$(MAKE) -s --no-print-directory \
	    $(foreach m,$(MCU_MODELS),$(BUILD)/mcu/m4-size/min_$(m).elf)
	$(PYTHON) tests/compile/test_compile.py --mote $(BUILD)/mote --build $(COMPILE_DIR) \
	    --no-host --no-m4 --sizes --interp-build $(BUILD)/mcu

TEST_SUITES += test-compile
