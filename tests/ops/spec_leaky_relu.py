"""LEAKY_RELU test spec (src/ops/leaky_relu.c).

int8 and int16 with any zero points (int16 zero points mostly 0, sometimes
anywhere), output scale 0.3x-3x the input's; alphas from -2 to 2 (mostly in
(0, 1)) for every type. Rank 0-6.
Edge cases: the whole int8 range at alpha 0, 0.2, 1, 0.5, a large alpha and
negative ones (-0.5, -1, -7.5); extreme zero points; float -0.0 and the
zero crossing.
"""

import numpy as np

from draws import Case, common_desc, f32, log_uniform
from spec_ew import rand_data, rand_q, rand_shape, unary_model
from tflite_builder import OP, OPT, TT_OF_TYPE, quant, schema

OPERATOR = "LEAKY_RELU"
KERNELS = {"int8": "LEAKY_RELU_S8", "int16": "LEAKY_RELU_S16", "float32": "LEAKY_RELU_F32"}


def _case(dtype, x, alpha, si=0.0, zi=0, so=0.0, zo=0):
    tt = TT_OF_TYPE[dtype]
    o = schema.LeakyReluOptionsT()
    o.alpha = alpha
    q = (None, None) if dtype == "float32" else (quant(si, zi), quant(so, zo))
    model = unary_model(OP.LEAKY_RELU, tt, tt, list(x.shape), q[0], q[1], OPT.LeakyReluOptions, o)
    return Case(model, [x], common_desc(shape=list(x.shape), alpha=alpha, si=si, zi=zi, so=so,
                                        zo=zo))


def _alpha(rng, dtype):
    r = rng.random()
    if r < 0.7:
        return f32(rng.uniform(0.0, 1.0))
    if r < 0.85:
        return f32(rng.uniform(-2.0, 0.0))
    return f32(rng.uniform(1.0, 2.0))


def draw(rng, dtype):
    x = rand_data(rng, dtype, rand_shape(rng))
    alpha = _alpha(rng, dtype)
    if dtype == "float32":
        return _case(dtype, x, alpha)
    si, zi = rand_q(rng, dtype, rng.random() < 0.6)
    so = si * log_uniform(rng, -0.5, 0.5)
    zo = rand_q(rng, dtype, rng.random() < 0.6)[1]
    return _case(dtype, x, alpha, si, zi, so, zo)


def edges(dtype):
    if dtype == "float32":
        x = np.array([-0.0, 0.0, -1e-30, 1e-30, -7.0, 7.0, -3.5, 1e30, -1e30], np.float32)
        return [lambda rng, a=a: _case(dtype, x, a) for a in (0.0, 0.2, -1.5)]
    lo, hi = (-128, 127) if dtype == "int8" else (-32768, 32767)
    x = np.linspace(lo, hi, 256 if dtype == "int8" else 1024).astype(
        np.int8 if dtype == "int8" else np.int16).reshape(16, -1)
    m = 1.0 if dtype == "int8" else 1e-3
    pts = [(0.0, 0.05, 0, 0.05, 0), (0.2, 0.05, 0, 0.05, 0), (1.0, 0.02, 0, 0.007, 0),
           (0.5, 0.05, 0, 0.1, 0), (7.5, 0.01, 0, 0.05, 0), (-0.5, 0.05, 0, 0.05, 0),
           (-1.0, 0.02, 3, 0.02, -3), (-7.5, 0.01, 0, 0.05, 0), (-0.25, 0.05, 0, 0.05, 0),
           (-1.5, 0.05, 0, 0.05, 0), (-0.75, 0.04, -7, 0.02, 5)]
    if dtype == "int8":
        pts += [(0.1, 0.05, -128, 0.05, 127), (0.3, 0.05, 127, 0.04, -128)]
    else:
        pts += [(0.1, 0.05, 1000, 0.05, -2000)]
    return [lambda rng, p=p: _case(dtype, x, p[0], p[1] * m, p[2], p[3] * m, p[4]) for p in pts]
