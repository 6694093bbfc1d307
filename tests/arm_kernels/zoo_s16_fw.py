#!/usr/bin/env python3
"""The 16x8 zoo models (models/zoo/*_16x8.tflite) in Cortex-M firmware under
QEMU, each output compared byte for byte with TFLite Micro's Python
interpreter (expected values from TFLM, never from mote).

The firmware is ports/cortex-m/app/main.c with the model linked in, on the
make-built libmote.a and port objects of build/mcu/<core>-Os, and the
per-model kernel selection `mote ops --for MODEL --target T` (T = the core:
the Arm rows its steps take; T = m3 with --ref: the reference rows, to
measure against; a model it cannot select for, stream_var with its
CALL_ONCE, links every row and runs only without --ref). Six inputs per model: uniform int16, all +-32767/-32768,
then normal draws of growing spread; stream_var (state carried across
invokes) runs without -bench so its invokes match TFLM's one for one.

Part of `make test-mcu` (M4 and M55). By hand, from the repository root,
after `make build/mote build/mcu/<core>-Os/libmote.a` and the port objects
(see bench/RESULTS.md): .venv/bin/python tests/arm_kernels/zoo_s16_fw.py
[--core m4|m55] [--ref] [--mote build/mote] [--mcu build/mcu] [MODEL...]
"""
import argparse
import os
import subprocess
import sys

import numpy as np
from tflite_micro.python.tflite_micro import runtime

