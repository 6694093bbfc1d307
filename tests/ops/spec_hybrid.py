"""Hybrid (dynamic-range quantization) draws for CONV_2D, DEPTHWISE_CONV_2D
and FULLY_CONNECTED: float32 activations, constant int8 weights with float
scales, float32 bias. spec_conv_2d.py, spec_depthwise_conv_2d.py and
spec_fully_connected.py list them as EXTRA_KERNELS under the variant
"float32_hybrid" (gen_cases.py: a float variant, so LiteRT's BUILTIN_REF
kernels give the expected outputs and run_cases.c compares within
1e-5 * max|expected|, the harness's float tolerance).

LiteRT quantizes each batch item on the fly, so the draws vary what decides
the int8 values: magnitudes from 1e-3 to 1e3, all-positive and all-negative
items (the asymmetric zero point at either end), all-zero items (scale 1),
a single non-zero value. Which LiteRT path runs: CONV_2D with differing
per-channel scales -> asymmetric inputs, otherwise symmetric; DEPTHWISE_CONV_2D
-> asymmetric, per-channel (LiteRT requires one scale per channel);
FULLY_CONNECTED -> asymmetric_quantize_inputs drawn both ways, per-tensor or
per-channel scales.
"""

import numpy as np

import spec_conv_2d as conv
import spec_fully_connected as fc
from draws import Case, common_desc, log_uniform
from tflite_builder import OP, OPT, TT, Graph, quant, schema

VARIANT = "float32_hybrid"


def hybrid_input(rng, shape):
    """Float activations whose per-item quantization takes every branch."""
    kind = rng.choice(["normal", "normal", "normal", "positive", "negative", "zero", "spike"])
    scale = log_uniform(rng, -3, 3)
    x = rng.standard_normal(size=shape) * scale
    if kind == "positive":
        x = np.abs(x) + scale * rng.uniform(0, 0.5)
    elif kind == "negative":
        x = -np.abs(x)
    elif kind == "zero":
        x = np.zeros(shape)
    elif kind == "spike":
        x = np.zeros(shape)
        flat = x.reshape(-1)
        flat[int(rng.integers(0, flat.size))] = scale * rng.choice([-1.0, 1.0])
    return x.astype(np.float32), str(kind)


def weight_scales(rng, n, distinct):
    base = log_uniform(rng, -3, -1)
    if distinct:
        s = base * 10.0 ** rng.uniform(-0.7, 0.7, size=n)
        if n > 1 and len(set(np.float32(s).tolist())) == 1:
            s[0] *= 1.5
        return [float(np.float32(v)) for v in s]
    return [float(np.float32(base))]


def _weights(rng, shape, allow_min=True):
    """Converted models hold [-127, 127]. -128 is drawn only where LiteRT
    takes a scalar reference loop (per-channel CONV_2D, DEPTHWISE_CONV_2D):
    its SIMD paths (FULLY_CONNECTED, per-tensor CONV_2D) do not give
    -128 * q for a weight of -128 on x86 (mote computes it exactly), so
    those cases keep to the converter's range."""
    mag = int(rng.choice([127, 127, 127, 64, 16, 3]))
    lo = -128 if allow_min and rng.random() < 0.1 else -mag
    return rng.integers(lo, mag + 1, size=shape, dtype=np.int64).astype(np.int8)


