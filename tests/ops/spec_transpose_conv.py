"""TRANSPOSE_CONV test spec: input [n, h, w, in_c] with strides 1-3, filters
1-5 square or not, SAME and VALID (output sizes as the converter writes
them: in * stride, or (in - 1) * stride + k), optional bias, fused
activations; int8 with per-channel or per-tensor weights and int32 bias,
int16 with int8 weights and int64 (now and then int16) bias, float32."""

import numpy as np

from draws import Case, common_desc, log_uniform, rand_act, rand_float, rand_weights_int8, rand_zp
from spec_reduce import rand_input
from tflite_builder import ACT, OP, OPT, PAD, TT, Graph, quant, schema

OPERATOR = "TRANSPOSE_CONV"
KERNELS = {"int8": "TRANSPOSE_CONV_S8", "int16": "TRANSPOSE_CONV_S16",
           "float32": "TRANSPOSE_CONV_F32"}


def out_size(n, k, s, pad):
    return n * s if pad == PAD.SAME else (n - 1) * s + k


def pads(out, k, s, pad):
    o = (out + s - 1) // s if pad == PAD.SAME else (out - k + s) // s
    return max((o - 1) * s + k - out, 0) // 2


def reference(x, w, bias, sh, sw, pad, oshape):
    """Real-valued scatter (float64) for choosing the output scale."""
    n, h, wd, ci = x.shape
    co, kh, kw, _ = w.shape
    out = np.zeros(oshape, np.float64)
    ph, pw = pads(oshape[1], kh, sh, pad), pads(oshape[2], kw, sw, pad)
    for iy in range(h):
        for ix in range(wd):
            for fy in range(kh):
                for fx in range(kw):
                    oy, ox = iy * sh - ph + fy, ix * sw - pw + fx
                    if 0 <= oy < oshape[1] and 0 <= ox < oshape[2]:
                        out[:, oy, ox, :] += x[:, iy, ix, :] @ w[:, fy, fx, :].T
    return out + (0 if bias is None else bias)


def build(rng, dtype, n, h, wd, ci, co, kh, kw, sh, sw, pad, act, has_bias, per_channel=True,
          bias16=False, wild=False):
    oshape = [n, out_size(h, kh, sh, pad), out_size(wd, kw, sw, pad), co]
    g = Graph()
    ts = g.const("output_shape", np.array(oshape, np.int32), TT.INT32)
    desc = common_desc(input=[n, h, wd, ci], filter=[co, kh, kw, ci], stride=[sh, sw],
                       pad="SAME" if pad == PAD.SAME else "VALID", act=int(act),
                       bias=int(has_bias))
    if dtype == "float32":
        x = rand_float(rng, [n, h, wd, ci])
        w = rand_float(rng, [co, kh, kw, ci], 0.5)
        b = rand_float(rng, [co]) if has_bias else None
        tw = g.const("filter", w, TT.FLOAT32)
        ti = g.tensor("input", [n, h, wd, ci], TT.FLOAT32)
        tb = g.const("bias", b, TT.FLOAT32) if has_bias else None
        to = g.tensor("output", oshape, TT.FLOAT32)
    else:
        tt = TT.INT8 if dtype == "int8" else TT.INT16
        x = rand_input(rng, dtype, [n, h, wd, ci])
        w = rand_weights_int8(rng, [co, kh, kw, ci])
        if dtype == "int8":
            si, zi = float(np.float32(log_uniform(rng, -3, 0))), rand_zp(rng)
        else:
            si, zi = float(np.float32(log_uniform(rng, -5, -2))), 0
        ws = [float(np.float32(log_uniform(rng, -3, -1))) for _ in range(co if per_channel else 1)]
        wsv = np.array(ws if per_channel else ws * co)
        real_w = w.astype(np.float64) * wsv[:, None, None, None]
        b = None
        if has_bias:
            bs = si * wsv
            breal = rng.standard_normal(co) * float(np.std(x.astype(np.float64) - zi) + 1) * si * 8
            bq = np.round(breal / bs)
            b = bq.astype(np.int16 if bias16 else (np.int32 if dtype == "int8" else np.int64))
            if bias16:
                b = np.clip(bq, -32768, 32767).astype(np.int16)
        real = reference((x.astype(np.float64) - zi) * si, real_w,
                         None if b is None else b.astype(np.float64) * si * wsv, sh, sw, pad,
                         oshape)
        peak = float(np.max(np.abs(real))) or si
        qmax = 127 if dtype == "int8" else 32767
        zo = rand_zp(rng) if dtype == "int8" else 0
        f = log_uniform(rng, -2, 2) if wild else rng.uniform(0.4, 1.3)
        so = float(np.float32(peak / (max(qmax - abs(zo), 32) * f)))
        tw = g.const("filter", w, TT.INT8, quant(ws, [0] * len(ws), 0))
        ti = g.tensor("input", [n, h, wd, ci], tt, quant(si, zi))
        btt = TT.INT16 if bias16 else (TT.INT32 if dtype == "int8" else TT.INT64)
        tb = g.const("bias", b, btt, quant(list(si * wsv), [0] * co, 0)) if has_bias else None
        to = g.tensor("output", oshape, tt, quant(so, zo))
        desc += " " + common_desc(in_q=[si, zi], out_q=[so, zo], per_channel=int(per_channel))
    o = schema.TransposeConvOptionsT()
    o.padding, o.strideW, o.strideH = pad, sw, sh
    o.fusedActivationFunction = act
    ins = [ts, tw, ti] + ([tb] if has_bias else [])
    g.op(OP.TRANSPOSE_CONV, ins, [to], OPT.TransposeConvOptions, o)
    return Case(g.finish([ti], [to]), [x], desc)


