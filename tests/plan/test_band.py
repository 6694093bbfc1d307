"""Band (patch) execution of a leading convolution chain (src/core/band.h).

Synthetic int8 chains — stride 2, SAME and VALID padding, odd heights,
dilation, a tall kernel over few rows (two bands), outputs larger
and smaller than the chain's input, residual blocks (ADD of a skip and of
two strided branches) — are built with the TFLite schema's
object API (tests/ops/tflite_builder.py). For each one:

  * `mote inspect --json` must show the planner chose a band chain and that
    it lowered the activations (patch.activation_bytes below
    patch.activation_bytes_without; --no-patch gives the latter);
  * `mote run` with bands and with --no-patch, each with requantization
    tables stored and made at run time (--requant run, which plans the
    same chain), must give exactly what TensorFlow Lite Micro gives
    (tests/ops/oracle.py) on random inputs.

Then chains whose output must not overlay their input (REFUSE): the
planner may put a chain's output in its input's buffer only when the walk
finds every output row lands below the first input row a later band still
reads (band.c, overlap_ok). Each case holds a chain where that fails (a
SAME kernel reading back a row, or output rows wider than the input rows
they replace); the plan (`inspect --plan`, host and m4) must give such a
chain's output its own buffer, or choose another chain or none, and the
outputs must stay TFLite Micro's. Whether a chain may overlay its input is
worked out here from the rows alone (overlap_safe), not asked of mote.

usage: test_band.py MOTE_BINARY
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "ops"))
from tflite_builder import ACT, OP, PAD, TT, Graph, quant, schema  # noqa: E402
import oracle  # noqa: E402

BO = schema.BuiltinOptions
RNG = np.random.default_rng(10)


def conv_opts(stride, pad, dil=1, act=ACT.RELU):
    o = schema.Conv2DOptionsT()
    o.padding, o.strideW, o.strideH, o.fusedActivationFunction = pad, stride, stride, act
    o.dilationWFactor = o.dilationHFactor = dil
    return o


def dw_opts(stride, pad, dil=1, act=ACT.RELU6):
    o = schema.DepthwiseConv2DOptionsT()
    o.padding, o.strideW, o.strideH, o.depthMultiplier = pad, stride, stride, 1
    o.fusedActivation = act
    o.fusedActivationFunction = act
    o.dilationWFactor = o.dilationHFactor = dil
    return o


def out_size(n, k, stride, pad, dil):
    span = (k - 1) * dil + 1
    return (n + stride - 1) // stride if pad == PAD.SAME else (n - span) // stride + 1


def build(h, w, c, layers, tail=True, tail_c=4, pool=False):
    """layers: (kind, k, out_c, stride, pad, dil); kind 'conv' or 'dw'.
    With tail, a 1x1 convolution to tail_c channels after the chain, so
    the chain's output is not the model output; with pool, a 1x1 average
    pool before it (no chain layer: the chain ends before the tail)."""
    g = Graph()
    q_in = quant([0.02], [-5])
    x = g.tensor("in", [1, h, w, c], TT.INT8, q_in)
    first = x
    for n, (kind, k, oc, stride, pad, dil) in enumerate(layers):
        if kind == "dw":
            oc = c
        wshape = (1, k, k, oc) if kind == "dw" else (oc, k, k, c)
        wt = RNG.integers(-127, 128, size=wshape).astype(np.int8)
        wq = quant(list(RNG.uniform(0.002, 0.02, oc)), [0] * oc, 3 if kind == "dw" else 0)
        tw = g.const("w%d" % n, wt, TT.INT8, wq)
        bias = RNG.integers(-2000, 2000, size=(oc,)).astype(np.int32)
        tb = g.const("b%d" % n, bias, TT.INT32, quant([0.0001] * oc, [0] * oc))
        h = out_size(h, k, stride, pad, dil)
        w = out_size(w, k, stride, pad, dil)
        y = g.tensor("t%d" % n, [1, h, w, oc], TT.INT8, quant([0.05 + 0.01 * n], [-3 + n]))
        if kind == "dw":
            g.op(OP.DEPTHWISE_CONV_2D, [x, tw, tb], [y], BO.DepthwiseConv2DOptions,
                 dw_opts(stride, pad, dil))
        else:
            g.op(OP.CONV_2D, [x, tw, tb], [y], BO.Conv2DOptions, conv_opts(stride, pad, dil))
        x, c = y, oc
    if pool:
        o = schema.Pool2DOptionsT()
        o.padding, o.strideH, o.strideW, o.filterHeight, o.filterWidth = PAD.VALID, 1, 1, 1, 1
        y = g.tensor("pool", [1, h, w, c], TT.INT8, quant([0.05 + 0.01 * (len(layers) - 1)],
                                                          [-3 + len(layers) - 1]))
        g.op(OP.AVERAGE_POOL_2D, [x], [y], BO.Pool2DOptions, o)
        x = y
    if tail:
        wt = RNG.integers(-127, 128, size=(tail_c, 1, 1, c)).astype(np.int8)
        tw = g.const("wt", wt, TT.INT8, quant([0.01] * tail_c, [0] * tail_c))
        y = g.tensor("out", [1, h, w, tail_c], TT.INT8, quant([0.1], [2]))
        g.op(OP.CONV_2D, [x, tw, -1], [y], BO.Conv2DOptions, conv_opts(1, PAD.VALID))
        x = y
    return g.finish([first], [x]), (h, w)


def add_opts(act=ACT.NONE):
    o = schema.AddOptionsT()
    o.fusedActivationFunction = act
    return o


def build_residual(h, w, c):
    """IC's first stage in small: conv, a residual block (two convs, ADD of
    the skip), then a strided block whose two branches (3x3 s2 then 3x3,
    and a 1x1 s2 shortcut) join in a second ADD; a tail after it."""
    g = Graph()
    x = g.tensor("in", [1, h, w, c], TT.INT8, quant([0.02], [-5]))
    n = [0]

    def conv(src, shape_in, k, oc, stride, relu=True):
        hh, ww, cc = shape_in
        wt = RNG.integers(-127, 128, size=(oc, k, k, cc)).astype(np.int8)
        tw = g.const("w%d" % n[0], wt, TT.INT8,
                     quant(list(RNG.uniform(0.002, 0.02, oc)), [0] * oc))
        tb = g.const("b%d" % n[0], RNG.integers(-2000, 2000, size=(oc,)).astype(np.int32),
                     TT.INT32, quant([0.0001] * oc, [0] * oc))
        oh, ow = out_size(hh, k, stride, PAD.SAME, 1), out_size(ww, k, stride, PAD.SAME, 1)
        y = g.tensor("t%d" % n[0], [1, oh, ow, oc], TT.INT8, quant([0.05 + 0.01 * n[0]], [n[0] - 4]))
        g.op(OP.CONV_2D, [src, tw, tb], [y], BO.Conv2DOptions,
             conv_opts(stride, PAD.SAME, 1, ACT.RELU if relu else ACT.NONE))
        n[0] += 1
        return y, (oh, ow, oc)

    def add(a, b, shape):
        y = g.tensor("a%d" % n[0], [1, *shape], TT.INT8, quant([0.09], [-7]))
        g.op(OP.ADD, [a, b], [y], BO.AddOptions, add_opts(ACT.RELU))
        n[0] += 1
        return y

    t0, s0 = conv(x, (h, w, c), 3, 8, 1)
    t1, s1 = conv(t0, s0, 3, 8, 1)
    t2, _ = conv(t1, s1, 3, 8, 1, relu=False)
    a0 = add(t0, t2, s0)
    t4, s4 = conv(a0, s0, 3, 16, 2)
    t5, _ = conv(t4, s4, 3, 16, 1, relu=False)
    t6, _ = conv(a0, s0, 1, 16, 2, relu=False)
    a1 = add(t5, t6, s4)
    out, _ = conv(a1, s4, 1, 4, 1)
    return g.finish([x], [out])


S, V = PAD.SAME, PAD.VALID
CASES = {
    # VWW's first stage, smaller: conv s2, dw, pointwise widening, dw s2.
    "vww_like": (40, 40, 3, [("conv", 3, 8, 2, S, 1), ("dw", 3, 0, 1, S, 1),
                             ("conv", 1, 16, 1, S, 1), ("dw", 3, 0, 2, S, 1),
                             ("conv", 1, 8, 1, S, 1)]),
    # Odd heights, VALID padding, stride 2 on an odd size.
    "valid_odd": (31, 17, 4, [("conv", 3, 16, 1, V, 1), ("dw", 3, 0, 2, V, 1),
                              ("conv", 1, 4, 1, V, 1)]),
    # SAME with stride 2 on odd heights and a 5x5 kernel.
    "same_odd_5x5": (29, 11, 3, [("conv", 5, 24, 2, S, 1), ("dw", 5, 0, 1, S, 1),
                                 ("conv", 1, 3, 2, S, 1)]),
    # Dilation 2 along rows and columns.
    "dilated": (27, 9, 2, [("conv", 3, 16, 1, S, 2), ("dw", 3, 0, 1, V, 2),
                           ("conv", 1, 2, 1, S, 1)]),
    # A tall kernel over few rows: two bands, the window holds all but one row.
    "tall_kernel": (12, 12, 2, [("conv", 1, 32, 1, V, 1), ("conv", 11, 2, 1, V, 1)]),
    # VWW's chain (operators 0..4) in small: its output over its input, the
    # last layer a 1x1 convolution, so the last window lies in the input's
    # buffer past the output rows (band_run.c, FLOAT) and the others take
    # its rows; square and taller than wide.
    "vww_chain": (48, 48, 3, [("conv", 3, 8, 2, S, 1), ("dw", 3, 0, 1, S, 1),
                              ("conv", 1, 16, 1, S, 1), ("dw", 3, 0, 2, S, 1),
                              ("conv", 1, 32, 1, S, 1)]),
    "vww_chain_tall": (64, 32, 3, [("conv", 3, 8, 2, S, 1), ("dw", 3, 0, 1, S, 1),
                                   ("conv", 1, 16, 1, S, 1), ("dw", 3, 0, 2, S, 1),
                                   ("conv", 1, 24, 1, S, 1)]),
    # 1x1 stride 2 skips rows; output larger than the input (no overlap).
    "pointwise_stride2": (20, 20, 2, [("conv", 1, 32, 1, S, 1), ("conv", 1, 24, 2, S, 1)]),
    # Branches: two residual blocks with ADD (IC's first stage), odd height.
    "residual": (21, 16, 3, None),
    # The tail's peak (a pool, then 24x24x16 -> 24x24x24) lies above the
    # chain's with bands: the windows get room to spare, and the first
    # layer (reading the chain's input only) makes several rows per call
    # into it (mote_band_walk's room).
    "room": (48, 48, 3, [("conv", 3, 8, 1, S, 1), ("conv", 3, 16, 2, S, 1)], 24),
}


# Chains whose output over their input would overwrite input rows a later
# band still reads; each also has a chain from operator 0 the planner would
# like (output no larger than the input, the input dying in the chain).
# The last field: bands must still lower the activations (the planner falls
# back to a chain it may run, not to none).
REFUSE = {
    # 3x3 SAME stride 1, then 1x1 back down: output row 0 would land on
    # input row 0, which the first layer's row 1 still reads. Bands still
    # win (the 16x16x32 intermediate), the output in a buffer of its own.
    "refuse_expand": (16, 16, 8, [("conv", 3, 32, 1, S, 1), ("conv", 1, 8, 1, S, 1)], True),
    # Stride 2 SAME on an odd height (top padding 1) widening 4 -> 24 -> 12
    # channels: an output row of operators 0..1 (9 x 12 bytes) is wider
    # than the input row (17 x 4) its band frees. With the 1x1 tail to 4
    # channels (9 x 4 bytes a row), operators 0..2 may overlay it.
    "refuse_odd_s2": (17, 17, 4, [("conv", 3, 24, 2, S, 1), ("conv", 1, 12, 1, S, 1)], True),
    # A 3x3 depthwise SAME and the tail: the only chain reads back a row;
    # without the overlay bands save nothing, so none is chosen.
    "refuse_dw": (16, 16, 8, [("dw", 3, 0, 1, S, 1)], False),
}


def row_layers(h, w, c, layers, tail_c=4):
    """Row geometry of each operator build() makes (the tail last): the
    rows it reads and makes, stride, top padding (TFLite's SAME puts the
    odd row at the bottom), span, and bytes per input and output row."""
    out = []
    for kind, k, oc, stride, pad, dil in list(layers) + [("conv", 1, tail_c, 1, PAD.VALID, 1)]:
        if kind == "dw":
            oc = c
        span = (k - 1) * dil + 1
        oh, ow = out_size(h, k, stride, pad, dil), out_size(w, k, stride, pad, dil)
        top = max((oh - 1) * stride + span - h, 0) // 2 if pad == PAD.SAME else 0
        out.append(dict(in_h=h, out_h=oh, stride=stride, pad=top, span=span,
                        in_row=w * c, out_row=ow * oc))
        h, w, c = oh, ow, oc
    return out


def overlap_safe(chain):
    """Whether chain (row_layers of operators first..last, one input each)
    may write its output over its input: after each output row y but the
    last, the rows made so far, (y + 1) * out_row bytes, end at or below
    the first input row the first layer still reads. Layers make only the
    rows the next output row needs, so the first layer has made rows up to
    need (each layer's last row read, back from y) and reads on from the
    first row its next row reads."""
    first, last = chain[0], chain[-1]
    for y in range(last["out_h"] - 1):
        need = y
        for l in reversed(chain[1:]):
            need = min(need * l["stride"] - l["pad"] + l["span"] - 1, l["in_h"] - 1)
        low = min(max((need + 1) * first["stride"] - first["pad"], 0), first["in_h"])
        if (y + 1) * last["out_row"] > low * first["in_row"]:
            return False
    return True


def plan_buffers(text):
    """`inspect --plan` text: {tensor: set of the tensors sharing its
    buffer} for every tensor with a buffer of its own."""
    shared = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) >= 4 and f[0].isdigit() and f[1].isdigit() and f[2].isdigit():
            shared[int(f[2])] = {int(t) for t in
                                 re.findall(r"\(shared with tensor (\d+)\)", line)}
    return shared


def mote(binary, *args):
    return subprocess.run([binary, *args], capture_output=True)


def outputs_match(binary, model, path, shape, tmp):
    """`mote run` with and without bands, tables stored and made at run
    time, against TFLite Micro on three inputs (one all -128): problems."""
    problems = []
    for trial in range(3):
        x = RNG.integers(-128, 128, size=shape).astype(np.int8)
        if trial == 1:
            x[:] = -128
        want = oracle.run_tflm(model, [x], 1)[0]
        xin = os.path.join(tmp, "x.bin")
        x.tofile(xin)
        for flag in ([], ["--no-patch"], ["--requant", "run"],
                     ["--requant", "run", "--no-patch"]):
            out = os.path.join(tmp, "y.bin")
            r = mote(binary, "run", path, "--input", xin, "--output", out, *flag)
            got = np.fromfile(out, dtype=np.int8) if r.returncode == 0 else None
            if got is None or got.tobytes() != want.astype(np.int8).tobytes():
                problems.append("trial %d %s: output differs from TFLM%s" % (
                    trial, " ".join(flag) or "(bands)",
                    "" if got is not None else ": " + r.stderr.decode().strip()))
    return problems


def refuse_case(binary, name, h, w, c, layers, banded, tmp):
    """One REFUSE case: (problems, summary)."""
    rows = row_layers(h, w, c, layers)
    # The case must hold what it is for: a chain from operator 0 whose
    # output fits in its input's buffer but may not overlay it.
    if not any(rows[b]["out_h"] * rows[b]["out_row"] <= rows[0]["in_h"] * rows[0]["in_row"]
               and not overlap_safe(rows[:b + 1]) for b in range(1, len(rows))):
        return ["case has no chain the overlap check must refuse"], ""
    model = build(h, w, c, layers)[0]
    path = os.path.join(tmp, name + ".tflite")
    with open(path, "wb") as f:
        f.write(model)
    problems, summary = [], []
    for target in ("host", "m4"):
        r = mote(binary, "inspect", "--json", "--target", target, path)
        r2 = mote(binary, "inspect", "--plan", "--target", target, path)
        if r.returncode != 0 or r2.returncode != 0:
            problems.append("inspect --target %s failed: %s" % (
                target, (r.stderr or r2.stderr).decode().strip()))
            continue
        info = json.loads(r.stdout)
        patch = info["patch"]
        if banded and not (patch["used"] and
                           patch["activation_bytes"] < patch["activation_bytes_without"]):
            problems.append("%s: no band chain lowering the activations: %s" % (target, patch))
        if not patch["used"]:
            summary.append("%s: no chain" % target)
            continue
        a, b = patch["first_op"], patch["last_op"]
        t_in = info["operators"][a]["inputs"][0]["index"]
        t_out = info["operators"][b]["outputs"][0]["index"]
        buffers = plan_buffers(r2.stdout.decode())
        # Every tensor here is its own buffer or shares one listed (a
        # chain input aliasing another buffer would hide the output).
        if t_in not in buffers or not (t_out in buffers or t_out in buffers[t_in]):
            problems.append("%s: plan of operators %d..%d lists neither tensor %d nor %d "
                            "sharing its buffer" % (target, a, b, t_out, t_in))
            continue
        over = t_out in buffers[t_in]
        if over and not overlap_safe(rows[a:b + 1]):
            problems.append("%s: output of operators %d..%d over their input, which "
                            "later bands still read" % (target, a, b))
        summary.append("%s: operators %d..%d, output %s" % (
            target, a, b, "over the input (safe)" if over else "in its own buffer"))
    problems += outputs_match(binary, model, path, (1, h, w, c), tmp)
    return problems, "; ".join(summary)


def main():
    binary = sys.argv[1]
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, (h, w, c, layers, *tail_c) in CASES.items():
            model = build_residual(h, w, c) if layers is None else build(
                h, w, c, layers, tail_c=tail_c[0] if tail_c else 4, pool=bool(tail_c))[0]
            path = os.path.join(tmp, name + ".tflite")
            with open(path, "wb") as f:
                f.write(model)
            problems = []
            r = mote(binary, "inspect", "--json", path)
            patch = json.loads(r.stdout)["patch"] if r.returncode == 0 else None
            r2 = mote(binary, "inspect", "--json", "--no-patch", path)
            plain = json.loads(r2.stdout)["patch"] if r2.returncode == 0 else None
            if patch is None or plain is None:
                problems.append("inspect failed: %s" % (r.stderr or r2.stderr).decode().strip())
            else:
                if not patch["used"]:
                    problems.append("no band chain chosen")
                elif not patch["activation_bytes"] < patch["activation_bytes_without"]:
                    problems.append("bands do not lower the activations: %s" % patch)
                if plain["used"] or plain["activation_bytes"] != patch["activation_bytes_without"]:
                    problems.append("--no-patch plan differs: %s" % plain)
                # Tables made at run time keep the same chain (its steps
                # keep their tables stored: src/core/steps.h).
                r3 = mote(binary, "inspect", "--json", "--requant", "run", path)
                run = json.loads(r3.stdout)["patch"] if r3.returncode == 0 else None
                if run is None or (run["first_op"], run["last_op"]) != (
                        patch["first_op"], patch["last_op"]):
                    problems.append("--requant run plans another chain: %s" % run)
            problems += outputs_match(binary, model, path, (1, h, w, c), tmp)
            if problems:
                failed += 1
                print("FAIL %s: %s" % (name, "; ".join(problems)))
            else:
                print("ok   %s: operators %s..%s in %s bands, activations %s (without: %s)" % (
                    name, patch["first_op"], patch["last_op"], patch["bands"],
                    patch["activation_bytes"], patch["activation_bytes_without"]))
        for name, (h, w, c, layers, banded) in REFUSE.items():
            problems, summary = refuse_case(binary, name, h, w, c, layers, banded, tmp)
            if problems:
                failed += 1
                print("FAIL %s: %s" % (name, "; ".join(problems)))
            else:
                print("ok   %s: %s" % (name, summary))
    print("band: %d passed, %d failed" % (len(CASES) + len(REFUSE) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
