# Cortex-M port: firmware for QEMU's MPS2/MPS3 boards, its tests, the
# benchmark and a cross-target size report. See docs/CORTEX-M.md.
#
#   make mcu-firmware   build every firmware below (needs the cross tools)
#   make test-mcu       golden outputs under qemu-system-arm (suite test-mcu)
#   make bench-mcu      one line per model and core; LAYERS=1 adds layers,
#                       REQUANT=run loads with MOTE_REQUANT_AT_RUN
#   make size-targets   library text/data for M0+, M3, M4, M7, M55, rv32imc
#
# Everything goes under $(BUILD)/mcu/<core>-<variant>/: the runtime built for
# that core (libmote.a), the port objects and one firmware per model. The
# host build rules in the top Makefile are not used.
#
# Variants: Os and O2 are full firmware builds (stdio through semihosting);
# "size" is -Os with MOTE_NO_STRINGS and no stdio, linked into a minimal
# firmware whose size is the flash mote costs a product.
#
# Operator selection: each model's firmware (fw_<model>.elf, min_<model>.elf)
# carries only the operators, kernels and kernel rows its model uses on its
# core, as TFLite Micro's per-model op resolver does, but generated:
# `mote ops --for MODEL --target CORE --header` writes the selection
# ($(MCU_DIR)/opset/<core>/<model>.h); the table sources (MCU_SEL_SRCS) are
# compiled with it per model into obj-<model>/, linked before libmote.a, so
# the library's own full tables are never pulled in and --gc-sections drops
# every other lowering, kernel and variant (the reference row too when no
# step runs it). MCU_OPSET=kernels keeps every row of the selected kernels
# (no --target); MCU_OPSET=0 links the full tables (every operator and
# kernel, for comparison). With -DMOTE_NO_ARM_ROWS in MCU_EXTRA_CFLAGS the
# rows are selected as for a core without DSP (m3): the build has no others.

MCU_DIR      := $(BUILD)/mcu
MCU_TIMEOUT  ?= 300
MCU_PY       ?= python3

MCU_CORES    := m4 m7 m55 m33 m3 m0plus    # run under QEMU
MCU_XCORES   := m0plus m3 m4 m7 m55 rv32imc # compiled for the size report
MCU_VARIANTS := Os O2 size

MCU_ARCH_m4      := -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard
MCU_ARCH_m7      := -mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard
MCU_ARCH_m55     := -mcpu=cortex-m55 -mthumb -mfloat-abi=hard
MCU_ARCH_m0plus  := -mcpu=cortex-m0plus -mthumb -mfloat-abi=soft
MCU_ARCH_m3      := -mcpu=cortex-m3 -mthumb -mfloat-abi=soft
MCU_ARCH_m33     := -mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard
# The RISC-V toolchain ships no C library headers; newlib's generic ones
# (package libnewlib-dev) serve for a freestanding compile.
MCU_ARCH_rv32imc := -march=rv32imc -mabi=ilp32 -isystem /usr/include/newlib

MCU_TOOL_PREFIX         := arm-none-eabi-
MCU_TOOL_PREFIX_rv32imc := riscv64-unknown-elf-
mcu_prefix = $(or $(MCU_TOOL_PREFIX_$(1)),$(MCU_TOOL_PREFIX))

MCU_LDSCRIPT_m4  := mps2.ld
MCU_LDSCRIPT_m7  := mps2.ld
MCU_LDSCRIPT_m55 := mps3-an547.ld
# M33: mps2-an505 in the Secure state. M3 and M0+: mps2-an385 (a Cortex-M3
# board; QEMU has no Cortex-M0+ board with enough RAM, and Armv6-M code runs
# unchanged on an Armv7-M core, Armv6-M being a subset of it: the M0+
# firmware is the -mcpu=cortex-m0plus binary, run on the M3).
MCU_LDSCRIPT_m33 := mps2-an505.ld
MCU_LDSCRIPT_m3  := mps2.ld
MCU_LDSCRIPT_m0plus := mps2.ld

MCU_OPT_Os   := -Os
MCU_OPT_O2   := -O2
MCU_OPT_size := -Os -DMOTE_NO_STRINGS -DMCU_NO_STDIO

MCU_WARN   := -std=c99 -Wall -Wextra -Werror -pedantic -Wmissing-prototypes -Wshadow -Wconversion
MCU_CFLAGS := $(MCU_WARN) $(MCU_EXTRA_CFLAGS) -ffunction-sections -fdata-sections -Iinclude -Isrc -Iports/cortex-m
MCU_LDFLAGS := -nostartfiles -Wl,--gc-sections -Lports/cortex-m/ld