def draw(rng, dtype):
    n = 1 if rng.random() < 0.8 else 2
    h, wd = int(rng.integers(1, 7)), int(rng.integers(1, 7))
    ci, co = int(rng.integers(1, 9)), int(rng.integers(1, 9))
    kh = int(rng.integers(1, 6))
    kw = kh if rng.random() < 0.6 else int(rng.integers(1, 6))
    sh = int(rng.integers(1, 4))
    sw = sh if rng.random() < 0.7 else int(rng.integers(1, 4))
    pad = PAD.SAME if rng.random() < 0.5 else PAD.VALID
    act = rand_act(rng) if rng.random() < 0.3 else ACT.NONE
    bias16 = dtype == "int16" and rng.random() < 0.2
    return build(rng, dtype, n, h, wd, ci, co, kh, kw, sh, sw, pad, act,
                 bool(rng.random() < 0.7), bool(rng.random() < 0.8), bias16,
                 bool(rng.random() < 0.1))


_EDGES = [  # n, h, w, ci, co, kh, kw, sh, sw, pad
    (1, 1, 1, 1, 1, 1, 1, 1, 1, PAD.VALID), (1, 4, 4, 3, 2, 3, 3, 2, 2, PAD.SAME),
    (1, 3, 5, 2, 4, 4, 2, 2, 1, PAD.VALID), (2, 2, 2, 8, 3, 5, 5, 3, 3, PAD.SAME),
    (1, 6, 6, 16, 8, 3, 3, 1, 1, PAD.SAME), (1, 7, 3, 4, 4, 2, 2, 2, 2, PAD.VALID),
]


def edges(dtype):
    out = [lambda rng, e=e: build(rng, dtype, *e, ACT.NONE, True) for e in _EDGES]
    out.append(lambda rng: build(rng, dtype, 1, 4, 4, 3, 5, 3, 3, 2, 2, PAD.SAME, ACT.RELU, False))
    out.append(lambda rng: build(rng, dtype, 1, 4, 4, 3, 5, 3, 3, 2, 2, PAD.SAME, ACT.RELU6, True,
                                 False))
    if dtype == "int16":
        out.append(lambda rng: build(rng, dtype, 1, 3, 3, 4, 2, 3, 3, 1, 1, PAD.SAME, ACT.NONE,
                                     True, True, True))
    return out
