#!/usr/bin/env python3
"""bench-mcu: one line per model and core, measured under qemu-system-arm.

  model=<name> core=<m4|m7|m55|m33|m3|m0plus> instructions=<N> macs=<N> arena=<bytes>
      state=<bytes> requant=<stored|run> stack=<bytes> stack_load=<bytes> stack_invoke=<bytes>
      flash_code=<bytes>
      flash_weights=<bytes> match=<yes|no>

instructions  executed instructions of one inference (the second invoke of
              golden in_0), -icount shift=0 + SysTick, firmware built -Os
macs          sum of mote_op_macs() over the operators (src/ops/registry.h)
arena         mote_model_arena_size()
state         mote_model_state_size() (the arena's runtime-state part)
requant       where requantization tables live: stored in the state, or
              made before each step (run: --requant run, MOTE_REQUANT_AT_RUN)
stack         peak stack of model init + session init + first invoke, by
              painting the stack region; stack_load of model and session
              init alone, stack_invoke of the first invoke alone
flash_code    every flash byte of min_<model>.elf but the model: vectors,
              code, constants, unwind tables and the initial values of
              .data (copied from flash at reset): startup + runtime +
              kernels + the libc/libgcc helpers they pull in; -Os,
              --gc-sections, newlib-nano, MOTE_NO_STRINGS, no stdio, the
              model's operator selection for that core (mk/mcu.mk)
flash_weights the model bytes (.model section)
match         output of in_0 equals tests/data/golden/<model>/out_0.bin

With --layers each model line is followed by the firmware's
`layer=<i> op=<name> macs=<N> instructions=<N>` lines (a third invoke with
the per-operator observer). --markdown prints a table instead.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True   # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "mcu"))
import qemu  # noqa: E402

MODELS = ["kws_ref_model", "vww_96_int8", "pretrainedResnet_quant", "ad01_int8",
          "str_ww_ref_model", "person_detect"]
CORES = ["m4", "m7", "m55", "m33", "m3", "m0plus"]
# Output sections stored in flash (ports/cortex-m/ld/common.ld), the model
# (.model) apart; .data counts by its load image.
CODE_SECTIONS = (".vectors", ".text", ".ARM.extab", ".ARM.exidx", ".data")


def flash_sizes(elf):
    """(flash_code, flash_weights) from `arm-none-eabi-size -A`."""
    if not os.path.exists(elf):
        sys.stderr.write("bench-mcu: %s is missing; flash sizes reported as 0\n" % elf)
        return 0, 0
    text = subprocess.run(["arm-none-eabi-size", "-A", elf], check=True,
                          stdout=subprocess.PIPE).stdout.decode()
    code = weights = 0
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            if parts[0] in CODE_SECTIONS:
                code += int(parts[1])
            elif parts[0] == ".model":
                weights += int(parts[1])
    return code, weights


def bench_one(args, model, core):
    elf = os.path.join(args.build, core + "-Os", "fw_%s.elf" % model)
    path, want = qemu.golden_case(model, "0")
    fw_args = (["-bench"] + (["-layers"] if args.layers else []) +
               (["-requant-run"] if args.requant == "run" else []) + [path])
    rc, out, cmd = qemu.run(elf, core, fw_args, args.timeout)
    bench = {}
    layers = []
    for line in out.splitlines():
        if line.startswith("bench "):
            bench = qemu.fields(line)
        elif line.startswith("layer="):
            layers.append(line)
    got = qemu.outputs(out).get((path, 0))
    match = rc == 0 and got == want
    code, weights = flash_sizes(os.path.join(args.build, core + "-size", "min_%s.elf" % model))
    row = {
        "model": model, "core": core,
        "instructions": bench.get("instructions", "0"), "macs": bench.get("macs", "0"),
        "arena": bench.get("arena", "0"), "stack": bench.get("stack", "0"),
        "stack_load": bench.get("stack_load", "0"), "stack_invoke": bench.get("stack_invoke", "0"),
        "state": bench.get("state", "0"), "requant": bench.get("requant", "stored"),
        "flash_code": str(code), "flash_weights": str(weights),
        "match": "yes" if match else "no",
    }
    if rc != 0 or not bench:
        sys.stderr.write("bench-mcu: %s on %s failed (status %d):\n%s\n%s\n"
                         % (model, core, rc, cmd, out[-1500:]))
    return row, layers


KEYS = ["model", "core", "instructions", "macs", "arena", "state", "requant", "stack",
        "stack_load", "stack_invoke", "flash_code",
        "flash_weights", "match"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build/mcu")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--layers", action="store_true")
    ap.add_argument("--requant", choices=["stored", "run"], default="stored",
                    help="run: load with MOTE_REQUANT_AT_RUN (tables made before each step)")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--cores", default=",".join(CORES))
    args = ap.parse_args()

    ok = True
    if args.markdown:
        print("| model | core | instructions | MACs | instr/MAC | arena | stack (load / invoke) "
              "| flash_code | flash_weights | match |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for model in args.models.split(","):
        for core in args.cores.split(","):
            row, layers = bench_one(args, model, core)
            ok = ok and row["match"] == "yes"
            if args.markdown:
                ipm = int(row["instructions"]) / max(1, int(row["macs"]))
                print("| %s | %s | %s | %s | %.1f | %s | %s / %s | %s | %s | %s |" % (
                    model, core, row["instructions"], row["macs"], ipm, row["arena"],
                    row["stack_load"], row["stack_invoke"], row["flash_code"],
                    row["flash_weights"], row["match"]))
            else:
                print(" ".join("%s=%s" % (k, row[k]) for k in KEYS), flush=True)
                for line in layers:
                    print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
