"""Execution order (src/core/order.h): branchy graphs whose own operator
order keeps big tensors alive, built with the TFLite schema's object API
(tests/ops/tflite_builder.py).

Each case gives its live peaks (bytes of the tensors live at once) in the
model's order and in the best order, worked out by hand below. For each:

  * `mote inspect --json --no-patch` must report the order the planner
    chose (order.steps), those two peaks (order.peak_live and
    order.peak_live_model_order) and, planned for a core whose kernels need
    no scratch for these layers (--target m0plus: reference rows), the
    activations equal to the peaks: every buffer placed, no byte lost. The
    arena must drop by the difference, less the few bytes the order takes
    in the runtime state. --no-reorder must plan the model's order.
  * `mote run`, reordered and not, with and without bands, with
    requantization tables stored and made at run time, must give exactly
    what TensorFlow Lite Micro gives (tests/ops/oracle.py) on random inputs.
  * A graph where no order is better (IC's residual blocks, as in
    test_band.py) must keep the model's order.

usage: test_order.py MOTE_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "ops"))
sys.path.insert(0, HERE)
from tflite_builder import ACT, OP, PAD, TT, Graph, quant, schema  # noqa: E402
import oracle  # noqa: E402
from test_band import build_residual  # noqa: E402

BO = schema.BuiltinOptions
RNG = np.random.default_rng(11)
H, W, C, BIG = 16, 16, 4, 32
SMALL_BYTES = H * W * C  # 1024: the input and every narrow tensor
BIG_BYTES = H * W * BIG  # 8192: every wide tensor


def conv_opts():
    o = schema.Conv2DOptionsT()
    o.padding, o.strideW, o.strideH, o.fusedActivationFunction = PAD.SAME, 1, 1, ACT.RELU
    o.dilationWFactor = o.dilationHFactor = 1
    return o


def add_opts():
    o = schema.AddOptionsT()
    o.fusedActivationFunction = ACT.NONE
    return o


class Net:
    """1x1 convolutions over [1,16,16,c] int8 tensors, and ADDs."""

    def __init__(self):
        self.g = Graph()
        self.n = 0
        self.x = self.g.tensor("in", [1, H, W, C], TT.INT8, quant([0.02], [-5]))

    def conv(self, src, ic, oc):
        g, k = self.g, self.n
        self.n += 1
        wt = RNG.integers(-127, 128, size=(oc, 1, 1, ic)).astype(np.int8)
        tw = g.const("w%d" % k, wt, TT.INT8, quant(list(RNG.uniform(0.002, 0.02, oc)), [0] * oc))
        tb = g.const("b%d" % k, RNG.integers(-2000, 2000, size=(oc,)).astype(np.int32), TT.INT32,
                     quant([0.0001] * oc, [0] * oc))
        y = g.tensor("t%d" % k, [1, H, W, oc], TT.INT8, quant([0.05 + 0.01 * k], [k % 9 - 4]))
        g.op(OP.CONV_2D, [src, tw, tb], [y], BO.Conv2DOptions, conv_opts())
        return y

    def add(self, a, b):
        y = self.g.tensor("a%d" % self.n, [1, H, W, C], TT.INT8, quant([0.09], [-7]))
        self.n += 1
        self.g.op(OP.ADD, [a, b], [y], BO.AddOptions, add_opts())
        return y

    def finish(self, out):
        return self.g.finish([self.x], [out])


def two_branches():
    """Two branches widen the input to 32 channels and narrow it back, and
    an ADD joins them; the model widens both first (operators 0, 1), so
    both wide tensors are alive at once:
      model order, at operator 1: in + wide A + wide B = 1024 + 2 * 8192
      best (0, 2, 1, 3, 4): at most in + one wide + one narrow = 10240."""
    n = Net()
    a1 = n.conv(n.x, C, BIG)
    b1 = n.conv(n.x, C, BIG)
    a2 = n.conv(a1, BIG, C)
    b2 = n.conv(b1, BIG, C)
    return n.finish(n.add(a2, b2)), [0, 2, 1, 3, 4], \
        SMALL_BYTES + 2 * BIG_BYTES, SMALL_BYTES + BIG_BYTES + SMALL_BYTES


def four_branches():
    """Four such branches, all widened first (operators 0-3), then narrowed
    (4-7), then summed by a chain of ADDs (8-10): 11 operators in one
    window, far more orders than the search tries (over 10^5), so this is
    the budgeted search. Model order, at operator 3: in + 4 wide = 33792.
    Best: one branch at a time, each sum as soon as it can be made; while
    a middle branch narrows, in (still needed), the running sum, its wide
    and its narrow tensor are alive: 3 * 1024 + 8192 = 11264, and no order
    does better (every branch but the last narrows while in and an earlier
    narrow tensor or sum are alive)."""
    n = Net()
    wide = [n.conv(n.x, C, BIG) for _ in range(4)]
    narrow = [n.conv(t, BIG, C) for t in wide]
    s = n.add(narrow[0], narrow[1])
    s = n.add(s, narrow[2])
    s = n.add(s, narrow[3])
    return n.finish(s), None, SMALL_BYTES + 4 * BIG_BYTES, 3 * SMALL_BYTES + BIG_BYTES


def mote(binary, *args):
    return subprocess.run([binary, *args], capture_output=True)


def inspect(binary, path, *flags):
    r = mote(binary, "inspect", "--json", path, *flags)
    if r.returncode != 0:
        raise RuntimeError("inspect %s failed: %s" % (" ".join(flags), r.stderr.decode().strip()))
    return json.loads(r.stdout)


def check_reordered(binary, path, steps, peak_model, peak_best, problems):
    for target in ("m0plus", "host", "m4"):
        rep = inspect(binary, path, "--no-patch", "--target", target)
        o = rep["order"]
        if not o["enabled"] or not o["used"]:
            problems.append("%s: not reordered: %s" % (target, o))
            continue
        if steps is not None and o["steps"] != steps:
            problems.append("%s: order %s, expected %s" % (target, o["steps"], steps))
        if sorted(o["steps"]) != list(range(len(o["steps"]))):
            problems.append("%s: order %s is not a permutation" % (target, o["steps"]))
        if (o["peak_live"], o["peak_live_model_order"]) != (peak_best, peak_model):
            problems.append("%s: live peaks %s / %s, expected %s / %s" % (
                target, o["peak_live"], o["peak_live_model_order"], peak_best, peak_model))
        if target == "m0plus" and (o["activation_bytes"], o["activation_bytes_model_order"]) != (
                peak_best, peak_model):
            problems.append("%s: activations %s / %s, expected %s / %s" % (
                target, o["activation_bytes"], o["activation_bytes_model_order"], peak_best,
                peak_model))
        saved = o["arena_bytes_model_order"] - rep["arena_bytes"]
        drop = o["activation_bytes_model_order"] - o["activation_bytes"]
        # The order takes 2 bytes per operator in the state (to 16 bytes).
        if not drop - 16 - 2 * len(o["steps"]) <= saved <= drop:
            problems.append("%s: arena %s, model order %s: saves %d for %d bytes of activations" % (
                target, rep["arena_bytes"], o["arena_bytes_model_order"], saved, drop))
        plain = inspect(binary, path, "--no-patch", "--no-reorder", "--target", target)
        if plain["order"]["used"] or plain["order"]["enabled"] or \
                plain["arena_bytes"] != o["arena_bytes_model_order"]:
            problems.append("%s: --no-reorder plans %s, expected the model order's %s" % (
                target, plain["arena_bytes"], o["arena_bytes_model_order"]))
        # With bands allowed, never more than without reordering.
        both = inspect(binary, path, "--target", target)
        if both["arena_bytes"] > inspect(binary, path, "--no-reorder", "--target",
                                         target)["arena_bytes"]:
            problems.append("%s: reordering with bands raises the arena" % target)
    return o


def check_outputs(binary, model, path, tmp, problems):
    for trial in range(3):
        x = RNG.integers(-128, 128, size=(1, H, W, C)).astype(np.int8)
        if trial == 1:
            x[:] = -128
        want = oracle.run_tflm(model, [x], 1)[0]
        xin = os.path.join(tmp, "x.bin")
        x.tofile(xin)
        for flag in ([], ["--no-patch"], ["--no-reorder"], ["--no-patch", "--no-reorder"],
                     ["--requant", "run"], ["--requant", "run", "--no-patch"],
                     ["--requant", "run", "--no-patch", "--no-reorder"]):
            out = os.path.join(tmp, "y.bin")
            r = mote(binary, "run", path, "--input", xin, "--output", out, *flag)
            got = np.fromfile(out, dtype=np.int8) if r.returncode == 0 else None
            if got is None or got.tobytes() != want.astype(np.int8).tobytes():
                problems.append("trial %d %s: output differs from TFLM%s" % (
                    trial, " ".join(flag) or "(default)",
                    "" if got is not None else ": " + r.stderr.decode().strip()))


def main():
    binary = sys.argv[1]
    failed = 0
    cases = [("two_branches", two_branches), ("four_branches", four_branches)]
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in cases:
            model, steps, peak_model, peak_best = make()
            path = os.path.join(tmp, name + ".tflite")
            with open(path, "wb") as f:
                f.write(model)
            problems = []
            try:
                o = check_reordered(binary, path, steps, peak_model, peak_best, problems)
            except RuntimeError as e:
                problems.append(str(e))
                o = None
            check_outputs(binary, model, path, tmp, problems)
            if problems:
                failed += 1
                print("FAIL %s: %s" % (name, "; ".join(problems)))
            else:
                print("ok   %s: runs %s, live peak %d (model order: %d), activations %d (%d)" % (
                    name, " ".join(map(str, o["steps"])), o["peak_live"],
                    o["peak_live_model_order"], o["activation_bytes"],
                    o["activation_bytes_model_order"]))
        # No better order: IC's two residual blocks keep the model's.
        model = build_residual(21, 16, 3)
        path = os.path.join(tmp, "residual.tflite")
        with open(path, "wb") as f:
            f.write(model)
        problems = []
        for flags in ([], ["--no-patch"], ["--target", "m4"], ["--requant", "run"]):
            o = inspect(binary, path, *flags)["order"]
            if o["used"] or o["steps"] != list(range(len(o["steps"]))):
                problems.append("%s: reordered %s" % (" ".join(flags), o))
        x = RNG.integers(-128, 128, size=(1, 21, 16, 3)).astype(np.int8)
        want = oracle.run_tflm(model, [x], 1)[0]
        xin, out = os.path.join(tmp, "x.bin"), os.path.join(tmp, "y.bin")
        x.tofile(xin)
        r = mote(binary, "run", path, "--input", xin, "--output", out, "--no-patch")
        if r.returncode != 0 or np.fromfile(out, dtype=np.int8).tobytes() != want.tobytes():
            problems.append("output differs from TFLM")
        if problems:
            failed += 1
            print("FAIL residual: %s" % "; ".join(problems))
        else:
            print("ok   residual: the model's order kept")
    print("order: %d passed, %d failed" % (len(cases) + 1 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
