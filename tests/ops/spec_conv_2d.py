"""CONV_2D test spec (and the shared builder of spec_depthwise_conv_2d.py).

Random draws cover batch 1-2, 1-12 x 1-12 inputs, 1-9 channels, 1-5 x 1-5
filters, strides and dilations 1-3, SAME and VALID, every fused activation,
bias present / omitted / given as index -1, per-channel and per-tensor
weights, extreme zero points and requantization scales. Edge cases (fixed
geometries: SAME with odd padding totals, dilation with stride, 1x1 inputs,
zero points at both ends of the range with heavy saturation) come first.
"""

import math

import numpy as np

from draws import (Case, Invalid, common_desc, conv_out_size, f32, log_uniform,
                   pick_output_scale, rand_act, rand_bias_int32, rand_bias_int64, rand_float,
                   rand_float_uniform, rand_i8_uniform, rand_int8, rand_int16,
                   rand_weights_int8, rand_zp)
from tflite_builder import ACT, ACT_NAMES, OP, OPT, PAD, PAD_NAMES, TT, Graph, quant, schema

OPERATOR = "CONV_2D"
KERNELS = {"int8": "CONV_2D_S8", "int16": "CONV_2D_S16", "float32": "CONV_2D_F32"}
# int8 activations with packed int4 weights (gen_cases.py EXTRA_KERNELS).
EXTRA_KERNELS = {"int8_w4": "CONV_2D_S8_I4", "float32_hybrid": "CONV_2D_HYBRID"}

# make_cases.py's activation order for the fixed geometries.
_EDGE_ACTS = [ACT.NONE, ACT.RELU, ACT.RELU_N1_TO_1, ACT.RELU6]

# n h w cin cout(or depth multiplier) kh kw sh sw dh dw same
_EDGE_GEOMETRIES = [
    (1, 6, 6, 3, 4, 4, 4, 1, 1, 1, 1, True),  # SAME, padding total 3: 1 before, 2 after
    (1, 7, 5, 2, 3, 3, 2, 2, 2, 1, 1, True),
    (1, 9, 9, 2, 3, 3, 3, 1, 1, 2, 2, True),  # dilation 2
    (1, 9, 8, 3, 2, 3, 2, 1, 2, 3, 2, False),
    (2, 5, 5, 4, 5, 3, 3, 2, 2, 1, 1, True),
    (1, 1, 1, 5, 7, 1, 1, 1, 1, 1, 1, False),
    (1, 8, 8, 3, 2, 2, 2, 2, 2, 2, 2, True),
    (1, 4, 10, 1, 1, 2, 5, 1, 3, 1, 2, True),
]
_EDGE_DW_MULT = [2, 3, 2, 3, 1, 2, 3, 2]


def geometry(rng, depthwise):
    n = int(rng.integers(1, 3))
    h, w = int(rng.integers(1, 13)), int(rng.integers(1, 13))
    ic = int(rng.integers(1, 10))
    if depthwise:
        mult = int(rng.integers(1, 4))
        oc = ic * mult
    else:
        mult = 1
        oc = int(rng.integers(1, 10))
    kh, kw = int(rng.integers(1, 6)), int(rng.integers(1, 6))
    sh, sw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    dh, dw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    if rng.random() < 0.3:
        dh = dw = 1
    padding = PAD.SAME if rng.random() < 0.5 else PAD.VALID
    return finish_geometry(n, h, w, ic, oc, mult, kh, kw, sh, sw, dh, dw, padding,
                           rand_act(rng), bool(rng.random() < 0.75))


def finish_geometry(n, h, w, ic, oc, mult, kh, kw, sh, sw, dh, dw, padding, act, has_bias):
    oh = conv_out_size(h, kh, sh, dh, padding)
    ow = conv_out_size(w, kw, sw, dw, padding)
    if oh <= 0 or ow <= 0:
        raise Invalid("output size <= 0")
    return dict(n=n, h=h, w=w, ic=ic, oc=oc, mult=mult, kh=kh, kw=kw, sh=sh, sw=sw,
                dh=dh, dw=dw, padding=padding, oh=oh, ow=ow, act=act, has_bias=has_bias)


