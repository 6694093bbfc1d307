# Cortex-M DSP kernels (src/kernels/arm/): bit-exactness against the
# reference kernels and instruction counts, in firmware under QEMU.
#
#   make test-arm-kernels     build and run tests/arm_kernels on M4, M7, M55
#                             (two cores at a time under make -j2, as make test runs it)
#   make arm-kernels-fw       only build the three firmware images
#
# ARMK_CASES sets the random cases per kernel (default 5000; pools get half).
# ARMK_TIMEOUT (seconds per core, default 900) only guards against a hung
# firmware: the M55 run takes about 90 s on a 2-core machine, but over 300 s
# (the old default, which then failed the suite) when other jobs load it.
# Builds go to $(BUILD)/arm-kernels/<core>/.
# Every Arm row of the kernel table (src/kernels/kernels.def) is checked
# here against the reference on random cases; the golden sets run on each
# core through the table in test-mcu.

ARMK_DIR     := $(BUILD)/arm-kernels
ARMK_CORES   := m4 m7 m55
ARMK_CASES   ?= 5000
ARMK_TIMEOUT ?= 900
ARMK_CC      := arm-none-eabi-gcc

ARMK_ARCH_m4  := -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard
ARMK_ARCH_m7  := -mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard
ARMK_ARCH_m55 := -mcpu=cortex-m55 -mthumb -mfloat-abi=hard
ARMK_LD_m4    := mps2.ld
ARMK_LD_m7    := mps2.ld
ARMK_LD_m55   := mps3-an547.ld
ARMK_QEMU_m4  := mps2-an386
ARMK_QEMU_m7  := mps2-an500
ARMK_QEMU_m55 := mps3-an547

ARMK_WARN  := -std=c99 -Wall -Wextra -Werror -pedantic -Wmissing-prototypes -Wshadow -Wconversion
ARMK_SRCS   = tests/arm_kernels/test_arm_kernels.c \
              $(sort $(wildcard tests/arm_kernels/cases_*.c)) \
              $(sort $(wildcard src/kernels/arm/*.c)) \
              $(sort $(wildcard src/kernels/ref/*_s8.c)) src/kernels/ref/ref_rows.c \
              src/kernels/ref/mul_q.c \
              src/kernels/ref/conv2d_s16.c \
              src/kernels/ref/depthwise_conv2d_s16.c src/kernels/ref/fully_connected_s16.c \
              ports/cortex-m/startup.c ports/cortex-m/semihost.c ports/cortex-m/icount.c \
              ports/cortex-m/fault.c ports/cortex-m/stack.c
ARMK_DEPS   = $(ARMK_SRCS) $(wildcard src/kernels/arm/*.h src/kernels/ref/*.h src/kernels/*.h \
              src/base/*.h include/mote/*.h ports/cortex-m/*.h tests/arm_kernels/*.h)

define armk_fw
$(ARMK_DIR)/$(1)/test_arm_kernels.elf: $$(ARMK_DEPS) mk/arm_kernels.mk
	@mkdir -p $$(dir $$@)
	@echo "  CCLD  $$@"
	@$(ARMK_CC) $(ARMK_ARCH_$(1)) -Os $(ARMK_WARN) -ffunction-sections -fdata-sections \
	    -Iinclude -Isrc -Iports/cortex-m --specs=rdimon.specs -nostartfiles -Wl,--gc-sections \
	    -Lports/cortex-m/ld -Tports/cortex-m/ld/$(ARMK_LD_$(1)) -o $$@ $$(ARMK_SRCS) -lm
endef
$(foreach c,$(ARMK_CORES),$(eval $(call armk_fw,$(c))))

.PHONY: arm-kernels-fw test-arm-kernels
arm-kernels-fw: $(foreach c,$(ARMK_CORES),$(ARMK_DIR)/$(c)/test_arm_kernels.elf)

# Each core's run must print its summary and exit 0. The cores are separate
# make targets: under make -j2 (make test runs every suite so) two run at a
# time, the M55 (the longest) first; --output-sync prints each core's output
# whole when it ends, and -k runs every core even after one fails.
ARMK_RUNS := $(ARMK_CORES:%=armk-run-%)
.PHONY: $(ARMK_RUNS)
$(ARMK_RUNS): armk-run-%:
	@echo "== $* ($(ARMK_QEMU_$*))"
	@timeout $(ARMK_TIMEOUT) qemu-system-arm -M $(ARMK_QEMU_$*) -nographic -monitor none \
	    -semihosting-config enable=on,target=native -icount shift=0 \
	    -kernel $(ARMK_DIR)/$*/test_arm_kernels.elf -append "-cases $(ARMK_CASES)" \
	    || { rc=$$?; echo "test-arm-kernels: $* FAILED (exit $$rc)"; exit 1; }

test-arm-kernels: mcu-tools
	@$(MAKE) --no-print-directory arm-kernels-fw
	@$(MAKE) -k --no-print-directory --output-sync=target $(filter armk-run-m55,$(ARMK_RUNS)) \
	    $(filter-out armk-run-m55,$(ARMK_RUNS)) \
	    || { echo "test-arm-kernels: FAILED (see the core(s) above)"; exit 1; }

TEST_SUITES += test-arm-kernels

# The exactness argument of arm_requant.h, checked on the host.
.PHONY: test-arm-requant-host
test-arm-requant-host:
	@mkdir -p $(ARMK_DIR)/host
	@$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Iinclude -Isrc -o $(ARMK_DIR)/host/requant_host \
	    tests/arm_kernels/requant_host.c
	@$(ARMK_DIR)/host/requant_host
