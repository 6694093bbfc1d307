#!/bin/sh
# Install what the Cortex-M port needs (cross compilers, newlib, QEMU) when
# any of it is missing. Debian/Ubuntu packages, through apt-get.
# Exits non-zero if a tool is missing and cannot be installed: the MCU
# tests never skip silently.
set -e

missing=""
command -v arm-none-eabi-gcc >/dev/null 2>&1 || missing="$missing arm-none-eabi-gcc"
command -v qemu-system-arm >/dev/null 2>&1 || missing="$missing qemu-system-arm"
command -v riscv64-unknown-elf-gcc >/dev/null 2>&1 || missing="$missing riscv64-unknown-elf-gcc"
# newlib for Arm (libc, rdimon semihosting) and its generic headers, which
# the RISC-V freestanding compile uses.
[ -f /usr/include/newlib/string.h ] || missing="$missing newlib-headers"
[ -n "$(arm-none-eabi-gcc -print-file-name=librdimon.a 2>/dev/null | grep /)" ] || missing="$missing newlib-rdimon"

[ -z "$missing" ] && exit 0

echo "install-mcu-tools: missing:$missing; installing with apt-get"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "install-mcu-tools: need root (or sudo) to run apt-get" >&2
        exit 1
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-mcu-tools: no apt-get; install gcc-arm-none-eabi," \
         "libnewlib-arm-none-eabi, qemu-system-arm, gcc-riscv64-unknown-elf by hand" >&2
    exit 1
fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y \
    gcc-arm-none-eabi libnewlib-arm-none-eabi libnewlib-dev \
    qemu-system-arm gcc-riscv64-unknown-elf