def edge_geometry(i, depthwise):
    n, h, w, ic, co, kh, kw, sh, sw, dh, dw, same = _EDGE_GEOMETRIES[i]
    mult = _EDGE_DW_MULT[i] if depthwise else 1
    oc = ic * mult if depthwise else co
    return finish_geometry(n, h, w, ic, oc, mult, kh, kw, sh, sw, dh, dw,
                           PAD.SAME if same else PAD.VALID, _EDGE_ACTS[i % 4], i % 3 != 2)


def _options(g, depthwise):
    if depthwise:
        o = schema.DepthwiseConv2DOptionsT()
        o.depthMultiplier = g["mult"]
        opt_type = OPT.DepthwiseConv2DOptions
    else:
        o = schema.Conv2DOptionsT()
        opt_type = OPT.Conv2DOptions
    o.padding = g["padding"]
    o.strideH, o.strideW = g["sh"], g["sw"]
    o.dilationHFactor, o.dilationWFactor = g["dh"], g["dw"]
    o.fusedActivationFunction = g["act"]
    return opt_type, o


def _op_inputs(rng, ti, tf, tb, depthwise):
    """Operator inputs; a missing bias is either left out or given as the
    optional-tensor index -1. DEPTHWISE_CONV_2D only accepts the first form
    (TFLite refuses -1 there and TFLM crashes on it)."""
    if tb is not None:
        return [ti, tf, tb]
    if depthwise or rng.random() < 0.5:
        return [ti, tf]
    return [ti, tf, -1]


def _desc(g, depthwise):
    keys = ["n", "h", "w", "ic", "oc"] + (["mult"] if depthwise else []) + [
        "kh", "kw", "sh", "sw", "dh", "dw"]
    return common_desc(**{k: g[k] for k in keys}, padding=PAD_NAMES[g["padding"]],
                       act=ACT_NAMES[g["act"]], bias=g["has_bias"])


def _shapes(g, depthwise):
    in_shape = [g["n"], g["h"], g["w"], g["ic"]]
    if depthwise:
        f_shape, qdim, depth = [1, g["kh"], g["kw"], g["oc"]], 3, g["kh"] * g["kw"]
    else:
        f_shape, qdim = [g["oc"], g["kh"], g["kw"], g["ic"]], 0
        depth = g["kh"] * g["kw"] * g["ic"]
    return in_shape, f_shape, [g["n"], g["oh"], g["ow"], g["oc"]], qdim, depth


def build_int8(rng, g, depthwise, x, w, in_scale, in_zp, w_scales, per_channel, out_scale,
               out_zp, bias, w4=False):
    """The int8 model; w_scales has out_c entries (per-channel) or 1; w4:
    the weights (in [-8, 7]) as a packed INT4 tensor."""
    in_shape, f_shape, out_shape, qdim, _ = _shapes(g, depthwise)
    oc = g["oc"]
    gr = Graph()
    ti = gr.tensor("input", in_shape, TT.INT8, quant(in_scale, in_zp))
    if per_channel:
        wq = quant(w_scales, [0] * oc, qdim)
    else:
        wq = quant(w_scales[0], 0, qdim)
    tf = gr.const_int4("filter", w, wq) if w4 else gr.const("filter", w, TT.INT8, wq)
    tb = None
    if bias is not None:
        if per_channel:
            bq = quant([in_scale * s for s in w_scales], [0] * oc, 0)
        else:
            # TFLM checks bias_scale against input_scale * filter_scale.
            bq = quant(float(np.float64(in_scale) * np.float64(w_scales[0])), 0)
        tb = gr.const("bias", bias, TT.INT32, bq)
    to = gr.tensor("output", out_shape, TT.INT8, quant(out_scale, out_zp))
    opt_type, opt = _options(g, depthwise)
    gr.op(OP.DEPTHWISE_CONV_2D if depthwise else OP.CONV_2D,
          _op_inputs(rng, ti, tf, tb, depthwise), [to], opt_type, opt)
    desc = _desc(g, depthwise) + " " + common_desc(
        per_channel=per_channel, in_scale=in_scale, in_zp=in_zp, out_scale=out_scale,
        out_zp=out_zp, w_scale0=float(w_scales[0]))
    return Case(gr.finish([ti], [to]), [x], desc)