# Quiet by default (many cores x variants); V=1 shows every command.
MCU_Q := $(if $(filter 1,$(V)),,@)

MCU_MODELS := kws_ref_model vww_96_int8 pretrainedResnet_quant ad01_int8 \
              str_ww_ref_model person_detect
# Test-only models (test-mcu, not the benchmarks): order_branches runs its
# operators in another order than the model's (src/core/order.h).
MCU_TEST_MODELS := order_branches
mcu_model_path = $(if $(filter person_detect,$(1)),models/tflm-examples/$(1).tflite,$(if \
    $(filter order_branches,$(1)),tests/data/order/$(1).tflite,models/mlperf-tiny/$(1).tflite))

MCU_PORT_SRCS := $(sort $(wildcard ports/cortex-m/*.c))

MCU_OPSET    ?= 1
MCU_SEL_SRCS := src/ops/registry.c src/ops/macs.c src/ops/lower_select.c src/kernels/kernel_table.c \
                src/core/control_select.c src/core/band_select.c \
                src/core/order_select.c
MCU_OPSET_DIR := $(MCU_DIR)/opset

# `mote ops --target` of a core's selection: the core, or (reference build,
# -DMOTE_NO_ARM_ROWS) a core without the DSP extension; none with
# MCU_OPSET=kernels (every row of each selected kernel).
mcu_opset_target = $(if $(filter kernels,$(MCU_OPSET)),,--target \
    $(if $(findstring MOTE_NO_ARM_ROWS,$(MCU_EXTRA_CFLAGS)),m3,$(1)))

# The selection header of one model on one core: rewritten only when its
# text changes, so a rebuilt host tool does not relink every firmware.
define mcu_opset_header
$(MCU_OPSET_DIR)/$(1)/%.h: $(BUILD)/mote FORCE_OPSET
	@mkdir -p $$(dir $$@)
	$$(MCU_Q)$(BUILD)/mote ops --for $$(call mcu_model_path,$$*) $$(call mcu_opset_target,$(1)) \
	    --header $$@.tmp
	$$(MCU_Q)if cmp -s $$@.tmp $$@; then rm -f $$@.tmp; else mv -f $$@.tmp $$@; fi
endef
.PHONY: FORCE_OPSET
FORCE_OPSET:
.PRECIOUS: $(MCU_OPSET_DIR)/%.h

# Per-model table objects of a core and variant ($(1)=core $(2)=variant
# $(3)=model), or nothing with MCU_OPSET=0.
mcu_sel_objs = $(if $(filter 1 kernels,$(MCU_OPSET)),$(MCU_SEL_SRCS:%.c=$(MCU_DIR)/$(1)-$(2)/obj-$(3)/%.o))

# --- the runtime library for one core and variant: $(1)=core $(2)=variant
define mcu_lib
$(MCU_DIR)/$(1)-$(2)/obj/%.o: %.c
	@mkdir -p $$(dir $$@)
	@echo "  CC  $(1)-$(2)  $$<"
	$$(MCU_Q)$(call mcu_prefix,$(1))gcc $$(MCU_ARCH_$(1)) $$(MCU_OPT_$(2)) $$(MCU_CFLAGS) -MMD -MP -c $$< -o $$@

$(MCU_DIR)/$(1)-$(2)/libmote.a: $(LIB_SRCS:%.c=$(MCU_DIR)/$(1)-$(2)/obj/%.o)
	@echo "  AR  $$@"
	$$(MCU_Q)rm -f $$@ && $(call mcu_prefix,$(1))ar rcs $$@ $$^

-include $$(wildcard $(LIB_SRCS:%.c=$(MCU_DIR)/$(1)-$(2)/obj/%.d))
endef

# --- firmware for a QEMU core and variant: $(1)=core $(2)=variant
define mcu_firmware
$(1)-$(2)-PORT := $(MCU_PORT_SRCS:%.c=$(MCU_DIR)/$(1)-$(2)/obj/%.o)

$(MCU_DIR)/$(1)-$(2)/model/%.o: ports/cortex-m/app/model.S
	@mkdir -p $$(dir $$@)
	$$(MCU_Q)$(call mcu_prefix,$(1))gcc $$(MCU_ARCH_$(1)) -c $$< -o $$@ \
	    -DMOTE_FW_MODEL_PATH='"$$(call mcu_model_path,$$*)"'

$(MCU_DIR)/$(1)-$(2)/selftest.elf: $(MCU_DIR)/$(1)-$(2)/obj/ports/cortex-m/app/selftest.o $$($(1)-$(2)-PORT)
	@echo "  LD  $$@"
	$$(MCU_Q)$(call mcu_prefix,$(1))gcc $$(MCU_ARCH_$(1)) $$(MCU_OPT_$(2)) --specs=rdimon.specs $$(MCU_LDFLAGS) \
	    -Tports/cortex-m/ld/$$(MCU_LDSCRIPT_$(1)) -o $$@ $$^

-include $$(wildcard $(MCU_PORT_SRCS:%.c=$(MCU_DIR)/$(1)-$(2)/obj/%.d) $(MCU_DIR)/$(1)-$(2)/obj/ports/cortex-m/app/main.d)
endef

# --- one model's table objects: $(1)=core $(2)=variant $(3)=model
define mcu_sel
$(MCU_DIR)/$(1)-$(2)/obj-$(3)/%.o: %.c $(MCU_OPSET_DIR)/$(1)/$(3).h
	@mkdir -p $$(dir $$@)
	@echo "  CC  $(1)-$(2)  $$< ($(3) operators)"
	$$(MCU_Q)$(call mcu_prefix,$(1))gcc $$(MCU_ARCH_$(1)) $$(MCU_OPT_$(2)) $$(MCU_CFLAGS) \
	    -include $(MCU_OPSET_DIR)/$(1)/$(3).h -MMD -MP -c $$< -o $$@

-include $$(wildcard $(MCU_SEL_SRCS:%.c=$(MCU_DIR)/$(1)-$(2)/obj-$(3)/%.d))
endef

# --- one model's firmware: $(1)=core $(2)=variant $(3)=model
define mcu_model_fw
$(MCU_DIR)/$(1)-$(2)/model/$(3).o: $(call mcu_model_path,$(3))

$(MCU_DIR)/$(1)-$(2)/fw_$(3).elf: $(MCU_DIR)/$(1)-$(2)/obj/ports/cortex-m/app/main.o $$($(1)-$(2)-PORT) \
        $(MCU_DIR)/$(1)-$(2)/model/$(3).o $(call mcu_sel_objs,$(1),$(2),$(3)) $(MCU_DIR)/$(1)-$(2)/libmote.a
	@echo "  LD  $$@"
	$$(MCU_Q)$(call mcu_prefix,$(1))gcc $$(MCU_ARCH_$(1)) $$(MCU_OPT_$(2)) --specs=rdimon.specs $$(MCU_LDFLAGS) \
	    -Tports/cortex-m/ld/$$(MCU_LDSCRIPT_$(1)) -Wl,-Map=$$@.map -o $$@ $$^ -lm

endef

# --- the minimal (size-measuring) firmware: $(1)=core $(2)=model
define mcu_min_fw
$(MCU_DIR)/$(1)-size/model/$(2).o: $(call mcu_model_path,$(2))

$(MCU_DIR)/$(1)-size/min_$(2).elf: $(MCU_DIR)/$(1)-size/obj/ports/cortex-m/app/minimal.o $$($(1)-size-PORT) \
        $(MCU_DIR)/$(1)-size/model/$(2).o $(call mcu_sel_objs,$(1),size,$(2)) $(MCU_DIR)/$(1)-size/libmote.a
	@echo "  LD  $$@"
	$$(MCU_Q)$(call mcu_prefix,$(1))gcc $$(MCU_ARCH_$(1)) $$(MCU_OPT_size) --specs=nano.specs $$(MCU_LDFLAGS) \
	    -Tports/cortex-m/ld/$$(MCU_LDSCRIPT_$(1)) -Wl,-Map=$$@.map -o $$@ $$^ -lm
endef

$(foreach c,$(sort $(MCU_XCORES) $(MCU_CORES)),$(eval $(call mcu_lib,$(c),Os)))
$(foreach c,$(MCU_CORES),$(eval $(call mcu_opset_header,$(c))))
$(foreach c,$(MCU_CORES),$(foreach v,O2 size,$(eval $(call mcu_lib,$(c),$(v)))))
$(foreach c,$(MCU_CORES),$(foreach v,$(MCU_VARIANTS),$(eval $(call mcu_firmware,$(c),$(v)))))
$(foreach c,$(MCU_CORES),$(foreach v,Os O2,$(foreach m,$(MCU_MODELS) $(MCU_TEST_MODELS),$(eval $(call mcu_model_fw,$(c),$(v),$(m))))))
$(foreach c,$(MCU_CORES),$(foreach v,$(MCU_VARIANTS),$(foreach m,$(MCU_MODELS) $(MCU_TEST_MODELS),$(eval $(call mcu_sel,$(c),$(v),$(m))))))
$(foreach c,$(MCU_CORES),$(foreach m,$(MCU_MODELS),$(eval $(call mcu_min_fw,$(c),$(m)))))

MCU_FIRMWARE := \
    $(foreach c,$(MCU_CORES),$(foreach v,Os O2,$(MCU_DIR)/$(c)-$(v)/selftest.elf \
        $(foreach m,$(MCU_MODELS),$(MCU_DIR)/$(c)-$(v)/fw_$(m).elf)) \
        $(foreach m,$(MCU_MODELS),$(MCU_DIR)/$(c)-size/min_$(m).elf))

.PHONY: mcu-tools mcu-firmware test-mcu bench-mcu size-targets

# Installs the cross compilers and QEMU with apt-get when one is missing
# (never skips silently: the install fails loudly without root/apt).
mcu-tools:
	@sh tools/ci/install-mcu-tools.sh

mcu-firmware: $(MCU_FIRMWARE)

# What test-mcu runs (its matrix is in tests/mcu/test_mcu.py): M4 at -Os,
# M7 at -O2, M55, M33, M3 and M0+ at -Os, so both optimisation levels build
# with -Werror and the firmware's arena is checked against the host's on
# every core.
MCU_TEST_DIRS := m4-Os m7-O2 m55-Os m33-Os m3-Os m0plus-Os
MCU_TEST_FW := $(foreach d,$(MCU_TEST_DIRS),$(MCU_DIR)/$(d)/selftest.elf \
    $(foreach m,$(MCU_MODELS) $(MCU_TEST_MODELS),$(MCU_DIR)/$(d)/fw_$(m).elf))

# The tools step must finish before anything compiles, hence the sub-make.
# The suite also builds the library for every cross target (M0+, M3, M4, M7,
# M55, rv32imc) at -Werror -Wconversion, so a warning on any of them fails it.
test-mcu: mcu-tools $(BUILD)/mote venv
	@$(MAKE) -s --no-print-directory $(MCU_TEST_FW) \
	    $(foreach c,$(MCU_XCORES),$(MCU_DIR)/$(c)-Os/libmote.a)
	$(MCU_PY) tests/mcu/test_mcu.py --build $(MCU_DIR) --timeout $(MCU_TIMEOUT) --mote $(BUILD)/mote
	@# The 16x8 zoo models on the Arm DSP and Helium rows, against TFLite Micro.
	@for c in m4 m55; do $(VENV_PY) tests/arm_kernels/zoo_s16_fw.py --core $$c --mote $(BUILD)/mote \
	    --mcu $(MCU_DIR) --build $(BUILD)/zoo-s16 || exit 1; done

# MODELS=a,b and CORES=m4,m7 (commas or spaces) limit both the build and the
# runs: only the firmware that runs is built.
mcu_list = $(subst $(comma), ,$(1))
comma := ,
space := $(empty) $(empty)
BENCH_MCU_MODELS = $(or $(call mcu_list,$(MODELS)),$(MCU_MODELS))
BENCH_MCU_CORES = $(or $(call mcu_list,$(CORES)),$(MCU_CORES))

bench-mcu: mcu-tools $(BUILD)/mote
	@$(MAKE) -s --no-print-directory $(foreach c,$(BENCH_MCU_CORES),$(foreach m,$(BENCH_MCU_MODELS),\
	    $(MCU_DIR)/$(c)-Os/fw_$(m).elf $(MCU_DIR)/$(c)-size/min_$(m).elf))
	@$(MCU_PY) bench/mcu/bench_mcu.py --build $(MCU_DIR) --timeout $(MCU_TIMEOUT) \
	    $(if $(filter 1,$(LAYERS)),--layers) $(if $(REQUANT),--requant $(REQUANT)) \
	    --models $(subst $(space),$(comma),$(strip $(BENCH_MCU_MODELS))) \
	    --cores $(subst $(space),$(comma),$(strip $(BENCH_MCU_CORES)))

size-targets: mcu-tools
	@$(MAKE) -s --no-print-directory $(foreach c,$(MCU_XCORES),$(MCU_DIR)/$(c)-Os/libmote.a)
	@echo "libmote.a at -Os, all objects before --gc-sections (bytes):"
	@$(foreach c,$(MCU_XCORES),$(call mcu_prefix,$(c))size -t $(MCU_DIR)/$(c)-Os/libmote.a \
	    | awk -v core=$(c) 'END { printf "core=%-8s text=%-7d data=%-5d bss=%d\n", core, $$1, $$2, $$3 }';)

TEST_SUITES += test-mcu
