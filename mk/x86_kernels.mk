# x86-64 kernel rows (src/kernels/x86/): every row against the reference row,
# byte for byte, on random cases, at each instruction-set level this CPU has.
#
#   make test-x86-kernels                  X86K_CASES random cases per kernel
#   make test-x86-kernels X86K_SEED=7      another draw
X86K_BIN   := $(BUILD)/tests/test_x86_kernels
X86K_CASES ?= 3000
X86K_SEED  ?= 1

$(X86K_BIN): tests/x86_kernels/test_x86_kernels.c $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror $(OPT) -Iinclude -Isrc $(EXTRA_CFLAGS) -o $@ $< \
	    $(BUILD)/libmote.a $(LDLIBS) $(EXTRA_LDFLAGS)

.PHONY: test-x86-kernels
test-x86-kernels: $(X86K_BIN)
	$(X86K_BIN) $(X86K_CASES) $(X86K_SEED)

TEST_SUITES += test-x86-kernels
