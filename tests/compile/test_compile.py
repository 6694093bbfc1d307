#!/usr/bin/env python3
"""test-compile: models compiled ahead of time by `mote compile` give the
interpreter's bytes, on the host and on a Cortex-M4 under QEMU.

  host   every golden model (tests/data/golden/): `mote compile` for this
         machine's kernel rows (--target host) and for the portable ones
         (--target m3: reference kernels), the C built
         with -Wall -Wextra -Werror -pedantic -Wconversion and linked with
         the kernels only (src/kernels/, src/base/ as a static archive, so
         only what the code calls is linked; checked with nm: no reader, no
         interpreter, no kernel the model does not call), run on every
         golden input: bytes equal to the golden outputs (which are the
         interpreter's, test-golden). Float models (no golden files): the
         compiled output equals `mote run` on a fixed pseudo-random input.
  m4     every golden model (--qemu-models) compiled with --target m4 (Arm DSP
         rows), built -Os for the Cortex-M4 (-Werror), run under
         qemu-system-arm on every golden input: bytes equal.
  m55    the same with --target m55 (Helium rows) on the Cortex-M55
         (mps3-an547): the Helium rows' names must be emitted too.
  sizes  (--sizes) every golden model compiled for m4 into a minimal
         firmware (-Os, newlib-nano, no stdio): flash split from the linker
         map into code (generated + kernels + start-up, no C library),
         layer parameters, weights and C library; beside the interpreter's
         minimal firmware (build/mcu/m4-size/min_<model>.elf, if built).

Usage: test_compile.py --mote build/mote --build build/compile [--sizes]
"""
import argparse
import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "tests", "mcu"))
import qemu  # noqa: E402

GOLDEN = os.path.join(ROOT, "tests", "data", "golden")
FLOAT_MODELS = ["models/mlperf-tiny/ad01_fp32.tflite",
                "models/mlperf-tiny/pretrainedResnet.tflite"]
WARN = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-Wconversion",
        "-Wmissing-prototypes", "-Wshadow"]
M4_ARCH = ["-mcpu=cortex-m4", "-mthumb", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"]
# The cores compiled code runs on under QEMU: compiler flags, linker script.
QEMU_CORES = {"m4": (M4_ARCH, "mps2.ld"),
              "m55": (["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"], "mps3-an547.ld")}
# The interpreter and reader: none of it may be linked into compiled code.
FORBIDDEN = ["mote_tflite_read", "mote_model_init", "mote_session_init", "mote_invoke",
             "mote_kernel_rows", "mote_lower_op", "mote_plan_build"]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg, flush=True)


