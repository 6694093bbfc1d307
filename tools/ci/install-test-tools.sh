#!/bin/sh
# Install, with apt-get, whatever `make test` needs and this machine lacks:
# clang with libFuzzer and the sanitizer runtimes, gcc's 32-bit multilib
# (gcc-multilib, for make test-32bit), libpng-dev (PNG input of examples/vww),
# cmake, the Python venv
# module, cppcheck, clang-tidy, clang-format, binutils, and (through
# install-mcu-tools.sh) the Cortex-M cross tools and QEMU. A no-op when all
# are present. Exits non-zero if something is missing and cannot be
# installed: no suite is ever skipped silently.
set -e
cd "$(dirname "$0")/../.."

have() { command -v "$1" >/dev/null 2>&1; }
pkgs=""
have clang || pkgs="$pkgs clang"
have cmake || pkgs="$pkgs cmake"
have cppcheck || pkgs="$pkgs cppcheck"
have clang-tidy || pkgs="$pkgs clang-tidy"
have clang-format || pkgs="$pkgs clang-format"
have nm || pkgs="$pkgs binutils"
# AFL++, the second fuzzing engine (make fuzz-afl; not part of make test).
have afl-clang-fast || pkgs="$pkgs afl++"
python3 -m venv --help >/dev/null 2>&1 || pkgs="$pkgs python3-venv"
# Headless Chromium renders `mote report` pages to screenshots (tests/tools).
have chromium || pkgs="$pkgs chromium"
# libFuzzer and the sanitizer runtimes: try to link a fuzz target.
probe=$(mktemp -d)
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' \
    > "$probe/f.c"
if ! have clang || ! clang -fsanitize=fuzzer,address,undefined "$probe/f.c" -o "$probe/f" \
        >/dev/null 2>&1; then
    pkgs="$pkgs libclang-rt-14-dev"
fi
# 32-bit builds (make test-32bit): try to link a -m32 program.
printf 'int main(void) { return 0; }\n' > "$probe/m.c"
if ! ${CC:-cc} -m32 "$probe/m.c" -o "$probe/m" >/dev/null 2>&1; then
    pkgs="$pkgs gcc-multilib"
fi
# libpng (PNG input of examples/vww, tests/apps): try to link a png_image program.
printf '#include <png.h>\nint main(void) { png_image i; (void)i; return 0; }\n' > "$probe/p.c"
if ! ${CC:-cc} "$probe/p.c" -o "$probe/p" -lpng >/dev/null 2>&1; then
    pkgs="$pkgs libpng-dev"
fi
rm -rf "$probe"

if [ -n "$pkgs" ]; then
    echo "install-test-tools: missing:$pkgs; installing with apt-get"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        if have sudo; then SUDO="sudo"; else
            echo "install-test-tools: need root (or sudo) for: apt-get install$pkgs" >&2
            exit 1
        fi
    fi
    have apt-get || { echo "install-test-tools: no apt-get; install$pkgs by hand" >&2; exit 1; }
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs
fi
sh tools/ci/install-mcu-tools.sh