def draw_conv(rng, depthwise, g=None):
    g = conv.geometry(rng, depthwise) if g is None else g
    in_shape, f_shape, out_shape, qdim, _ = conv._shapes(g, depthwise)
    x, kind = hybrid_input(rng, in_shape)
    per_channel = depthwise or rng.random() < 0.7
    w = _weights(rng, f_shape, allow_min=per_channel and g["oc"] > 1)
    scales = weight_scales(rng, g["oc"] if per_channel else 1, per_channel)
    if depthwise and len(scales) == 1 and g["oc"] > 1:
        scales = scales * g["oc"]
    bias = (rng.standard_normal(g["oc"]) * log_uniform(rng, -2, 1)).astype(np.float32) \
        if g["has_bias"] else None

    def model(b, inputs_rng):
        gr = Graph()
        ti = gr.tensor("input", in_shape, TT.FLOAT32)
        wq = quant(scales, [0] * len(scales), qdim) if len(scales) > 1 else quant(scales[0], 0)
        tf = gr.const("filter", w, TT.INT8, wq)
        tb = gr.const("bias", b, TT.FLOAT32) if b is not None else None
        to = gr.tensor("output", out_shape, TT.FLOAT32)
        opt_type, opt = conv._options(g, depthwise)
        gr.op(OP.DEPTHWISE_CONV_2D if depthwise else OP.CONV_2D,
              conv._op_inputs(inputs_rng, ti, tf, tb, depthwise), [to], opt_type, opt)
        return gr.finish([ti], [to])

    desc = conv._desc(g, depthwise) + " " + common_desc(
        hybrid=True, input=kind, scales=len(scales), w_scale0=scales[0])
    case = Case(model(bias, rng), [x], desc)
    if bias is None:
        # LiteRT's CONV_2D refuses a missing bias; an all-zero one adds 0.0f.
        case.oracle_model = model(np.zeros(g["oc"], np.float32), np.random.default_rng(0))
    return case


def edges_conv(depthwise):
    out = []
    for i in range(len(conv._EDGE_GEOMETRIES)):
        g = conv.edge_geometry(i, depthwise)
        out.append(lambda rng, g=g: draw_conv(rng, depthwise, g))
    return out


def _ties(rng, depth, sign):
    """A row whose quantized values are exact ties: max |x| 255 (or 127 for
    the symmetric quantizer, which then scales by 1) and halves."""
    x = np.concatenate([[255.0], rng.integers(0, 255, size=depth - 1) + 0.5])
    return (sign * x).astype(np.float32)


