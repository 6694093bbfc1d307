# Day-one tools (issue 12): `mote profile`, `mote validate`, `mote report`,
# the Python package (python/), and the first-hour checks.
#
#   make pylib            $(BUILD)/libmote.so: the runtime as a shared library
#                         for the Python package (ctypes), from the same sources
#   make test-tools       tests/tools/: Python package vs CLI and TFLite Micro,
#                         validate, report (headless Chromium), profile (one
#                         small model on one core under QEMU), README snippet,
#                         CMake install + find_package + pkg-config, the
#                         docs/CORTEX-M.md recipes
#
# Profile firmware for any model (what `mote profile` runs; needs the Arm
# cross tools, tools/ci/install-mcu-tools.sh --arm):
#   make PROFILE_MODEL=m.tflite PROFILE_CORE=m4 PROFILE_ARENA=N PROFILE_INPUT=N \
#        PROFILE_ELF=out.elf profile-fw

# ---- shared library for python/ -------------------------------------------
PYLIB := $(BUILD)/libmote.so
PYLIB_SRCS := $(LIB_SRCS) $(filter-out tools/mote/main.c,$(CLI_SRCS)) python/mote/_shim.c
PYLIB_OBJS := $(PYLIB_SRCS:%.c=$(BUILD)/pic/%.o)

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(OPT) -fPIC -Iinclude -Isrc -Itools/mote $(EXTRA_CFLAGS) -MMD -MP -c $< -o $@

$(PYLIB): $(PYLIB_OBJS)
	$(CC) -shared -o $@ $^ $(LDLIBS)

.PHONY: pylib
pylib: $(PYLIB)
-include $(wildcard $(PYLIB_OBJS:.o=.d))

# ---- profile firmware --------------------------------------------------------
# Cores beyond mk/mcu.mk's set: M33 (Armv8-M Main + DSP + FPU), run on
# mps2-an505 in the Secure state; M3 and M0+ reuse mps2.ld (mps2-an385).
MCU_ARCH_m33 ?= -mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard
MCU_LDSCRIPT_m33 ?= mps2-an505.ld
MCU_LDSCRIPT_m3 ?= mps2.ld
MCU_LDSCRIPT_m0plus ?= mps2.ld
MCU_OPT_prof := -Os
PROFILE_CORES := m0plus m3 m4 m7 m33 m55

$(foreach c,$(PROFILE_CORES),$(eval $(call mcu_lib,$(c),prof)))
# A user's profile build must not fail on a new compiler's new warning:
# warnings stay on, -Werror goes (test-mcu keeps it for the project's builds).
$(foreach c,$(PROFILE_CORES),$(eval $(MCU_DIR)/$(c)-prof/%.o: MCU_CFLAGS := $(filter-out -Werror,$(MCU_CFLAGS))))

ifneq ($(PROFILE_MODEL),)
PROFILE_ARENA ?= 262144
PROFILE_INPUT ?= 65536
PROFILE_ELF ?= $(MCU_DIR)/$(PROFILE_CORE)-prof/fw.elf
PROFILE_OBJ := $(PROFILE_ELF:.elf=)
PROFILE_PORT := $(MCU_PORT_SRCS:%.c=$(MCU_DIR)/$(PROFILE_CORE)-prof/obj/%.o)
PROFILE_PFX := $(call mcu_prefix,$(PROFILE_CORE))

$(PROFILE_OBJ)-model.o: $(PROFILE_MODEL) ports/cortex-m/app/model.S
	@mkdir -p $(dir $@)
	$(MCU_Q)$(PROFILE_PFX)gcc $(MCU_ARCH_$(PROFILE_CORE)) -c ports/cortex-m/app/model.S -o $@ \
	    -DMOTE_FW_MODEL_PATH='"$(abspath $(PROFILE_MODEL))"'

