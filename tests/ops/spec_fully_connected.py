"""FULLY_CONNECTED test spec.

Random draws: input rank 2-4 (batches from the leading dimensions), depth
1-32 (or the last two dimensions flattened without keep_num_dims), 1-16
outputs, keep_num_dims both ways, per-tensor and per-channel weights, bias
present / omitted / index -1, every fused activation. Edge cases: every
(weights quantization, bias, activation) combination, long rows (depth
300-560, where low multiplier bits show), per-tensor cases whose outputs
depend on whether input_scale * filter_scale is formed in double or float,
and dimensions above 65535 (65537 rows; depth 65536).
"""

import math

import numpy as np

from draws import (Case, common_desc, f32, log_uniform, pick_output_scale, rand_act,
                   rand_bias_int32, rand_bias_int64, rand_float, rand_float_uniform,
                   rand_i8_uniform, rand_int8, rand_int16, rand_weights_int8, rand_zp)
from tflite_builder import ACT, ACT_NAMES, OP, OPT, TT, Graph, quant, schema

OPERATOR = "FULLY_CONNECTED"
KERNELS = {"int8": "FULLY_CONNECTED_S8", "int16": "FULLY_CONNECTED_S16",
           "float32": "FULLY_CONNECTED_F32"}
# int8 activations with packed int4 weights (gen_cases.py EXTRA_KERNELS).
EXTRA_KERNELS = {"int8_w4": "FULLY_CONNECTED_S8_I4", "float32_hybrid": "FULLY_CONNECTED_HYBRID"}
_ACTS = [ACT.NONE, ACT.RELU, ACT.RELU_N1_TO_1, ACT.RELU6]


def _geometry(rng):
    rank = int(rng.integers(2, 5))
    shape = [int(rng.integers(1, 5)) for _ in range(rank - 1)] + [int(rng.integers(1, 33))]
    keep = bool(rng.random() < 0.5)
    depth = shape[-1]
    # Without keep_num_dims TFLite flattens the input to [numel / depth, depth],
    # so depth may span the last two dimensions.
    if not keep and rank >= 3 and rng.random() < 0.25:
        depth = shape[-1] * shape[-2]
    oc = int(rng.integers(1, 17))
    return _finish(shape, depth, oc, keep, rand_act(rng), bool(rng.random() < 0.75))