ARCH = {"m4": ["-mcpu=cortex-m4", "-mthumb", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"],
        "m55": ["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"]}
LD = {"m4": "mps2.ld", "m55": "mps3-an547.ld"}
QEMU = {"m4": "mps2-an386", "m55": "mps3-an547"}
# the M55 board has 512 KB of RAM and of code memory: a smaller arena
ARENA = {"m4": ["-DFW_ARENA_BYTES=1048576"],
         "m55": ["-DFW_ARENA_BYTES=368640", "-DFW_INPUT_MAX=16384"]}
SEL = ["src/ops/registry.c", "src/ops/macs.c", "src/ops/lower_select.c",
       "src/kernels/kernel_table.c", "src/core/control_select.c", "src/core/band_select.c",
       "src/core/order_select.c"]
MODELS = ["ds_cnn_audio_16x8", "cnn1d_accel_16x8", "autoencoder_16x8",
          "nchw_torchstyle_16x8", "stream_var_16x8"]
CC = "arm-none-eabi-gcc"
MOTE = "build/mote"     # --mote
MCU_DIR = "build/mcu"   # --mcu: where make built libmote.a and the port objects


def sh(cmd):
    subprocess.run(cmd, check=True)


def build(core, model, target, out):
    os.makedirs(out, exist_ok=True)
    arch, objs = ARCH[core], []
    hdr = os.path.join(out, model + ".h")
    sel = subprocess.run([MOTE, "ops", "--for", "models/zoo/%s.tflite" % model,
                          "--target", target, "--header", hdr]).returncode == 0
    if not sel and target != core:
        return None, 0  # no selection: the library's rows are the core's, not the reference
    flags = arch + ["-Os", "-std=c99", "-ffunction-sections", "-fdata-sections", "-Iinclude",
                    "-Isrc", "-Iports/cortex-m"]
    for f in SEL if sel else []:  # without a selection (stream_var): every row of the library
        o = os.path.join(out, os.path.basename(f)[:-2] + ".o")
        sh([CC] + flags + ["-include", hdr, "-c", f, "-o", o])
        objs.append(o)
    main = os.path.join(out, "main.o")
    sh([CC] + flags + ARENA[core] + ["-c", "ports/cortex-m/app/main.c", "-o", main])
    mo = os.path.join(out, "model.o")
    sh([CC] + arch + ["-c", "ports/cortex-m/app/model.S", "-o", mo,
                      '-DMOTE_FW_MODEL_PATH="models/zoo/%s.tflite"' % model])
    lib = os.path.join(MCU_DIR, "%s-Os" % core)
    ports = [os.path.join(lib, "obj", "ports/cortex-m", f[:-2] + ".o")
             for f in sorted(os.listdir("ports/cortex-m")) if f.endswith(".c")]
    elf = os.path.join(out, "fw_%s.elf" % model)
    sh([CC] + arch + ["-Os", "--specs=rdimon.specs", "-nostartfiles", "-Wl,--gc-sections",
                      "-Lports/cortex-m/ld", "-Tports/cortex-m/ld/" + LD[core], "-o", elf, main]
       + ports + [mo] + objs + [os.path.join(lib, "libmote.a"), "-lm"])
    size = subprocess.run(["arm-none-eabi-size", elf], capture_output=True, text=True).stdout
    return elf, int(size.splitlines()[1].split()[0])


def expected(model, out):
    interp = runtime.Interpreter.from_file("models/zoo/%s.tflite" % model)
    d = interp.get_input_details(0)
    rng = np.random.default_rng(7)
    files, outs = [], []
    for i in range(6):
        shape = d["shape"]
        if i == 0:
            x = rng.integers(-32768, 32768, size=shape)
        elif i == 1:
            x = np.where(rng.integers(0, 2, size=shape) == 1, 32767, -32768)
        else:
            x = rng.normal(0, 3000 * i, size=shape).clip(-32768, 32767)
        x = x.astype(d["dtype"])
        f = os.path.join(out, "in_%d.bin" % i)
        x.tofile(f)
        interp.set_input(x, 0)
        interp.invoke()
        files.append(f)
        outs.append(interp.get_output(0).tobytes().hex())
    return files, outs


def main():
    global MOTE, MCU_DIR
    ap = argparse.ArgumentParser()
    ap.add_argument("--core", default="m4", choices=sorted(ARCH))
    ap.add_argument("--ref", action="store_true", help="reference rows (selection for m3)")
    ap.add_argument("--build", default="build/zoo-s16")
    ap.add_argument("--mote", default=MOTE)
    ap.add_argument("--mcu", default=MCU_DIR)
    ap.add_argument("models", nargs="*", default=MODELS)
    a = ap.parse_args()
    MOTE, MCU_DIR = a.mote, a.mcu
    target = "m3" if a.ref else a.core
    fail = 0
    for m in a.models:
        out = os.path.join(a.build, "%s-%s" % (a.core, target), m)
        elf, text = build(a.core, m, target, out)
        if elf is None:
            print("skip model=%s: `mote ops --for` makes no selection for it (--ref needs one)" % m)
            continue
        files, exp = expected(m, out)
        args = ([] if m.startswith("stream") else ["-bench"]) + files
        r = subprocess.run(["timeout", "600", "qemu-system-arm", "-M", QEMU[a.core], "-nographic",
                            "-monitor", "none", "-semihosting-config", "enable=on,target=native",
                            "-icount", "shift=0", "-kernel", elf, "-append", " ".join(args)],
                           capture_output=True, text=True)
        got, bench = {}, ""
        for line in r.stdout.splitlines():
            p = line.split()
            if p and p[0] == "out" and p[2] == "0":
                got[p[1]] = p[3]
            if p and p[0] == "bench":
                bench = " ".join(p[1:])
        bad = sum(got.get(f) != e for f, e in zip(files, exp))
        ok = bad == 0 and r.returncode == 0
        fail |= not ok
        print("%s model=%s core=%s rows=%s text=%d %s match=%s" % (
            "ok  " if ok else "FAIL", m, a.core, "ref" if a.ref else "arm", text, bench,
            "yes" if ok else "no (%d of %d differ, rc %d)" % (bad, len(files), r.returncode)))
    print("zoo-s16-fw: %s" % ("FAILED" if fail else "all outputs equal TFLite Micro's"))
    return 1 if fail else 0


if __name__ == "__main__":
    sys.exit(main())
