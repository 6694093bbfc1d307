#!/bin/sh
# Install what the Cortex-M port needs (cross compilers, newlib, QEMU) when
# any of it is missing. Debian/Ubuntu packages, through apt-get.
# Exits non-zero if a tool is missing and cannot be installed: the MCU
# tests never skip silently.
#
#   install-mcu-tools.sh            Arm and RISC-V (what `make test-mcu` needs)
#   install-mcu-tools.sh --arm      Arm only: arm-none-eabi-gcc, newlib,
#                                   qemu-system-arm (`mote profile`, the docs'
#                                   recipes); no RISC-V toolchain
#   add --check                     report what is missing (exit 1), install nothing
set -e

arm_only=0
check=0
for a in "$@"; do
    case "$a" in
    --arm) arm_only=1 ;;
    --check) check=1 ;;
    *) echo "install-mcu-tools: unknown option $a (--arm, --check)" >&2; exit 2 ;;
    esac
done

missing=""
command -v arm-none-eabi-gcc >/dev/null 2>&1 || missing="$missing arm-none-eabi-gcc"
command -v qemu-system-arm >/dev/null 2>&1 || missing="$missing qemu-system-arm"
[ -n "$(arm-none-eabi-gcc -print-file-name=librdimon.a 2>/dev/null | grep /)" ] || missing="$missing newlib-rdimon"
if [ "$arm_only" -eq 0 ]; then
    command -v riscv64-unknown-elf-gcc >/dev/null 2>&1 || missing="$missing riscv64-unknown-elf-gcc"
    # newlib's generic headers, which the RISC-V freestanding compile uses.
    [ -f /usr/include/newlib/string.h ] || missing="$missing newlib-headers"
fi

[ -z "$missing" ] && exit 0
if [ "$check" -eq 1 ]; then
    echo "install-mcu-tools: missing:$missing" >&2
    exit 1
fi

pkgs="gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm"
[ "$arm_only" -eq 1 ] || pkgs="$pkgs libnewlib-dev gcc-riscv64-unknown-elf"

echo "install-mcu-tools: missing:$missing; installing with apt-get"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "install-mcu-tools: need root (or sudo) to run apt-get install $pkgs" >&2
        exit 1
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-mcu-tools: no apt-get; install $pkgs by hand" >&2
    exit 1
fi
$SUDO apt-get update
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y $pkgs
