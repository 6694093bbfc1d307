#!/usr/bin/env python3
"""Operator selections (`mote ops --for MODEL [--target CORE] --header F`).

A firmware built with a selection carries only the operators, kernels and
kernel rows its model needs on its core (src/kernels/kernel_table.h). This
checks, on the host:
  1. the header: the rows lowering picks on each core (Arm DSP rows on the
     M4 and no reference row for those kernels, Helium rows on the M55,
     reference rows only on the M3), every row of each kernel without
     --target;
  2. a host build with the selection made for the host runs the model and
     gives the golden output;
  3. it never fails silently: the same build refuses a model needing an
     operator left out ("left out of this build"), and a build whose
     selection was made for the M4 (Arm rows only, not runnable here)
     refuses the model with MOTE_E_UNSUPPORTED_OP saying no row of the
     kernel runs the step, instead of running something else;
  4. band execution (src/core/band_select.c) is in a selection exactly when
     the planner runs a band chain for its model: KWS's selection leaves it
     out (its build links no band code), IC's keeps it, and IC's build
     plans the arena `mote inspect` reports (bands included) and gives the
     golden output;
  5. the execution-order search (src/core/order_select.c) is in a
     selection exactly when loading keeps another order than the model's:
     KWS's leaves it out (its build links no search), order_branches'
     keeps it, and that build plans the arena `mote inspect` reports
     (reordered, smaller than with --no-reorder) and gives TFLite Micro's
     output.

usage: test_opset.py MOTE LIBMOTE   (build/mote, build/libmote.a)
Prints "opset: N passed, M failed"; exits non-zero on any failure.
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KWS = os.path.join(ROOT, "models", "mlperf-tiny", "kws_ref_model.tflite")
IC = os.path.join(ROOT, "models", "mlperf-tiny", "pretrainedResnet_quant.tflite")
GOLDEN = os.path.join(ROOT, "tests", "data", "golden", "kws_ref_model")
IC_GOLDEN = os.path.join(ROOT, "tests", "data", "golden", "pretrainedResnet_quant")
ORDER_DIR = os.path.join(ROOT, "tests", "data", "order")
ORDER = os.path.join(ORDER_DIR, "order_branches.tflite")
# Compiled with the selection (mk/mcu.mk's MCU_SEL_SRCS).
SEL_SRCS = ["src/ops/registry.c", "src/ops/macs.c", "src/ops/lower_select.c",
            "src/kernels/kernel_table.c", "src/core/control_select.c", "src/core/band_select.c",
            "src/core/order_select.c"]
E_UNSUPPORTED_OP = -7
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s%s" % (what, ("\n  " + detail.strip()) if detail else ""))


def header(mote, model, target, path):
    cmd = [mote, "ops", "--for", model, "--header", path] + (["--target", target] if target else [])
    r = subprocess.run(cmd, capture_output=True, text=True)
    check(r.returncode == 0, "mote ops --for %s --target %s" % (os.path.basename(model), target),
          r.stderr)
    with open(path) as f:
        return f.read()


def build(cc, lib, hdr, out):
    """opset_check with the selection's tables ahead of the full library
    (built with the library's extra flags: the sanitizer pass reruns this)."""
    cflags = os.environ.get("OPSET_CFLAGS", "").split()
    ldflags = os.environ.get("OPSET_LDFLAGS", "").split()
    objs = []
    for src in SEL_SRCS:
        obj = os.path.join(os.path.dirname(out), os.path.basename(out) + "-" +
                           os.path.basename(src).replace(".c", ".o"))
        subprocess.run([cc, "-std=c99", "-O1", "-Wall", "-Wextra", "-Werror", "-Iinclude", "-Isrc",
                        "-include", hdr, "-c", src, "-o", obj] + cflags, cwd=ROOT, check=True)
        objs.append(obj)
    subprocess.run([cc, "-std=c99", "-O1", "-Wall", "-Wextra", "-Werror", "-Iinclude",
                    "tests/cli/opset_check.c"] + cflags + objs + [lib, "-lm", "-o", out] + ldflags,
                   cwd=ROOT, check=True)


def host_h_text(path):
    with open(path) as f:
        return f.read()


def has_symbol(exe, name):
    r = subprocess.run(["nm", exe], capture_output=True, text=True)
    return any(l.split()[-1:] == [name] for l in r.stdout.splitlines())


def run(exe, model, inp=None):
    r = subprocess.run([exe, model] + ([inp] if inp else []), capture_output=True, text=True)
    fields = {}
    line = r.stdout.strip()
    head, _, text = line.partition(" text=")
    for part in head.split():
        k, _, v = part.partition("=")
        fields[k] = v
    fields["text"] = text
    return fields, line


def main():
    mote, lib = sys.argv[1], os.path.abspath(sys.argv[2])
    cc = os.environ.get("CC", "cc")
    with tempfile.TemporaryDirectory() as tmp:
        m4 = header(mote, KWS, "m4", os.path.join(tmp, "m4.h"))
        # KWS on the M4: the first CONV_2D takes the patch path's pixel
        # chunks (arm_dsp_patch_ck, not arm_dsp_patch: no pixel-by-pixel code), the
        # pointwise ones (in place) the pixel chunks, the 3x3 depthwise
        # ones (in place) the padded rows (kernels/arm/arm_paths.h), the
        # SOFTMAX its DSP row
        for row in ("CONV_2D_S8_arm_dsp_patch_ck", "CONV_2D_S8_arm_dsp_pw_ip",
                    "DEPTHWISE_CONV_2D_S8_arm_dsp_3x3_ip", "FULLY_CONNECTED_S8_arm_dsp_xw",
                    "SOFTMAX_S8_arm_dsp"):
            check("#define MOTE_OPSET_R_%s 1" % row in m4, "m4 selection keeps row %s" % row, m4)
        for row in ("CONV_2D_S8_ref", "DEPTHWISE_CONV_2D_S8_ref", "CONV_2D_S8_arm_mve",
                    "CONV_2D_S8_arm_dsp_patch",
                    "CONV_2D_S8_arm_dsp_2x2", "CONV_2D_S8_arm_dsp_widened",
                    "CONV_2D_S8_arm_dsp_direct", "DEPTHWISE_CONV_2D_S8_arm_dsp_general",
                    "DEPTHWISE_CONV_2D_S8_arm_dsp_3x3_s2", "DEPTHWISE_CONV_2D_S8_arm_dsp_3x3_px",
                    "FULLY_CONNECTED_S8_arm_dsp_dot", "SOFTMAX_S8_ref"):
            check("MOTE_OPSET_R_%s " % row not in m4, "m4 selection leaves out row %s" % row, m4)
        m55 = header(mote, KWS, "m55", os.path.join(tmp, "m55.h"))
        check("#define MOTE_OPSET_R_CONV_2D_S8_arm_mve 1" in m55, "m55 selection: Helium CONV_2D",
              m55)
        for row in ("AVERAGE_POOL_2D_S8_arm_mve", "SOFTMAX_S8_arm_mve"):
            check("#define MOTE_OPSET_R_%s 1" % row in m55, "m55 selection keeps row %s" % row,
                  m55)
        m3 = header(mote, KWS, "m3", os.path.join(tmp, "m3.h"))
        rows = [l for l in m3.splitlines() if l.startswith("#define MOTE_OPSET_R_")]
        check(rows and all(l.endswith("_ref 1") for l in rows), "m3 selection: reference rows only",
              m3)
        plain = header(mote, KWS, None, os.path.join(tmp, "plain.h"))
        check("MOTE_OPSET_ROWS" not in plain and "#define MOTE_OPSET_K_CONV_2D_S8 1" in plain,
              "without --target: kernels only (every row of each)", plain)

        host_h = os.path.join(tmp, "host.h")
        header(mote, KWS, "host", host_h)
        host_exe = os.path.join(tmp, "host")
        build(cc, lib, host_h, host_exe)
        with open(os.path.join(GOLDEN, "out_0.bin"), "rb") as f:
            want = f.read().hex()
        got, line = run(host_exe, KWS, os.path.join(GOLDEN, "in_0.bin"))
        check(got.get("invoke") == "0" and got.get("out0") == want,
              "host build with the host selection runs KWS and gives the golden output", line)
        got, line = run(host_exe, IC)
        check(got.get("load") == str(E_UNSUPPORTED_OP), "a model needing another operator is "
              "refused (MOTE_E_UNSUPPORTED_OP)", line)

        m4_exe = os.path.join(tmp, "m4")
        build(cc, lib, os.path.join(tmp, "m4.h"), m4_exe)
        got, line = run(m4_exe, KWS)
        check(got.get("load") == str(E_UNSUPPORTED_OP) and "no row of kernel" in got["text"],
              "a selection made for another core is refused at load, naming the kernel", line)
        # Band execution: linked only when the planner runs a chain.
        check("#define MOTE_OPSET_BANDS" not in host_h_text(host_h),
              "KWS selection leaves band execution out (no chain planned)")
        check(not has_symbol(host_exe, "mote_band_walk"), "KWS build links no band code")
        ic_h = os.path.join(tmp, "ic.h")
        ic_text = header(mote, IC, "host", ic_h)
        check("#define MOTE_OPSET_BANDS 1" in ic_text,
              "IC selection keeps band execution (the planner runs a chain)", ic_text)
        ic_exe = os.path.join(tmp, "ic")
        build(cc, lib, ic_h, ic_exe)
        check(has_symbol(ic_exe, "mote_band_walk"), "IC build links the band code")
        r = subprocess.run([mote, "inspect", IC, "--json"], capture_output=True, text=True)
        want_arena = str(json.loads(r.stdout)["arena_bytes"]) if r.returncode == 0 else "?"
        r = subprocess.run([mote, "inspect", IC, "--json", "--no-patch"], capture_output=True,
                           text=True)
        no_patch = str(json.loads(r.stdout)["arena_bytes"]) if r.returncode == 0 else "?"
        with open(os.path.join(IC_GOLDEN, "out_0.bin"), "rb") as f:
            want = f.read().hex()
        got, line = run(ic_exe, IC, os.path.join(IC_GOLDEN, "in_0.bin"))
        check(got.get("invoke") == "0" and got.get("out0") == want and
              got.get("arena") == want_arena and want_arena != no_patch,
              "IC build plans with bands (arena %s, %s without) and gives the golden output" %
              (want_arena, no_patch), line)
        # The execution-order search: linked only when loading reorders.
        check("#define MOTE_OPSET_ORDER" not in host_h_text(host_h),
              "KWS selection leaves the order search out (the model's order is kept)")
        check(not has_symbol(host_exe, "mote_order_choose"), "KWS build links no order search")
        ob_h = os.path.join(tmp, "ob.h")
        ob_text = header(mote, ORDER, "host", ob_h)
        check("#define MOTE_OPSET_ORDER 1" in ob_text,
              "order_branches selection keeps the order search (loading reorders it)", ob_text)
        ob_exe = os.path.join(tmp, "ob")
        build(cc, lib, ob_h, ob_exe)
        check(has_symbol(ob_exe, "mote_order_choose"), "order_branches build links the search")
        r = subprocess.run([mote, "inspect", ORDER, "--json"], capture_output=True, text=True)
        want_arena = str(json.loads(r.stdout)["arena_bytes"]) if r.returncode == 0 else "?"
        r = subprocess.run([mote, "inspect", ORDER, "--json", "--no-reorder"],
                           capture_output=True, text=True)
        model_order = str(json.loads(r.stdout)["arena_bytes"]) if r.returncode == 0 else "?"
        with open(os.path.join(ORDER_DIR, "out_0.bin"), "rb") as f:
            want = f.read().hex()
        got, line = run(ob_exe, ORDER, os.path.join(ORDER_DIR, "in_0.bin"))
        check(got.get("invoke") == "0" and got.get("out0") == want and
              got.get("arena") == want_arena and int(want_arena) < int(model_order),
              "order_branches build plans the reordered arena (%s, %s in the model's order) "
              "and gives TFLite Micro's output" % (want_arena, model_order), line)
    print("opset: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
