#!/usr/bin/env python3
"""test-mcu: mote firmware under qemu-system-arm.

1. The port itself (selftest.elf on each core): console output, a file read
   through semihosting, the exit status, instruction counting against a loop
   of known length, and the fault report.
2. Golden outputs: each model's firmware runs golden inputs and its output
   bytes must equal tests/data/golden/<model>/out_<case>.bin. All models on
   the Cortex-M4 (-Os), the M33, M3 and M0+ (-Os; the M0+ binary runs on
   QEMU's Cortex-M3 board, Armv6-M being a subset of Armv7-M); a few on the
   M7 (-O2) and the M55 (-Os).
3. Arena: every firmware run above prints mote_model_arena_size() (-arena)
   and it must equal `mote inspect MODEL --target CORE` on the host, for
   every model run on every core (M0+, M3, M4, M7, M33, M55).
4. Determinism: the instruction counts of `-bench -layers` repeat exactly
   across two runs.

Usage: tests/mcu/test_mcu.py --build build/mcu [--timeout 300] [--jobs 2]
The firmware must already be built (make test-mcu does that).
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True   # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402

ALL_MODELS = ["kws_ref_model", "vww_96_int8", "pretrainedResnet_quant", "ad01_int8",
              "str_ww_ref_model", "person_detect"]

# (build directory, models, golden cases). One QEMU boot runs all the cases
# of one model. Reference kernels are slow under emulation (VWW is a few
# hundred million instructions), so the larger models get one case each.
GOLDEN_RUNS = [
    ("m4-Os", ["kws_ref_model", "ad01_int8", "str_ww_ref_model"], ["0", "1", "2", "zp"]),
    ("m4-Os", ["vww_96_int8", "person_detect"], ["0", "person"]),
    ("m4-Os", ["pretrainedResnet_quant"], ["0", "1"]),
    ("m7-O2", ["kws_ref_model", "ad01_int8", "pretrainedResnet_quant", "vww_96_int8"], ["2"]),
    ("m55-Os", ["kws_ref_model", "ad01_int8", "str_ww_ref_model", "person_detect"], ["3"]),
    # Every model on the cores without a test of their own before: 4 MB of
    # RAM and of code memory on both boards, so all of them fit; reference
    # kernels on M3 and M0+ (no DSP extension), Arm DSP rows on the M33.
    ("m33-Os", ALL_MODELS, ["1"]),
    ("m3-Os", ALL_MODELS, ["0"]),
    ("m0plus-Os", ALL_MODELS, ["2"]),
    # Operators run in another order than the model's, with a band chain
    # (src/core/order.h; tests/data/order, made by tests/plan/make_order_data.py).
    ("m4-Os", ["order_branches"], ["0"]),
    ("m7-O2", ["order_branches"], ["0"]),
    ("m55-Os", ["order_branches"], ["0"]),
    ("m33-Os", ["order_branches"], ["0"]),
    ("m3-Os", ["order_branches"], ["0"]),
    ("m0plus-Os", ["order_branches"], ["0"]),
]
# The same, with requantization tables made at run time (-requant-run,
# MOTE_REQUANT_AT_RUN): every model on the M4, outputs must not change.
REQUANT_RUN_GOLDEN = [
    ("m4-Os", ["kws_ref_model", "ad01_int8", "str_ww_ref_model"], ["0", "zp"]),
    ("m4-Os", ["vww_96_int8", "person_detect", "pretrainedResnet_quant", "order_branches"], ["0"]),
]
REPEAT_RUNS = [("m4-Os", "ad01_int8"), ("m4-Os", "kws_ref_model"), ("m7-O2", "kws_ref_model"),
               ("m55-Os", "kws_ref_model")]
SELFTEST_DIRS = ["m4-Os", "m7-O2", "m55-Os", "m33-Os", "m3-Os", "m0plus-Os"]


def core_of(build_dir):
    return build_dir.split("-")[0]


class Checks:
    def __init__(self):
        self.failed = []
        self.count = 0

    def report(self, name, problem, detail=""):
        self.count += 1
        if problem:
            self.failed.append(name)
            print("FAIL %s: %s" % (name, problem))
            if detail:
                print("  " + detail.strip().replace("\n", "\n  "))
        else:
            print("ok   %s" % name)


def selftest(args, d, checks):
    elf = os.path.join(args.build, d, "selftest.elf")
    core = core_of(d)

    rc, out, cmd = qemu.run(elf, core, ["hello"], args.timeout)
    checks.report("%s selftest hello" % d,
                  None if rc == 0 and "hello from" in out else "rc=%d" % rc, cmd + "\n" + out)

    path = "tests/data/golden/kws_ref_model/in_0.bin"
    with open(path, "rb") as f:
        data = f.read()
    want = "size=%d sum=%d" % (len(data), sum(data))
    rc, out, cmd = qemu.run(elf, core, ["read", path], args.timeout)
    checks.report("%s selftest read file" % d,
                  None if rc == 0 and want in out else "want '%s'" % want, cmd + "\n" + out)

    rc, out, cmd = qemu.run(elf, core, ["exit", "7"], args.timeout)
    checks.report("%s selftest exit status" % d, None if rc == 7 else "rc=%d, want 7" % rc, cmd)

    # 2 * 5e6 instructions; the count may exceed it by the call overhead
    # and one SysTick tick (40 instructions on MPS2).
    rc, out, cmd = qemu.run(elf, core, ["count", "5000000"], args.timeout)
    measured = None
    for line in out.splitlines():
        if line.startswith("systick_khz="):
            measured = int(qemu.fields(line)["measured"])
    ok = rc == 0 and measured is not None and 10000000 <= measured <= 10000200
    checks.report("%s selftest instruction count" % d,
                  None if ok else "measured %s for a 10000000-instruction loop" % measured,
                  cmd + "\n" + out)

    rc, out, cmd = qemu.run(elf, core, ["stack"], args.timeout)
    used = None
    for line in out.splitlines():
        if line.startswith("stack used="):
            used = int(qemu.fields(line)["used"])
    ok = rc == 0 and used is not None and 1024 <= used <= 1024 + 128
    checks.report("%s selftest stack painting" % d,
                  None if ok else "measured %s for a 1024-byte frame" % used, cmd + "\n" + out)

    rc, out, cmd = qemu.run(elf, core, ["fault"], args.timeout)
    ok = rc == 3 and "HardFault" in out and "BFAR=0xf0000000" in out and "PC=0x" in out
    checks.report("%s selftest fault report" % d, None if ok else "rc=%d" % rc, cmd + "\n" + out)


def host_arena(args, model, core, extra=()):
    """`mote inspect MODEL --target CORE [extra]` arena bytes, or None."""
    r = subprocess.run([args.mote, "inspect", qemu.model_path(model), "--json", "--target", core] +
                       list(extra), capture_output=True, text=True)
    return json.loads(r.stdout)["arena_bytes"] if r.returncode == 0 else None


def requant_args(flags):
    """The `mote inspect` options matching firmware flags."""
    return ["--requant", "run"] if "-requant-run" in flags else []


def golden(args, d, model, cases, flags=()):
    """Run one firmware over several golden inputs; returns report tuples."""
    elf = os.path.join(args.build, d, "fw_%s.elf" % model)
    pairs = [qemu.golden_case(model, c) for c in cases]
    rc, out, cmd = qemu.run(elf, core_of(d), ["-arena"] + list(flags) + [p for p, _ in pairs],
                            args.timeout)
    got = qemu.outputs(out)
    results = []
    if args.mote:
        # The arena the host tool reports for this core is the one the
        # device needs: runtime state holds no pointers (pointer-width
        # independent) and `--target` plans for the core's kernel rows,
        # whose scratch differs from the host's.
        dev = next((qemu.fields(l)["bytes"] for l in out.splitlines()
                    if l.startswith("arena bytes=")), None)
        host = host_arena(args, model, core_of(d), requant_args(flags))
        results.append(("%s %s arena on the device equals `mote inspect --target %s%s` (%s bytes)"
                        % (d, model, core_of(d), "".join(" " + a for a in requant_args(flags)),
                           dev),
                        None if dev is not None and str(host) == str(dev)
                        else "device %s, host %s" % (dev, host), cmd + "\n" + out[-1000:]))
    for case, (path, want) in zip(cases, pairs):
        name = "%s %s in_%s%s" % (d, model, case, "".join(" " + f for f in flags))
        if (path, 0) not in got:
            results.append((name, "no output (rc=%d)" % rc, cmd + "\n" + out[-2000:]))
        else:
            diff = qemu.first_difference(got[(path, 0)], want)
            results.append((name, diff, cmd if diff else ""))
    if rc != 0 and all(r[1] is None for r in results):
        results.append(("%s %s exit status" % (d, model), "rc=%d" % rc, cmd + "\n" + out[-2000:]))
    return results


def repeat(args, d, model, flags=()):
    """Two identical bench runs must print identical instruction counts."""
    elf = os.path.join(args.build, d, "fw_%s.elf" % model)
    path, _ = qemu.golden_case(model, "0")
    runs = []
    for _ in range(2):
        rc, out, cmd = qemu.run(elf, core_of(d), ["-bench", "-layers"] + list(flags) + [path],
                                args.timeout)
        lines = [l for l in out.splitlines() if l.startswith(("bench ", "layer="))]
        runs.append((rc, lines, cmd, out))
    name = "%s %s%s instruction count repeats" % (d, model, "".join(" " + f for f in flags))
    (rc1, l1, cmd, out1), (rc2, l2, _, _) = runs
    if rc1 != 0 or rc2 != 0 or not l1:
        return [(name, "bench run failed (rc=%d, %d)" % (rc1, rc2), cmd + "\n" + out1[-2000:])]
    if l1 != l2:
        diff = next(((a, b) for a, b in zip(l1, l2) if a != b), ("", ""))
        return [(name, "counts differ", "run 1: %s\nrun 2: %s" % diff)]
    total = qemu.fields(l1[0]).get("instructions")
    results = [(name + " (%s instructions)" % total, None, "")]
    if args.mote:
        core = core_of(d)
        requant = requant_args(flags)
        host = host_arena(args, model, core, requant)
        dev = qemu.fields(l1[0]).get("arena")
        results.append(("%s %s arena on the device equals `mote inspect --target %s%s` (%s bytes)"
                        % (d, model, core, "".join(" " + a for a in requant), dev),
                        None if str(host) == str(dev) else "device %s, host %s" % (dev, host), ""))
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build/mcu")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--mote", help="host build/mote, to compare arena sizes with the device")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("MCU_JOBS", "2")))
    args = ap.parse_args()

    checks = Checks()
    for d in SELFTEST_DIRS:
        selftest(args, d, checks)

    jobs = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for d, models, cases in GOLDEN_RUNS:
            for m in models:
                jobs.append(pool.submit(golden, args, d, m, cases))
        for d, m in REPEAT_RUNS:
            jobs.append(pool.submit(repeat, args, d, m))
        for d, models, cases in REQUANT_RUN_GOLDEN:
            for m in models:
                jobs.append(pool.submit(golden, args, d, m, cases, ("-requant-run",)))
                jobs.append(pool.submit(repeat, args, d, m, ("-requant-run",)))
        for job in jobs:
            for name, problem, detail in job.result():
                checks.report(name, problem, detail)

    for core in ("m4", "m33", "m3", "m0plus"):
        covered = {m for d, ms, _ in GOLDEN_RUNS if core_of(d) == core for m in ms}
        missing = [m for m in ALL_MODELS if m not in covered]
        checks.report("every model runs on the %s" % core,
                      "not run: %s" % missing if missing else None)
    checks.report("the arena is checked on every core",
                  None if args.mote and {core_of(d) for d, _, _ in GOLDEN_RUNS} >=
                  {"m0plus", "m3", "m4", "m7", "m33", "m55"} else "--mote not given or a core left out")

    print("test-mcu: %d passed, %d failed" % (checks.count - len(checks.failed), len(checks.failed)))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