def build_float(rng, g, depthwise, x, w, bias):
    in_shape, f_shape, out_shape, _, _ = _shapes(g, depthwise)

    def model(b, inputs_rng):
        gr = Graph()
        ti = gr.tensor("input", in_shape, TT.FLOAT32)
        tf = gr.const("filter", w, TT.FLOAT32)
        tb = gr.const("bias", b, TT.FLOAT32) if b is not None else None
        to = gr.tensor("output", out_shape, TT.FLOAT32)
        opt_type, opt = _options(g, depthwise)
        gr.op(OP.DEPTHWISE_CONV_2D if depthwise else OP.CONV_2D,
              _op_inputs(inputs_rng, ti, tf, tb, depthwise), [to], opt_type, opt)
        return gr.finish([ti], [to])

    case = Case(model(bias, rng), [x], _desc(g, depthwise))
    if bias is None and not depthwise:
        # LiteRT's float CONV_2D refuses a missing bias (conv.cc: has_bias);
        # an all-zero bias adds exactly 0.0f after the sum.
        case.oracle_model = model(np.zeros(g["oc"], np.float32), rng)
    return case


def draw_int8(rng, depthwise, w4=False):
    g = geometry(rng, depthwise)
    in_shape, f_shape, _, _, depth = _shapes(g, depthwise)
    x = rand_int8(rng, in_shape)
    w = rand_weights_int4(rng, f_shape) if w4 else rand_weights_int8(rng, f_shape)
    in_scale = log_uniform(rng, -3, 0)
    in_zp = rand_zp(rng)
    per_channel = bool(rng.random() < 0.8)
    base = log_uniform(rng, -3, -0.5)
    if per_channel:
        w_scales = list(base * 10.0 ** rng.uniform(-0.5, 0.5, size=g["oc"]))
    else:
        w_scales = [base]
    out_scale = pick_output_scale(rng, in_scale, w_scales, x.astype(np.int32) - in_zp, w, depth)
    out_zp = rand_zp(rng)
    bias = rand_bias_int32(rng, g["oc"], depth) if g["has_bias"] else None
    return build_int8(rng, g, depthwise, x, w, in_scale, in_zp, w_scales, per_channel,
                      out_scale, out_zp, bias, w4)


def rand_weights_int4(rng, shape):
    """Packed int4 weights: [-8, 7], sometimes a smaller magnitude."""
    mag = int(rng.choice([8, 8, 4, 1]))
    return rng.integers(-mag, min(mag, 7) + 1, size=shape, dtype=np.int64).astype(np.int8)


def draw_float(rng, depthwise):
    g = geometry(rng, depthwise)
    in_shape, f_shape, _, _, _ = _shapes(g, depthwise)
    x = rand_float(rng, in_shape)
    w = rand_float(rng, f_shape, 0.5)
    bias = rand_float(rng, [g["oc"]]) if g["has_bias"] else None
    return build_float(rng, g, depthwise, x, w, bias)


def edge_int8(rng, g, depthwise, per_channel, in_zp=None, out_zp=None, gain=None, w4=False):
    """tests/kernels' fixed cases: uniform zero points over the whole range,
    an output scale from the accumulator's spread times a gain."""
    in_shape, f_shape, _, _, taps = _shapes(g, depthwise)
    in_scale = f32(rng.uniform(0.005, 0.1))
    in_zp = int(rng.integers(-128, 128)) if in_zp is None else in_zp
    out_zp = int(rng.integers(-128, 128)) if out_zp is None else out_zp
    w_scales = [f32(s) for s in rng.uniform(0.001, 0.03, size=g["oc"] if per_channel else 1)]
    gain = rng.uniform(0.3, 3.0) if gain is None else gain
    out_scale = f32(in_scale * float(np.mean(w_scales)) * math.sqrt(taps) * 60.0 * 70.0 / 128.0
                    * gain)
    x = rand_i8_uniform(rng, in_shape)
    w = rand_i8_uniform(rng, f_shape, -8, 7) if w4 else rand_i8_uniform(rng, f_shape, -127, 127)
    if w4:  # keep the output spread of the int8 cases
        w_scales = [f32(s * 16.0) for s in w_scales]
    bias = rng.integers(-6000, 6000, size=g["oc"]).astype(np.int32) if g["has_bias"] else None
    return build_int8(rng, g, depthwise, x, w, in_scale, in_zp, w_scales, per_channel,
                      out_scale, out_zp, bias, w4)