def draw_fc(rng, g=None, asymmetric=None, per_channel=None, ties=0):
    g = fc._geometry(rng) if g is None else g
    x, kind = hybrid_input(rng, g["shape"])
    if ties:
        x = np.stack([_ties(rng, g["depth"], ties) for _ in range(x.size // g["depth"])])
        x, kind = x.reshape(g["shape"]), "ties"
    w = _weights(rng, [g["oc"], g["depth"]], allow_min=False)
    per_channel = bool(rng.random() < 0.5) if per_channel is None else per_channel
    asymmetric = bool(rng.random() < 0.5) if asymmetric is None else asymmetric
    scales = weight_scales(rng, g["oc"] if per_channel else 1, per_channel)
    bias = (rng.standard_normal(g["oc"]) * log_uniform(rng, -2, 1)).astype(np.float32) \
        if g["has_bias"] else None
    gr = Graph()
    ti = gr.tensor("input", g["shape"], TT.FLOAT32)
    wq = quant(scales, [0] * len(scales), 0) if len(scales) > 1 else quant(scales[0], 0)
    tw = gr.const("weights", w, TT.INT8, wq)
    tb = gr.const("bias", bias, TT.FLOAT32) if bias is not None else None
    to = gr.tensor("output", g["out_shape"], TT.FLOAT32)
    opt_type, opt = fc._options(g)
    opt.asymmetricQuantizeInputs = asymmetric
    gr.op(OP.FULLY_CONNECTED, fc._inputs(rng, ti, tw, tb), [to], opt_type, opt)
    desc = fc._desc(g) + " " + common_desc(hybrid=True, input=kind, asymmetric=asymmetric,
                                           scales=len(scales))
    return Case(gr.finish([ti], [to]), [x], desc)


def edges_fc():
    out = []
    for asym in (False, True):
        for pc in (False, True):
            for depth in (1, 37, 700):
                out.append(lambda rng, a=asym, p=pc, d=depth: draw_fc(
                    rng, fc._finish([3, d], d, 5, False, 0, True), a, p))
    # Ties (x / scale = k + 0.5): all-negative rows put the zero point at 127,
    # all-positive ones at -128; LiteRT rounds before adding it.
    for asym in (False, True):
        for sign in (-1.0, 1.0):
            out.append(lambda rng, a=asym, sg=sign: draw_fc(
                rng, fc._finish([2, 40], 40, 7, False, 0, False), a, False, sg))
    return out


def draw_bmm(rng, fixed=None):
    """BATCH_MATMUL: float lhs, constant int8 rhs (the weights), float out;
    adj_x / adj_y, asymmetric_quantize_inputs both ways, per-tensor or
    per-column scales. The weights are unbatched (mote refuses batched
    hybrid weights) and the lhs has at most one batch dimension above 1:
    LiteRT 2.3's hybrid kernel scales rows of further batch dimensions
    with another row's input scale (mote scales every row by its own)."""
    import spec_batch_matmul as bmm
    if fixed is None:
        lb, rb = bmm._batches(rng)
        rb = [1] * len(rb)
        big = [k for k, v in enumerate(lb) if v > 1]
        lb = [v if k in big[:1] else 1 for k, v in enumerate(lb)]
        rows, cols = int(rng.integers(1, 9)), int(rng.integers(1, 9))
        depth = int(rng.integers(1, 40)) if rng.random() < 0.8 else int(rng.integers(40, 300))
        adj_x, adj_y = bool(rng.random() < 0.4), bool(rng.random() < 0.4)
        asym, per_channel = bool(rng.random() < 0.5), bool(rng.random() < 0.5)
    else:
        lb, rb, rows, depth, cols, adj_x, adj_y, asym, per_channel = fixed
    lshape = lb + bmm._stored([rows, depth], adj_x)
    rshape = rb + bmm._stored([depth, cols], adj_y)
    n = max(len(lb), len(rb))
    lbp, rbp = [1] * (n - len(lb)) + lb, [1] * (n - len(rb)) + rb
    ob = [a if b == 1 else b for a, b in zip(lbp, rbp)]
    x, kind = hybrid_input(rng, lshape)
    w = _weights(rng, rshape, allow_min=False)
    scales = weight_scales(rng, cols if per_channel else 1, per_channel)
    qdim = len(rshape) - (2 if adj_y else 1)
    g = Graph()
    tl = g.tensor("lhs", lshape, TT.FLOAT32)
    wq = quant(scales, [0] * len(scales), qdim) if len(scales) > 1 else quant(scales[0], 0)
    tr = g.const("rhs", w, TT.INT8, wq)
    to = g.tensor("output", ob + [rows, cols], TT.FLOAT32)
    o = schema.BatchMatMulOptionsT()
    o.adjX, o.adjY = bool(adj_x), bool(adj_y)
    o.asymmetricQuantizeInputs = bool(asym)
    g.op(OP.BATCH_MATMUL, [tl, tr], [to], OPT.BatchMatMulOptions, o)
    d = common_desc(lhs=lshape, rhs=rshape, adj_x=int(adj_x), adj_y=int(adj_y), hybrid=True,
                    input=kind, asymmetric=bool(asym), scales=len(scales))
    return Case(g.finish([tl], [to]), [x], d)


def edges_bmm():
    pts = [([], [], 1, 1, 1, 0, 0), ([2], [1], 3, 1, 4, 1, 0), ([1, 3], [1, 1], 2, 5, 3, 0, 1),
           ([1, 1, 2], [1, 1], 2, 4, 2, 1, 1), ([], [1, 1], 4, 6, 2, 0, 0),
           ([1], [], 5, 200, 3, 0, 1), ([4, 1], [1, 1], 1, 17, 1, 1, 0)]
    out = []
    for i, (lb, rb, rows, depth, cols, ax, ay) in enumerate(pts):
        for asym in (False, True):
            out.append(lambda rng, p=(lb, rb, rows, depth, cols, ax, ay, asym, i % 2 == 1):
                       draw_bmm(rng, p))
    return out
