"""SOFTMAX test spec.

Random draws: rank 1-4, depth 1, 2-40 or 41-300, beta 0.1-2, int8 input
scales 1e-4 to 5 with any zero point (output scale 1/256, zero point -128).
Edge cases: fixed (rows, depth, beta, scale) points, one element far above
the rest, both int8 extremes in one row, flat rows, tiny and large betas.
"""

import numpy as np

from draws import Case, common_desc, f32, log_uniform, rand_float, rand_float_uniform, rand_int8
from draws import rand_i8_uniform, rand_zp
from tflite_builder import OP, OPT, TT, Graph, quant, schema

OPERATOR = "SOFTMAX"
KERNELS = {"int8": "SOFTMAX_S8", "int16": "SOFTMAX_S16", "float32": "SOFTMAX_F32"}

# rows, depth, beta, input scale
_EDGE_POINTS = [
    (1, 10, 1.0, 0.1), (3, 10, 1.0, 0.0625), (2, 1, 1.0, 0.1), (4, 37, 1.0, 0.25),
    (2, 100, 1.0, 0.5), (2, 12, 2.0, 0.05), (2, 12, 0.5, 0.3), (1, 255, 1.0, 0.2),
    (2, 20, 1.0, 0.02), (1, 16, 1.0, 1.0), (1, 16, 1.0, 8.0), (2, 9, 0.25, 0.01),
]
_EDGE_FLOAT = [(1, 10, 1.0, 1.0), (2, 17, 0.00390625, 20.0), (4, 29, 3.0, 5.0),
               (2, 12, 1.7, 20.0), (1, 1, 1.0, 1.0), (3, 25, 0.1, 20.0)]


def _shape(rng):
    rank = int(rng.integers(1, 5))
    r = rng.random()
    if r < 0.1:
        depth = 1
    elif r < 0.8:
        depth = int(rng.integers(2, 41))
    else:
        depth = int(rng.integers(41, 301))
    return [int(rng.integers(1, 4)) for _ in range(rank - 1)] + [depth]


def _model(shape, ttype, qi, qo, beta):
    gr = Graph()
    ti = gr.tensor("input", shape, ttype, qi)
    to = gr.tensor("output", shape, ttype, qo)
    o = schema.SoftmaxOptionsT()
    o.beta = beta
    gr.op(OP.SOFTMAX, [ti], [to], OPT.SoftmaxOptions, o)
    return gr.finish([ti], [to])


def _int8(x, beta, scale, zp):
    shape = list(x.shape)
    model = _model(shape, TT.INT8, quant(scale, zp), quant(1.0 / 256, -128), beta)
    return Case(model, [x], common_desc(shape=shape, beta=beta, in_scale=scale, in_zp=zp))


def _float(x, beta):
    model = _model(list(x.shape), TT.FLOAT32, None, None, beta)
    return Case(model, [x], common_desc(shape=list(x.shape), beta=beta))


def _int16(x, beta, scale):
    shape = list(x.shape)
    model = _model(shape, TT.INT16, quant(scale, 0), quant(1.0 / 32768, 0), beta)
    return Case(model, [x], common_desc(shape=shape, beta=beta, in_scale=scale))


def _rand_i16(rng, shape):
    if rng.random() < 0.6:
        return rng.integers(-32768, 32768, size=shape, dtype=np.int64).astype(np.int16)
    c, w = int(rng.integers(-30000, 30000)), int(rng.integers(1, 3000))
    return rng.integers(max(-32768, c - w), min(32767, c + w) + 1, size=shape,
                        dtype=np.int64).astype(np.int16)


def draw(rng, dtype):
    shape = _shape(rng)
    beta = float(np.float32(rng.uniform(0.1, 2.0)))
    if dtype == "int16":
        return _int16(_rand_i16(rng, shape), beta, f32(log_uniform(rng, -5, -2.3)))
    if dtype == "int8":
        scale, zp = log_uniform(rng, -4, 0.7), rand_zp(rng)
        return _int8(rand_int8(rng, shape), beta, scale, zp)
    return _float(rand_float(rng, shape, log_uniform(rng, -1, 1)), beta)


def _spread():
    x = np.full((3, 12), -128, np.int8)
    x[0, 3] = 127
    x[1, :6] = 127
    x[2, ::2] = 127
    return x


def edges(dtype):
    if dtype == "int16":
        x = np.full((3, 12), -32768, np.int16)
        x[0, 3] = 32767
        x[1, :6] = 32767
        x[2, ::2] = 32767
        return ([lambda rng, s=s: _int16(x, 1.0, f32(s)) for s in (1e-5, 1.5e-4, 1e-3, 4e-3)]
                + [lambda rng: _int16(np.zeros((2, 300), np.int16), 1.0, f32(1e-3)),
                   lambda rng: _int16(_rand_i16(rng, (4, 37)), 2.0, f32(2e-4)),
                   lambda rng: _int16(_rand_i16(rng, (1, 1)), 1.0, f32(1e-3))])
    if dtype != "int8":
        return [lambda rng, p=p: _float(rand_float_uniform(rng, (p[0], p[1]), p[3]), p[2])
                for p in _EDGE_FLOAT]
    out = [lambda rng, p=p: _int8(rand_i8_uniform(rng, (p[0], p[1])), p[2], f32(p[3]),
                                  int(rng.integers(-128, 128)))
           for p in _EDGE_POINTS]
    # Large spreads: one element far above the rest, and both int8 extremes.
    for scale in (0.1, 0.02):
        out.append(lambda rng, s=scale: _int8(_spread(), 1.0, f32(s),
                                              int(rng.integers(-128, 128))))
    # Flat rows: every element equal.
    out.append(lambda rng: _int8(np.full((2, 40), 5, np.int8), 1.0, f32(0.1),
                                 int(rng.integers(-128, 128))))
    out.append(lambda rng: _int8(np.zeros((1, 256), np.int8), 1.0, f32(0.1),
                                 int(rng.integers(-128, 128))))
    return out