def edge_float(rng, g, depthwise):
    in_shape, f_shape, _, _, _ = _shapes(g, depthwise)
    scale = 10.0 if g["act"] == ACT.RELU6 else 4.0  # large enough to reach the clamps
    x = rand_float_uniform(rng, in_shape, scale)
    w = rand_float_uniform(rng, f_shape)
    bias = rand_float_uniform(rng, [g["oc"]]) if g["has_bias"] else None
    return build_float(rng, g, depthwise, x, w, bias)


def make_edges(dtype, depthwise):
    """Fixed cases, each a function of its own rng."""
    out = []
    if dtype == "int8_w4":
        for i in range(len(_EDGE_GEOMETRIES)):
            g = edge_geometry(i, depthwise)
            out.append(lambda rng, g=g, i=i: edge_int8(rng, g, depthwise, i % 4 != 3, w4=True))
        # Odd element counts: the last byte holds one weight.
        g = finish_geometry(1, 4, 4, 1, 3 if depthwise else 1, 3, 3, 3, 1, 1, 1, 1, PAD.VALID,
                            ACT.NONE, True)
        out.append(lambda rng: edge_int8(rng, g, depthwise, True, w4=True))
        return out
    for i in range(len(_EDGE_GEOMETRIES)):
        g = edge_geometry(i, depthwise)
        if dtype == "int8":
            out.append(lambda rng, g=g, i=i: edge_int8(rng, g, depthwise, i % 4 != 3))
        else:
            out.append(lambda rng, g=g: edge_float(rng, g, depthwise))
    if dtype == "int8":
        # Zero points at the ends of the range, heavy saturation both ways.
        mult = 2 if depthwise else 1
        g1 = finish_geometry(1, 5, 5, 3, 3 * mult if depthwise else 2, mult, 3, 3, 1, 1, 1, 1,
                             PAD.SAME, ACT.NONE, True)
        g2 = dict(g1, act=ACT.RELU6)
        out.append(lambda rng: edge_int8(rng, g1, depthwise, True, -128, 127, 0.05))
        out.append(lambda rng: edge_int8(rng, g2, depthwise, True, 127, -128, 20.0))
    return out


# ---- int16 activations, int8 weights (16x8) --------------------------------

def build_int16(rng, g, depthwise, x, w, in_scale, w_scales, per_channel, out_scale, bias):
    """The 16x8 model: zero points 0; bias None, int32 or int64 (its dtype)."""
    in_shape, f_shape, out_shape, qdim, _ = _shapes(g, depthwise)
    oc = g["oc"]
    gr = Graph()
    ti = gr.tensor("input", in_shape, TT.INT16, quant(in_scale, 0))
    wq = quant(w_scales, [0] * oc, qdim) if per_channel else quant(w_scales[0], 0, qdim)
    tf = gr.const("filter", w, TT.INT8, wq)
    tb = None
    if bias is not None:
        if per_channel:
            bq = quant([in_scale * s for s in w_scales], [0] * oc, 0)
        else:
            bq = quant(float(np.float64(in_scale) * np.float64(w_scales[0])), 0)
        tb = gr.const("bias", bias, TT.INT64 if bias.dtype == np.int64 else TT.INT32, bq)
    to = gr.tensor("output", out_shape, TT.INT16, quant(out_scale, 0))
    opt_type, opt = _options(g, depthwise)
    gr.op(OP.DEPTHWISE_CONV_2D if depthwise else OP.CONV_2D,
          _op_inputs(rng, ti, tf, tb, depthwise), [to], opt_type, opt)
    desc = _desc(g, depthwise) + " " + common_desc(
        per_channel=per_channel, bias_type=str(bias.dtype) if bias is not None else "none",
        in_scale=in_scale, out_scale=out_scale, w_scale0=float(w_scales[0]))
    return Case(gr.finish([ti], [to]), [x], desc)


def _bias_int16(rng, g, depthwise, depth):
    """CONV_2D: int32 or int64 bias (TFLM's two accumulators; no bias takes the
    int64 one); DEPTHWISE_CONV_2D: int64."""
    if not g["has_bias"]:
        return None
    if not depthwise and rng.random() < 0.4:
        return rand_bias_int32(rng, g["oc"], depth) * np.int32(64)
    return rand_bias_int64(rng, g["oc"], depth)