# main.c per firmware: its arena and input buffer are sized for the model.
$(PROFILE_OBJ)-main.o: ports/cortex-m/app/main.c
	@mkdir -p $(dir $@)
	$(MCU_Q)$(PROFILE_PFX)gcc $(MCU_ARCH_$(PROFILE_CORE)) $(MCU_OPT_prof) $(filter-out -Werror,$(MCU_CFLAGS)) \
	    -DFW_ARENA_BYTES=$(PROFILE_ARENA)u -DFW_INPUT_MAX=$(PROFILE_INPUT)u -c $< -o $@

$(PROFILE_ELF): $(PROFILE_OBJ)-main.o $(PROFILE_PORT) $(PROFILE_OBJ)-model.o \
        $(MCU_DIR)/$(PROFILE_CORE)-prof/libmote.a
	@echo "  LD  $@"
	$(MCU_Q)$(PROFILE_PFX)gcc $(MCU_ARCH_$(PROFILE_CORE)) $(MCU_OPT_prof) --specs=rdimon.specs \
	    $(MCU_LDFLAGS) -Tports/cortex-m/ld/$(MCU_LDSCRIPT_$(PROFILE_CORE)) -Wl,-Map=$@.map \
	    -o $@ $^ -lm

.PHONY: profile-fw
profile-fw: $(PROFILE_ELF)
endif
$(BUILD)/obj/tools/mote/cmd_tools.o: CFLAGS_LIB += -DMOTE_SOURCE_DIR='"$(CURDIR)"'

# ---- the suite -----------------------------------------------------------------
# About a minute warm (firmware and CMake builds are kept in
# $(BUILD)/tests/tools between runs); the first run builds the M4 runtime
# twice more (profile, docs recipes). Needs the venv (pytest, numpy,
# tflite-micro, ai-edge-litert), Chromium and the Arm tools
# (tools/ci/install-test-tools.sh).
#
# The test files run as two pytest processes, make targets two at a time
# under make -j2 (make test runs every suite so), each printed whole when it
# ends: their long tests are builds, and those of one group (pip install's
# single compiler call, CMake configures, QEMU runs) leave a core idle that
# the other group's builds use. Run test-cmake and test-tools one after the
# other (as make test does), not in one make -j: they share a build directory. Group 1 is the Python package, CMake, README and
# figures; group 2 everything else (profile, docs recipes, validate, report,
# any new file). Each group has its own pytest temporary directory.
# The add_subdirectory consumer's CMake build is the one test-cmake makes
# ($(BUILD)/cmake-consumer, the same configure): run after it, as make test
# does, its check (no -Werror on consumers) finds the build done.
TOOLS_TESTS_1 := tests/tools/test_python.py tests/tools/test_cmake.py tests/tools/test_readme.py \
                 tests/tools/test_figures.py
TOOLS_TESTS_2 := $(filter-out $(TOOLS_TESTS_1),$(sort $(wildcard tests/tools/test_*.py)))
TOOLS_RUNS := tools-run-1 tools-run-2
.PHONY: test-tools $(TOOLS_RUNS)
$(TOOLS_RUNS): tools-run-%:
	@echo "== tests/tools group $*: $(notdir $(TOOLS_TESTS_$*))"
	@MOTE_CLI=$(abspath $(BUILD)/mote) MOTE_LIB=$(abspath $(PYLIB)) \
	    MOTE_CMAKE_CONSUMER_BUILD=$(abspath $(BUILD)/cmake-consumer) \
	    $(VENV_PY) -m pytest -q -p no:cacheprovider --basetemp=$(abspath $(BUILD)/tests/tools/tmp-$*) \
	    $(TOOLS_TESTS_$*)

test-tools: $(BUILD)/mote $(BUILD)/libmote.a $(PYLIB) venv
	@sh tools/ci/install-mcu-tools.sh --arm
	@$(MAKE) -k --no-print-directory --output-sync=target $(TOOLS_RUNS) \
	    || { echo "test-tools: FAILED (see the group(s) above)"; exit 1; }

TEST_SUITES += test-tools
