# mote — top-level build. `make` builds build/libmote.a and build/mote.
# `make demo` runs the bundled person-detection model on two real images.
# `make test` runs the whole suite (installs its own test dependencies).
#
# Feature areas add their targets in mk/*.mk; each test suite is a target
# named test-<suite> appended to TEST_SUITES.

CC      ?= cc
AR      ?= ar
BUILD   ?= build
OPT     ?= -O2
PYTHON  ?= python3

WARN    := -Wall -Wextra -Werror -pedantic -Wmissing-prototypes -Wshadow
CSTD    := -std=c99
CFLAGS_LIB := $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(EXTRA_CFLAGS)
LDLIBS  := -lm

LIB_SRCS  := $(sort $(wildcard src/base/*.c src/format/*.c src/kernels/*.c src/kernels/ref/*.c src/kernels/arm/*.c src/kernels/x86/*.c src/ops/*.c src/core/*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
CLI_SRCS  := $(sort $(wildcard tools/mote/*.c))
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/obj/%.o)

VENV      := .venv
VENV_PY   := $(VENV)/bin/python

TEST_SUITES :=

.PHONY: all lib cli demo test clean venv
all: lib cli

lib: $(BUILD)/libmote.a
cli: $(BUILD)/mote

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -MMD -MP -c $< -o $@

# The runtime itself is held to -Wconversion as well (no silent narrowing).
$(LIB_OBJS): CFLAGS_LIB += -Wconversion

$(BUILD)/libmote.a: $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/mote: $(CLI_OBJS) $(BUILD)/libmote.a
	$(CC) $(OPT) -o $@ $(CLI_OBJS) $(BUILD)/libmote.a $(LDLIBS) $(EXTRA_LDFLAGS)

# Test dependencies (numpy, flatbuffers, tflite-micro, ai-edge-litert) go
# into a local virtual environment; nothing is installed system-wide.
venv: $(VENV)/.done
$(VENV)/.done: tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install -q --upgrade pip
	$(VENV_PY) -m pip install -q -r tests/requirements.txt
	touch $@

-include mk/*.mk

# The whole suite: first install any missing tool (apt-get; a no-op when all
# are there), then every registered test-<suite>, each run even if an
# earlier one failed, then one summary line.
test:
	@sh tools/ci/install-test-tools.sh
	@sh tests/run_suites.sh $(TEST_SUITES)

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)