def sh(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    if p.returncode != 0:
        raise RuntimeError("%s\n%s" % (" ".join(cmd), p.stdout.decode("utf-8", "replace")))
    return p.stdout.decode("utf-8", "replace")


def kernel_sources():
    """src/kernels/ (every variant folder) and src/base/: all a compiled
    model may link."""
    return sorted(glob.glob(os.path.join(ROOT, "src/kernels/**/*.c"), recursive=True) +
                  glob.glob(os.path.join(ROOT, "src/base/*.c")))


def build_archive(pool, cc, ar, flags, out_dir, sources):
    """Compile sources into out_dir/libkernels.a (the kernels as a user
    would link them: an archive, so only what is called comes in)."""
    os.makedirs(out_dir, exist_ok=True)
    objs = []
    jobs = []
    for src in sources:
        rel = os.path.relpath(src, ROOT).replace("/", "_")
        obj = os.path.join(out_dir, rel[:-2] + ".o")
        objs.append(obj)
        jobs.append(pool.submit(sh, [cc] + flags + ["-I" + os.path.join(ROOT, "include"),
                                                    "-I" + os.path.join(ROOT, "src"),
                                                    "-c", src, "-o", obj]))
    for j in jobs:
        j.result()
    lib = os.path.join(out_dir, "libkernels.a")
    if os.path.exists(lib):
        os.remove(lib)
    sh([ar, "rcs", lib] + objs)
    return lib


def golden_models():
    return sorted(d for d in os.listdir(GOLDEN) if os.path.isdir(os.path.join(GOLDEN, d)))


# Test-only models with golden files (tests/mcu/qemu.py): order_branches runs
# its operators in another order than the model's (src/core/order.h), so the
# compiled calls must come in that order.
TEST_MODELS = sorted(qemu.TEST_MODELS)


def golden_cases(model):
    d = qemu.model_dir(model)
    cases = []
    for p in sorted(glob.glob(os.path.join(d, "in_*.bin"))):
        k = os.path.basename(p)[3:-4]
        out = os.path.join(d, "out_%s.bin" % k)
        if os.path.exists(out):
            with open(out, "rb") as f:
                cases.append((os.path.relpath(p, ROOT), f.read()))
    return cases


KERNELS = []  # --kernels K: passed on to `mote compile` for the m4 runs and sizes


def compile_model(mote, model_path, name, out_dir, target):
    os.makedirs(out_dir, exist_ok=True)
    line = sh([mote, "compile", model_path, "--name", name, "-o", out_dir,
               "--target", target] + (KERNELS if target in QEMU_CORES else []), cwd=ROOT)
    return qemu.fields(line)


def aot_defines(name, out_dir):
    return ["-I" + out_dir, '-DAOT_HEADER="%s.h"' % name, "-DAOT_NAME=" + name,
            "-DAOT_UP=" + name.upper()]


def check_outputs(label, text, cases):
    got = qemu.outputs(text)
    for path, want in cases:
        g = got.get((path, 0))
        if g is None:
            fail("%s: no output for %s\n%s" % (label, path, text[-2000:]))
            continue
        diff = qemu.first_difference(g, want)
        if diff:
            fail("%s: %s: %s" % (label, path, diff))
    return len(cases)


def step_calls(c_path):
    with open(c_path) as f:
        return set(re.findall(r"\b(mote_\w+_step)\(&layer", f.read()))


def fallback_closure(exe, nm, called):
    """The steps the generated code calls, and every step those call in
    turn (a row handing a step it cannot take to the row it displaces,
    e.g. arm_dsp_pwn to arm_dsp_pw4): read from the linked code's
    disassembly, so a step linked but reached from nowhere still fails."""
    objdump = nm[:-2] + "objdump" if nm.endswith("nm") else "objdump"
    body, calls = None, {}
    for line in sh([objdump, "-d", exe]).splitlines():
        head = re.match(r"^[0-9a-f]+ <([\w.]+)>:$", line)
        if head:
            body = calls.setdefault(head.group(1), set())
        elif body is not None:
            body.update(re.findall(r"<(mote_\w+_step)>", line))
    reached, todo = set(called), list(called)
    while todo:
        for s in calls.get(todo.pop(), ()):
            if s not in reached:
                reached.add(s)
                todo.append(s)
    return reached


def check_linked(label, exe, c_path, nm="nm"):
    syms = set()
    for line in sh([nm, exe]).splitlines():
        parts = line.split()
        if len(parts) >= 2:
            syms.add(parts[-1])
    bad = [s for s in FORBIDDEN if s in syms]
    if bad:
        fail("%s: links the interpreter/reader: %s" % (label, ", ".join(bad)))
    steps = {s for s in syms if re.match(r"mote_\w+_step$", s)}
    extra = steps - fallback_closure(exe, nm, step_calls(c_path))
    if extra:
        fail("%s: links kernels it never calls: %s" % (label, ", ".join(sorted(extra))))


def host_model(args, lib, name, model_path, cases_fn, target="host"):
    out_dir = os.path.join(args.build, "host-" + target, name)
    info = compile_model(args.mote, model_path, name, out_dir, target)
    exe = os.path.join(out_dir, name)
    sh([args.cc] + WARN + ["-O2"] + aot_defines(name, out_dir) +
       ["-I" + os.path.join(ROOT, "include"), "-o", exe,
        os.path.join(HERE, "run_main.c"), os.path.join(out_dir, name + ".c"), lib, "-lm"])
    label = "host --target %s %s" % (target, name)
    check_linked(label, exe, os.path.join(out_dir, name + ".c"))
    cases = cases_fn(out_dir)
    p = subprocess.run([exe] + [c[0] for c in cases], cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    text = p.stdout.decode("utf-8", "replace")
    if p.returncode != 0:
        fail("%s: exit %d\n%s" % (label, p.returncode, text[-2000:]))
    n = check_outputs(label, text, cases)
    return "host %-4s %-24s cases=%-3d arena=%s interpreter_arena=%s weights=%s params=%s" % (
        target, name, n, info.get("arena"), info.get("interpreter_arena"), info.get("weights"),
        info.get("params"))


def float_cases(args, model_path, name):
    """One pseudo-random input; the expected bytes are `mote run`'s."""
    def make(out_dir):
        size = int(re.search(r"INPUT_SIZE (\d+)",
                             open(os.path.join(out_dir, name + ".h")).read()).group(1))
        x = 12345
        vals = bytearray()
        import struct
        for _ in range(size // 4):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
            vals += struct.pack("<f", (x / 0x7FFFFFFF) * 2.0 - 1.0)
        inp = os.path.join(out_dir, "in_0.bin")
        with open(inp, "wb") as f:
            f.write(vals)
        want = os.path.join(out_dir, "want_0.bin")
        sh([args.mote, "run", model_path, "--input", inp, "--output", want], cwd=ROOT)
        with open(want, "rb") as f:
            return [(os.path.relpath(inp, ROOT), f.read())]
    return make


# ---- Cortex-M4 ------------------------------------------------------------

def m4_port(pool, args, variant_flags, out_dir, core="m4"):
    objs = []
    jobs = []
    os.makedirs(out_dir, exist_ok=True)
    for src in sorted(glob.glob(os.path.join(ROOT, "ports/cortex-m/*.c"))):
        obj = os.path.join(out_dir, os.path.basename(src)[:-2] + ".o")
        objs.append(obj)
        jobs.append(pool.submit(sh, ["arm-none-eabi-gcc"] + QEMU_CORES[core][0] + variant_flags +
                                WARN +
                                ["-ffunction-sections", "-fdata-sections",
                                 "-I" + os.path.join(ROOT, "include"),
                                 "-I" + os.path.join(ROOT, "ports/cortex-m"),
                                 "-c", src, "-o", obj]))
    for j in jobs:
        j.result()
    return objs


def m4_link(args, name, out_dir, app, port, lib, variant_flags, specs, extra=(), core="m4"):
    elf = os.path.join(out_dir, "%s_%s.elf" % (os.path.basename(app)[:-2], name))
    sh(["arm-none-eabi-gcc"] + QEMU_CORES[core][0] + variant_flags + WARN + list(extra) +
       ["-ffunction-sections", "-fdata-sections"] + aot_defines(name, out_dir) +
       ["-I" + os.path.join(ROOT, "include"), "-I" + os.path.join(ROOT, "ports/cortex-m"),
        "--specs=" + specs, "-nostartfiles", "-Wl,--gc-sections",
        "-L" + os.path.join(ROOT, "ports/cortex-m/ld"), "-T" + QEMU_CORES[core][1],
        "-Wl,-Map=" + elf + ".map", "-o", elf, app, os.path.join(out_dir, name + ".c")] +
       port + [lib, "-lm"])
    return elf


def m4_model(args, lib, port, model, core="m4"):
    """model compiled for core (a key of QEMU_CORES) and run there."""
    name = core + "_" + model
    out_dir = os.path.join(args.build, core, model)
    info = compile_model(args.mote, qemu.model_path(model), name, out_dir, core)
    elf = m4_link(args, name, out_dir, os.path.join(HERE, "run_main.c"), port, lib, ["-Os"],
                  "rdimon.specs", ["-DAOT_MCU"], core)
    check_linked(core + " " + model, elf, os.path.join(out_dir, name + ".c"),
                 "arm-none-eabi-nm")
    cases = golden_cases(model)
    text = ""
    # The semihosting command line holds 512 bytes: a few files per run.
    for k in range(0, len(cases), 6):
        files = [c[0] for c in cases[k:k + 6]]
        status, out, cmd = qemu.run(elf, core, (["-bench"] if k == 0 else []) + files,
                                    args.timeout)
        text += out
        if status != 0:
            fail("%s %s: exit %d (%s)\n%s" % (core, model, status, cmd, out[-2000:]))
    n = check_outputs(core + " " + model, text, cases)
    bench = {}
    for line in text.splitlines():
        if line.startswith("bench "):
            bench = qemu.fields(line)
    return "%-4s %-24s cases=%-3d arena=%s instructions=%s" % (
        core, model, n, info.get("arena"), bench.get("instructions"))


# ---- flash sizes from a linker map -----------------------------------------

SECTION_RE = re.compile(r"^ (\.\S+)\s*$")
ENTRY_RE = re.compile(r"^ (\.\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
FLASH_OUT = (".vectors", ".text", ".ARM.extab", ".ARM.exidx", ".data", ".model")


def map_sizes(map_path):
    """{category: bytes} of flash input sections: code, params, weights,
    libc (toolchain libraries), model (.mote_model)."""
    sizes = {"code": 0, "params": 0, "weights": 0, "libc": 0, "model": 0}
    out = None
    pending = None
    started = False
    with open(map_path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("Linker script and memory map"):
                started = True
                continue
            if not started:
                continue
            m = re.match(r"^(\.\S+)\s", line) or re.match(r"^(\.\S+)$", line)
            if m:
                out = m.group(1)
                continue
            if out not in FLASH_OUT:
                continue
            m = SECTION_RE.match(line)
            if m:
                pending = m.group(1)
                continue
            m = ENTRY_RE.match(line)
            if not m:
                continue
            sec = m.group(1) or pending
            pending = None
            size = int(m.group(3), 16)
            obj = m.group(4).strip()
            if sec is None or size == 0 or obj.startswith("*") or "load address" in obj:
                continue
            if sec.startswith(".mote_model"):
                sizes["model"] += size
            elif "/arm-none-eabi/" in obj or "/gcc/arm-none-eabi/" in obj or obj.startswith("/usr/"):
                sizes["libc"] += size
            elif re.match(r"\.rodata\.tensor\d+$", sec):
                sizes["weights"] += size
            elif re.match(r"\.rodata\.layer\d+$", sec):
                sizes["params"] += size
            else:
                sizes["code"] += size
    return sizes


def m4_sizes(args, lib_size, port_size, model):
    name = "m4_" + model
    out_dir = os.path.join(args.build, "m4-size", model)
    compile_model(args.mote, qemu.model_path(model), name, out_dir, "m4")
    elf = m4_link(args, name, out_dir, os.path.join(HERE, "min_main.c"), port_size, lib_size,
                  ["-Os", "-DMOTE_NO_STRINGS", "-DMCU_NO_STDIO"], "nano.specs")
    s = map_sizes(elf + ".map")
    interp = os.path.join(args.interp_build, "m4-size", "min_%s.elf" % model)
    si = map_sizes(interp + ".map") if os.path.exists(interp + ".map") else None
    line = ("size %-24s compiled: code=%d params=%d weights=%d libc=%d total=%d" %
            (model, s["code"], s["params"], s["weights"], s["libc"],
             s["code"] + s["params"] + s["weights"] + s["libc"]))
    if si:
        line += ("  interpreted: code=%d model=%d libc=%d total=%d" %
                 (si["code"], si["model"], si["libc"], si["code"] + si["model"] + si["libc"]))
    return line, s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mote", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    ap.add_argument("--qemu-models", default=",".join(golden_models() + TEST_MODELS))
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--sizes", action="store_true")
    ap.add_argument("--kernels", choices=["fast", "small", "ref"], default=None)
    ap.add_argument("--no-host", action="store_true")
    ap.add_argument("--no-m4", action="store_true")
    ap.add_argument("--interp-build", default=os.path.join(ROOT, "build", "mcu"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if args.kernels:
        KERNELS[:] = ["--kernels", args.kernels]
    args.mote = os.path.abspath(args.mote)
    args.build = os.path.abspath(args.build)
    os.makedirs(args.build, exist_ok=True)
    have_arm = shutil.which("arm-none-eabi-gcc") and shutil.which("qemu-system-arm")
    lines = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        if not args.no_host:
            lib = build_archive(pool, args.cc, "ar", WARN + ["-O2"],
                                os.path.join(args.build, "host", "lib"), kernel_sources())
            jobs = []
            for target in ("host", "m3"):   # this machine's rows; the portable ones
                for model in golden_models() + TEST_MODELS:
                    name = model.lower()
                    jobs.append(pool.submit(host_model, args, lib, name, qemu.model_path(model),
                                            lambda d, m=model: golden_cases(m), target))
            for path in FLOAT_MODELS:
                name = os.path.basename(path)[:-7].lower()
                jobs.append(pool.submit(host_model, args, lib, name, path,
                                        float_cases(args, path, name)))
            for j in jobs:
                try:
                    lines.append(j.result())
                except RuntimeError as e:
                    fail(str(e))
        if (not args.no_m4 or args.sizes) and not have_arm:
            fail("arm-none-eabi-gcc / qemu-system-arm missing (make mcu-tools)")
        elif not args.no_m4 or args.sizes:
            m4_flags = ["-ffunction-sections", "-fdata-sections"] + M4_ARCH
            jobs = []
            if not args.no_m4:
                lib = build_archive(pool, "arm-none-eabi-gcc", "arm-none-eabi-ar",
                                    m4_flags + WARN + ["-Os"],
                                    os.path.join(args.build, "m4", "lib"), kernel_sources())
                port = m4_port(pool, args, ["-Os"], os.path.join(args.build, "m4", "port"))
                for model in args.qemu_models.split(","):
                    jobs.append(pool.submit(m4_model, args, lib, port, model))
                # The Cortex-M55: the Helium rows, called by name from compiled code.
                flags55 = ["-ffunction-sections", "-fdata-sections"] + QEMU_CORES["m55"][0]
                lib55 = build_archive(pool, "arm-none-eabi-gcc", "arm-none-eabi-ar",
                                      flags55 + WARN + ["-Os"],
                                      os.path.join(args.build, "m55", "lib"), kernel_sources())
                port55 = m4_port(pool, args, ["-Os"], os.path.join(args.build, "m55", "port"),
                                 "m55")
                for model in args.qemu_models.split(","):
                    jobs.append(pool.submit(m4_model, args, lib55, port55, model, "m55"))
            if args.sizes:
                size_flags = ["-Os", "-DMOTE_NO_STRINGS"]
                lib_s = build_archive(pool, "arm-none-eabi-gcc", "arm-none-eabi-ar",
                                      m4_flags + WARN + size_flags,
                                      os.path.join(args.build, "m4-size", "lib"),
                                      kernel_sources())
                port_s = m4_port(pool, args, size_flags + ["-DMCU_NO_STDIO"],
                                 os.path.join(args.build, "m4-size", "port"))
                for model in golden_models():
                    jobs.append(pool.submit(m4_sizes, args, lib_s, port_s, model))
            for j in jobs:
                try:
                    r = j.result()
                    lines.append(r[0] if isinstance(r, tuple) else r)
                except RuntimeError as e:
                    fail(str(e))
    for line in lines:
        print(line)
    if failures:
        print("test-compile: %d failure(s)" % len(failures))
        return 1
    print("test-compile: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
