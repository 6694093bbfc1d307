"""AVERAGE_POOL_2D test spec (and the shared builder of spec_max_pool_2d.py).

Random draws: batch 1-2, 1-12 x 1-12 inputs, 1-9 channels, 1-4 x 1-4
filters, strides 1-3, SAME and VALID, every fused activation, scales and
zero points over the int8 range. Edge cases: fixed geometries with odd SAME
padding totals, filters as large as the input, stride equal to the filter.
"""

import numpy as np

from draws import (Case, Invalid, common_desc, conv_out_size, f32, log_uniform, rand_act,
                   rand_float, rand_float_uniform, rand_i8_uniform, rand_int8, rand_int16,
                   rand_zp)
from tflite_builder import ACT, ACT_NAMES, OP, OPT, PAD, PAD_NAMES, TT, Graph, quant, schema

OPERATOR = "AVERAGE_POOL_2D"
KERNELS = {"int8": "AVERAGE_POOL_2D_S8", "int16": "AVERAGE_POOL_2D_S16",
           "float32": "AVERAGE_POOL_2D_F32"}

_EDGE_ACTS = [ACT.NONE, ACT.RELU, ACT.RELU_N1_TO_1, ACT.RELU6]
# n h w c fh fw sh sw same
_EDGE_GEOMETRIES = [(1, 6, 6, 3, 4, 4, 1, 1, True), (1, 7, 7, 2, 3, 3, 2, 2, True),
                    (2, 5, 8, 3, 2, 3, 2, 3, True), (1, 9, 9, 1, 3, 3, 3, 3, False),
                    (1, 4, 4, 5, 4, 4, 1, 1, False), (1, 5, 5, 2, 5, 5, 2, 2, True)]


def _finish(n, h, w, c, fh, fw, sh, sw, padding, act):
    oh = conv_out_size(h, fh, sh, 1, padding)
    ow = conv_out_size(w, fw, sw, 1, padding)
    if oh <= 0 or ow <= 0:
        raise Invalid("output size <= 0")
    return dict(n=n, h=h, w=w, c=c, fh=fh, fw=fw, sh=sh, sw=sw, padding=padding, oh=oh,
                ow=ow, act=act)


def _geometry(rng):
    n = int(rng.integers(1, 3))
    h, w, c = int(rng.integers(1, 13)), int(rng.integers(1, 13)), int(rng.integers(1, 10))
    fh, fw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    sh, sw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    padding = PAD.SAME if rng.random() < 0.5 else PAD.VALID
    return _finish(n, h, w, c, fh, fw, sh, sw, padding, rand_act(rng))


def _model(g, code, ttype, q):
    in_shape = [g["n"], g["h"], g["w"], g["c"]]
    out_shape = [g["n"], g["oh"], g["ow"], g["c"]]
    gr = Graph()
    ti = gr.tensor("input", in_shape, ttype, q)
    to = gr.tensor("output", out_shape, ttype, q)
    o = schema.Pool2DOptionsT()
    o.padding = g["padding"]
    o.strideH, o.strideW = g["sh"], g["sw"]
    o.filterHeight, o.filterWidth = g["fh"], g["fw"]
    o.fusedActivationFunction = g["act"]
    gr.op(code, [ti], [to], OPT.Pool2DOptions, o)
    desc = common_desc(**{k: g[k] for k in ["n", "h", "w", "c", "fh", "fw", "sh", "sw"]},
                       padding=PAD_NAMES[g["padding"]], act=ACT_NAMES[g["act"]])
    return gr.finish([ti], [to]), in_shape, desc


def _int8(g, code, x_fn, scale, zp):
    model, in_shape, desc = _model(g, code, TT.INT8, quant(scale, zp))
    return Case(model, [x_fn(in_shape)], desc + " " + common_desc(scale=scale, zp=zp))


def _int16(g, code, x_fn, scale):
    """int16 pools: zero point 0, input and output share the scale."""
    model, in_shape, desc = _model(g, code, TT.INT16, quant(scale, 0))
    return Case(model, [x_fn(in_shape)], desc + " " + common_desc(scale=scale))


def _float(g, code, x_fn):
    model, in_shape, desc = _model(g, code, TT.FLOAT32, None)
    return Case(model, [x_fn(in_shape)], desc)


def draw_pool(rng, dtype, code):
    if dtype == "int8":
        scale, zp = log_uniform(rng, -3, 0), rand_zp(rng)
        return _int8(_geometry(rng), code, lambda s: rand_int8(rng, s), scale, zp)
    if dtype == "int16":
        # Scales from 2^-15 (RELU6 / RELU_N1_TO_1 clamp inside the range) up.
        scale = log_uniform(rng, -5, -1)
        return _int16(_geometry(rng), code, lambda s: rand_int16(rng, s), scale)
    return _float(_geometry(rng), code, lambda s: rand_float(rng, s))


def pool_edges(dtype, code):
    out = []
    for i, (n, h, w, c, fh, fw, sh, sw, same) in enumerate(_EDGE_GEOMETRIES):
        g = _finish(n, h, w, c, fh, fw, sh, sw, PAD.SAME if same else PAD.VALID,
                    _EDGE_ACTS[i % 4])
        if dtype == "int8":
            out.append(lambda rng, g=g: _int8(g, code, lambda s: rand_i8_uniform(rng, s),
                                              f32(rng.uniform(0.01, 0.1)),
                                              int(rng.integers(-128, 128))))
        elif dtype == "int16":
            out.append(lambda rng, g=g: _int16(
                g, code, lambda s: rng.integers(-32768, 32768, size=s).astype(np.int16),
                f32(rng.uniform(0.00005, 0.0005))))
        else:
            scale = 10.0 if g["act"] == ACT.RELU6 else 8.0  # reach the clamps
            out.append(lambda rng, g=g, sc=scale: _float(
                g, code, lambda s: rand_float_uniform(rng, s, sc)))
    return out


def draw(rng, dtype):
    return draw_pool(rng, dtype, OP.AVERAGE_POOL_2D)


def edges(dtype):
    return pool_edges(dtype, OP.AVERAGE_POOL_2D)