def _finish(shape, depth, oc, keep, act, has_bias):
    numel = int(np.prod(shape))
    out_shape = shape[:-1] + [oc] if keep else [numel // depth, oc]
    return dict(shape=shape, depth=depth, oc=oc, keep=keep, out_shape=out_shape, act=act,
                has_bias=has_bias)


def _options(g):
    o = schema.FullyConnectedOptionsT()
    o.fusedActivationFunction = g["act"]
    o.keepNumDims = g["keep"]
    return OPT.FullyConnectedOptions, o


def _inputs(rng, ti, tw, tb):
    if tb is not None:
        return [ti, tw, tb]
    return [ti, tw] if rng.random() < 0.5 else [ti, tw, -1]


def _desc(g):
    return common_desc(in_shape=list(g["shape"]), depth=g["depth"], oc=g["oc"],
                       keep_num_dims=g["keep"], act=ACT_NAMES[g["act"]], bias=g["has_bias"])


def build_int8(rng, g, x, w, in_scale, in_zp, w_scales, per_channel, out_scale, out_zp, bias,
               bias_scale_f64=False, w4=False):
    gr = Graph()
    ti = gr.tensor("input", g["shape"], TT.INT8, quant(in_scale, in_zp))
    if per_channel:
        wq = quant(w_scales, [0] * g["oc"], 0)
    else:
        wq = quant(w_scales[0], 0)
    tw = gr.const_int4("weights", w, wq) if w4 else gr.const("weights", w, TT.INT8, wq)
    tb = None
    if bias is not None:
        if per_channel:
            bs = [in_scale * s for s in w_scales]
            bq = quant(bs, [0] * len(bs), 0)
        else:
            # TFLM checks bias_scale against input_scale * filter_scale.
            bq = quant(float(np.float64(in_scale) * np.float64(w_scales[0])), 0)
        tb = gr.const("bias", bias, TT.INT32, bq)
    to = gr.tensor("output", g["out_shape"], TT.INT8, quant(out_scale, out_zp))
    opt_type, opt = _options(g)
    gr.op(OP.FULLY_CONNECTED, _inputs(rng, ti, tw, tb), [to], opt_type, opt)
    desc = _desc(g) + " " + common_desc(per_channel=per_channel, in_scale=in_scale,
                                        in_zp=in_zp, out_scale=out_scale, out_zp=out_zp)
    return Case(gr.finish([ti], [to]), [x], desc)


def build_float(rng, g, x, w, bias):
    gr = Graph()
    ti = gr.tensor("input", g["shape"], TT.FLOAT32)
    tw = gr.const("weights", w, TT.FLOAT32)
    tb = gr.const("bias", bias, TT.FLOAT32) if bias is not None else None
    to = gr.tensor("output", g["out_shape"], TT.FLOAT32)
    opt_type, opt = _options(g)
    gr.op(OP.FULLY_CONNECTED, _inputs(rng, ti, tw, tb), [to], opt_type, opt)
    return Case(gr.finish([ti], [to]), [x], _desc(g))


def draw_int8(rng, w4=False):
    g = _geometry(rng)
    # TFLM refuses per-channel int4 FULLY_CONNECTED (mote runs it).
    per_channel = bool(rng.random() < 0.5) and not w4
    x = rand_int8(rng, g["shape"])
    if w4:
        w = rng.integers(-8, 8, size=[g["oc"], g["depth"]]).astype(np.int8)
    else:
        w = rand_weights_int8(rng, [g["oc"], g["depth"]])
    in_scale, in_zp = log_uniform(rng, -3, 0), rand_zp(rng)
    base = log_uniform(rng, -3, -0.5)
    if per_channel:
        w_scales = list(base * 10.0 ** rng.uniform(-0.5, 0.5, size=g["oc"]))
    else:
        w_scales = [base]
    out_scale = pick_output_scale(rng, in_scale, w_scales, x.astype(np.int32) - in_zp, w,
                                  g["depth"])
    out_zp = rand_zp(rng)
    bias = rand_bias_int32(rng, g["oc"], g["depth"]) if g["has_bias"] else None
    return build_int8(rng, g, x, w, in_scale, in_zp, w_scales, per_channel, out_scale, out_zp,
                      bias, w4=w4)


def draw_float(rng):
    g = _geometry(rng)
    x = rand_float(rng, g["shape"])
    w = rand_float(rng, [g["oc"], g["depth"]], 0.5)
    bias = rand_float(rng, [g["oc"]]) if g["has_bias"] else None
    return build_float(rng, g, x, w, bias)


def _edge_int8(rng, batches, depth, oc, act, has_bias, per_channel, gain=None, w4=False):
    """tests/kernels' fixed cases: 2-D input, uniform zero points."""
    g = _finish([batches, depth], depth, oc, False, act, has_bias)
    in_scale = f32(rng.uniform(0.005, 0.1))
    in_zp = int(rng.integers(-128, 128))
    out_zp = int(rng.integers(-128, 128))
    w_scales = [f32(s) for s in rng.uniform(0.001, 0.03, size=oc if per_channel else 1)]
    gain = rng.uniform(0.3, 3.0) if gain is None else gain
    out_scale = f32(in_scale * float(np.mean(w_scales)) * math.sqrt(depth) * 60.0 * 70.0
                    / 128.0 * gain)
    x = rand_i8_uniform(rng, (batches, depth))
    w = rand_i8_uniform(rng, (oc, depth), -8, 7) if w4 else rand_i8_uniform(rng, (oc, depth),
                                                                            -127, 127)
    if w4:  # keep the output spread of the int8 cases
        w_scales = [f32(s * 16.0) for s in w_scales]
    bias = rng.integers(-20000, 20000, size=oc).astype(np.int32) if has_bias else None
    return build_int8(rng, g, x, w, in_scale, in_zp, w_scales, per_channel, out_scale, out_zp,
                      bias, w4=w4)


# Search helpers for the multiplier cases only: a Python model of the
# requantization picks accumulators where a float-product multiplier and a
# double-product one disagree. The expected bytes still come from TFLM.

def _quantize_multiplier(real):
    q, e = math.frexp(real)
    qf = int(math.floor(abs(q) * 2.0 ** 31 + 0.5)) * (1 if q >= 0 else -1)
    if qf == 1 << 31:
        qf //= 2
        e += 1
    return (0, 0) if e < -31 else (qf, e)


def _requantize(acc, m, shift):
    x = acc << shift if shift > 0 else acc
    ab = x * m
    nudge = (1 << 30) if ab >= 0 else 1 - (1 << 30)
    hi = abs(ab + nudge) >> 31
    hi = hi if ab + nudge >= 0 else -hi
    e = -shift if shift < 0 else 0
    mask = (1 << e) - 1
    rem, thr = hi & mask, (mask >> 1) + (1 if hi < 0 else 0)
    return (hi >> e) + (1 if rem > thr else 0)


def _edge_multiplier(rng):
    """Per-tensor FC whose outputs depend on whether input_scale *
    filter_scale is formed in double (PopulateConvolutionQuantizationParams)
    or in float (older GetQuantizedConvolutionMultipler): TFLM decides which
    is right. Input 0 with zero point 0 and zero weights make each channel's
    accumulator its bias."""
    while True:
        in_s, f_s = f32(rng.uniform(0.01, 0.1)), f32(rng.uniform(0.001, 0.01))
        out_s = f32(in_s * f_s * 2.0 ** 20 * rng.uniform(1.0, 2.0))
        real_d = in_s * f_s / out_s
        real_f = float(np.float32(np.float32(in_s) * np.float32(f_s))) / out_s
        md, mf = _quantize_multiplier(real_d), _quantize_multiplier(real_f)
        if md == mf:
            continue
        accs = []
        for k in list(range(-120, -60)) + list(range(60, 120)):
            centre = int(round((k + 0.5) / real_f))
            for acc in range(centre - 40, centre + 41):
                if _requantize(acc, *mf) != _requantize(acc, *md):
                    accs.append(acc)
        if accs:
            break
    accs = [int(a) for a in rng.permutation(accs)[:16]]
    oc = len(accs)
    g = _finish([1, 1], 1, oc, False, ACT.NONE, True)
    gr = Graph()
    ti = gr.tensor("input", [1, 1], TT.INT8, quant(in_s, 0))
    tw = gr.const("weights", np.zeros((oc, 1), np.int8), TT.INT8, quant(f_s, 0))
    tb = gr.const("bias", np.array(accs, np.int32), TT.INT32,
                  quant(float(np.float64(in_s) * np.float64(f_s)), 0))
    to = gr.tensor("output", [1, oc], TT.INT8, quant(out_s, 0))
    opt_type, opt = _options(g)
    gr.op(OP.FULLY_CONNECTED, [ti, tw, tb], [to], opt_type, opt)
    desc = "multiplier edge: " + common_desc(oc=oc, in_scale=in_s, w_scale=f_s, out_scale=out_s)
    return Case(gr.finish([ti], [to]), [np.zeros((1, 1), np.int8)], desc)


def _edge_float(rng, batches, depth, oc, act, has_bias):
    g = _finish([batches, depth], depth, oc, False, act, has_bias)
    scale = 10.0 if act == ACT.RELU6 else 3.0  # large enough to reach the clamps
    x = rand_float_uniform(rng, (batches, depth), scale)
    w = rand_float_uniform(rng, (oc, depth))
    bias = rand_float_uniform(rng, (oc,)) if has_bias else None
    return build_float(rng, g, x, w, bias)


# ---- int16 activations, int8 weights (16x8): int64 bias, zero points 0 ----

def build_int16(rng, g, x, w, in_scale, w_scales, per_channel, out_scale, bias):
    gr = Graph()
    ti = gr.tensor("input", g["shape"], TT.INT16, quant(in_scale, 0))
    wq = quant(w_scales, [0] * g["oc"], 0) if per_channel else quant(w_scales[0], 0)
    tw = gr.const("weights", w, TT.INT8, wq)
    tb = None
    if bias is not None:
        if per_channel:
            bs = [in_scale * s for s in w_scales]
            bq = quant(bs, [0] * len(bs), 0)
        else:
            bq = quant(float(np.float64(in_scale) * np.float64(w_scales[0])), 0)
        tb = gr.const("bias", bias, TT.INT64, bq)
    to = gr.tensor("output", g["out_shape"], TT.INT16, quant(out_scale, 0))
    opt_type, opt = _options(g)
    gr.op(OP.FULLY_CONNECTED, _inputs(rng, ti, tw, tb), [to], opt_type, opt)
    desc = _desc(g) + " " + common_desc(per_channel=per_channel, in_scale=in_scale,
                                        out_scale=out_scale)
    return Case(gr.finish([ti], [to]), [x], desc)


def draw_int16(rng):
    g = _geometry(rng)
    per_channel = bool(rng.random() < 0.5)
    x = rand_int16(rng, g["shape"])
    w = rand_weights_int8(rng, [g["oc"], g["depth"]])
    in_scale = log_uniform(rng, -5, -2)
    base = log_uniform(rng, -3, -0.5)
    if per_channel:
        w_scales = list(base * 10.0 ** rng.uniform(-0.5, 0.5, size=g["oc"]))
    else:
        w_scales = [base]
    out_scale = pick_output_scale(rng, in_scale, w_scales, x.astype(np.int32), w,
                                  g["depth"]) / 256.0
    bias = rand_bias_int64(rng, g["oc"], g["depth"]) if g["has_bias"] else None
    return build_int16(rng, g, x, w, in_scale, w_scales, per_channel, out_scale, bias)


def _edge_int16(rng, batches, depth, oc, act, has_bias, per_channel, gain=None):
    g = _finish([batches, depth], depth, oc, False, act, has_bias)
    in_scale = f32(rng.uniform(0.0001, 0.001))
    w_scales = [f32(s) for s in rng.uniform(0.001, 0.03, size=oc if per_channel else 1)]
    gain = rng.uniform(0.3, 3.0) if gain is None else gain
    out_scale = f32(in_scale * float(np.mean(w_scales)) * math.sqrt(depth) * 18000.0 * 70.0
                    / 32768.0 * gain)
    x = rng.integers(-32768, 32768, size=(batches, depth)).astype(np.int16)
    w = rand_i8_uniform(rng, (oc, depth), -127, 127)
    bias = rng.integers(-(1 << 33), 1 << 33, size=oc).astype(np.int64) if has_bias else None
    return build_int16(rng, g, x, w, in_scale, w_scales, per_channel, out_scale, bias)


def draw(rng, dtype):
    if dtype == "float32_hybrid":
        import spec_hybrid
        return spec_hybrid.draw_fc(rng)
    if dtype == "int8_w4":
        return draw_int8(rng, w4=True)
    if dtype == "int16":
        return draw_int16(rng)
    return draw_int8(rng) if dtype == "int8" else draw_float(rng)


def edges(dtype):
    if dtype == "float32_hybrid":
        import spec_hybrid
        return spec_hybrid.edges_fc()
    out = []
    if dtype == "int8_w4":
        for k in range(12):  # odd and even weight counts, both quantizations
            out.append(lambda rng, k=k: _edge_int8(
                rng, 1 + k % 3, [1, 3, 7, 16, 33, 301][k % 6], 1 + (k * 5) % 11, _ACTS[k % 4],
                bool(k & 1), False, w4=True))
        out += _edges_wide(w4=True)
        return out
    for per_channel in (False, True):
        for has_bias in (False, True):
            for act in _ACTS:
                if dtype == "int8":
                    out.append(lambda rng, a=act, b=has_bias, p=per_channel: _edge_int8(
                        rng, int(rng.integers(1, 4)), int(rng.integers(1, 40)),
                        int(rng.integers(1, 12)), a, b, p))
                elif dtype == "int16":
                    out.append(lambda rng, a=act, b=has_bias, p=per_channel: _edge_int16(
                        rng, int(rng.integers(1, 4)), int(rng.integers(1, 40)),
                        int(rng.integers(1, 12)), a, b, p))
                elif per_channel:
                    out.append(lambda rng, a=act, b=has_bias: _edge_float(
                        rng, int(rng.integers(1, 4)), int(rng.integers(1, 40)),
                        int(rng.integers(1, 12)), a, b))
    for k in range(8):  # long rows: large accumulators expose low-bit differences
        if dtype == "int8":
            out.append(lambda rng, k=k: _edge_int8(rng, 3, 300 + 37 * k, 9, ACT.NONE,
                                                   bool(k & 1), bool(k & 2),
                                                   rng.uniform(0.05, 0.5)))
        elif dtype == "int16":
            out.append(lambda rng, k=k: _edge_int16(rng, 3, 300 + 37 * k, 9, ACT.NONE,
                                                    bool(k & 1), bool(k & 2),
                                                    rng.uniform(0.05, 0.5)))
        else:
            out.append(lambda rng, k=k: _edge_float(rng, 3, 300 + 37 * k, 9, ACT.NONE,
                                                    bool(k & 1)))
    if dtype == "int8":
        out += [_edge_multiplier] * 4
    if dtype == "int8":
        out += _edges_wide(w4=False)
    return out


def _edges_wide(w4):
    """Dimensions above 65535: mote's block keeps them as int32 words after
    its 16-bit fields (MOTE_FC_WIDE, include/mote/kernels.h). TFLM refuses
    per-channel int4 weights, so those stay per-tensor."""
    return [lambda rng: _edge_int8(rng, 65537, 2, 3, ACT.RELU, True, False, w4=w4),
            lambda rng: _edge_int8(rng, 1, 65536, 2, ACT.NONE, False, not w4, w4=w4)]