def draw_int16(rng, depthwise):
    g = geometry(rng, depthwise)
    in_shape, f_shape, _, _, depth = _shapes(g, depthwise)
    x = rand_int16(rng, in_shape)
    w = rand_weights_int8(rng, f_shape)
    in_scale = log_uniform(rng, -5, -2)
    per_channel = bool(rng.random() < 0.8)
    base = log_uniform(rng, -3, -0.5)
    if per_channel:
        w_scales = list(base * 10.0 ** rng.uniform(-0.5, 0.5, size=g["oc"]))
    else:
        w_scales = [base]
    out_scale = pick_output_scale(rng, in_scale, w_scales, x.astype(np.int32), w, depth) / 256.0
    bias = _bias_int16(rng, g, depthwise, depth)
    return build_int16(rng, g, depthwise, x, w, in_scale, w_scales, per_channel, out_scale, bias)


def edge_int16(rng, g, depthwise, per_channel, gain=None, bias_kind=None):
    """Full-range inputs and weights; bias_kind 'int32' / 'int64' / None (none)."""
    in_shape, f_shape, _, _, taps = _shapes(g, depthwise)
    in_scale = f32(rng.uniform(0.0001, 0.001))
    w_scales = [f32(s) for s in rng.uniform(0.001, 0.03, size=g["oc"] if per_channel else 1)]
    gain = rng.uniform(0.3, 3.0) if gain is None else gain
    out_scale = f32(in_scale * float(np.mean(w_scales)) * math.sqrt(taps) * 18000.0 * 70.0
                    / 32768.0 * gain)
    x = rng.integers(-32768, 32768, size=in_shape).astype(np.int16)
    w = rand_i8_uniform(rng, f_shape, -127, 127)
    bias = None
    if bias_kind == "int32":
        bias = rng.integers(-2000000, 2000000, size=g["oc"]).astype(np.int32)
    elif bias_kind == "int64":
        bias = rng.integers(-(1 << 33), 1 << 33, size=g["oc"]).astype(np.int64)
    return build_int16(rng, g, depthwise, x, w, in_scale, w_scales, per_channel, out_scale, bias)


def make_edges_int16(depthwise):
    out = []
    kinds = ["int64", None] if depthwise else ["int32", "int64", None]
    for i in range(len(_EDGE_GEOMETRIES)):
        g = edge_geometry(i, depthwise)
        kind = kinds[i % len(kinds)]
        g = dict(g, has_bias=kind is not None)
        out.append(lambda rng, g=g, i=i, k=kind: edge_int16(rng, g, depthwise, i % 4 != 3,
                                                          bias_kind=k))
    mult = 2 if depthwise else 1
    g1 = finish_geometry(1, 5, 5, 3, 3 * mult if depthwise else 2, mult, 3, 3, 1, 1, 1, 1,
                         PAD.SAME, ACT.NONE, True)
    g2 = dict(g1, act=ACT.RELU6)
    # Heavy saturation both ways, and a tiny output scale (positive shifts).
    out.append(lambda rng: edge_int16(rng, g1, depthwise, True, 0.01, "int64"))
    out.append(lambda rng: edge_int16(rng, g2, depthwise, True, 50.0, "int64"))
    if not depthwise:
        out.append(lambda rng: edge_int16(rng, g1, depthwise, True, 0.02, "int32"))
        out.append(lambda rng: edge_int16(rng, dict(g1, has_bias=False), depthwise, False,
                                          0.05, None))
    return out


def draw(rng, dtype):
    if dtype == "float32_hybrid":
        import spec_hybrid
        return spec_hybrid.draw_conv(rng, False)
    if dtype == "int8_w4":
        return draw_int8(rng, False, True)
    if dtype == "int16":
        return draw_int16(rng, False)
    return draw_int8(rng, False) if dtype == "int8" else draw_float(rng, False)


def edges(dtype):
    if dtype == "float32_hybrid":
        import spec_hybrid
        return spec_hybrid.edges_conv(False)
    return make_edges_int16(False) if dtype == "int16" else make_edges(dtype, False)
