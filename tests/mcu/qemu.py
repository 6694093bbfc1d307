"""Run mote firmware under qemu-system-arm and read what it prints.

Shared by tests/mcu/test_mcu.py and bench/mcu/bench_mcu.py. Every run goes
through `timeout`, because a firmware that hangs (or a fault handler that
fails) would otherwise never return.
"""
import os
import shlex
import subprocess

# core name -> QEMU machine (see docs/CORTEX-M.md)
# The M0+ firmware (Armv6-M code, -mcpu=cortex-m0plus) runs on the
# Cortex-M3 board: Armv6-M is a subset of Armv7-M, and QEMU has no M0+
# board with enough memory (docs/CORTEX-M.md).
MACHINES = {"m4": "mps2-an386", "m7": "mps2-an500", "m55": "mps3-an547",
            "m33": "mps2-an505", "m3": "mps2-an385", "m0plus": "mps2-an385"}

GOLDEN = "tests/data/golden"


# Test-only models: their .tflite and golden files in one folder.
TEST_MODELS = {"order_branches": os.path.join("tests", "data", "order")}


def model_dir(model):
    if model in TEST_MODELS:
        return TEST_MODELS[model]
    return os.path.join(GOLDEN, model)


def model_path(model):
    """The bundled .tflite of a golden model."""
    if model in TEST_MODELS:
        return os.path.join(TEST_MODELS[model], model + ".tflite")
    folder = "tflm-examples" if model == "person_detect" else "mlperf-tiny"
    return os.path.join("models", folder, model + ".tflite")


def command(elf, core, args, timeout):
    """The QEMU command line: -icount shift=0 makes one instruction one
    nanosecond of virtual time, which the firmware's SysTick counter uses."""
    cmd = ["timeout", str(timeout), "qemu-system-arm", "-M", MACHINES[core],
           "-nographic", "-monitor", "none",
           "-semihosting-config", "enable=on,target=native",
           "-icount", "shift=0", "-kernel", elf]
    if args:
        cmd += ["-append", " ".join(args)]
    return cmd


def run(elf, core, args, timeout):
    """Run once; returns (exit status, stdout text, the command as a string).
    Status 124 means the timeout fired."""
    cmd = command(elf, core, args, timeout)
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), shlex.join(cmd)


def outputs(text):
    """{(input file, output index): bytes} from the firmware's `out` lines."""
    found = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "out":
            found[(parts[1], int(parts[2]))] = bytes.fromhex(parts[3])
    return found


def fields(line):
    """`key=value key=value` -> dict of strings."""
    return dict(p.split("=", 1) for p in line.split() if "=" in p)


def golden_case(model, case):
    """(input path, expected output bytes) of golden case `case` (e.g. "0")."""
    d = model_dir(model)
    with open(os.path.join(d, "out_%s.bin" % case), "rb") as f:
        want = f.read()
    return os.path.join(d, "in_%s.bin" % case), want


def first_difference(got, want):
    if len(got) != len(want):
        return "got %d bytes, want %d" % (len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return "byte %d: got %d, want %d" % (i, g - 256 if g > 127 else g,
                                                 w - 256 if w > 127 else w)
    return None
