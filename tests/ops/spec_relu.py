"""RELU test spec.

int8 (any zero points, output scale 0.3x-3x the input's), int16 (zero
points 0), float32 (values around 0, including -0.0), rank 0-6.
Edge cases: same quantization, negative-only and positive-only inputs,
extreme zero points.
"""

import numpy as np

from draws import Case, common_desc, log_uniform
from spec_ew import rand_data, rand_q, rand_shape, unary_model
from tflite_builder import OP, TT_OF_TYPE, quant

OPERATOR = "RELU"
KERNELS = {"int8": "REQUANTIZE_S8", "int16": "REQUANTIZE_S16", "float32": "RELU_F32"}
_OP = OP.RELU


def _case(dtype, x, si=0.0, zi=0, so=0.0, zo=0):
    tt = TT_OF_TYPE[dtype]
    if dtype == "float32":
        return Case(unary_model(_OP, tt, tt, list(x.shape), None, None), [x],
                    common_desc(shape=list(x.shape)))
    model = unary_model(_OP, tt, tt, list(x.shape), quant(si, zi), quant(so, zo))
    return Case(model, [x], common_desc(shape=list(x.shape), si=si, zi=zi, so=so, zo=zo))


def draw(rng, dtype):
    x = rand_data(rng, dtype, rand_shape(rng))
    if dtype == "float32":
        return _case(dtype, x)
    si, zi = rand_q(rng, dtype, True)
    so = si * (log_uniform(rng, -0.5, 0.5) if rng.random() < 0.7 else 1.0)
    zo = rand_q(rng, dtype, True)[1] if rng.random() < 0.7 else zi
    return _case(dtype, x, si, zi, so, zo)


def edges(dtype):
    if dtype == "float32":
        x = np.array([-0.0, 0.0, -1e-30, 1e-30, -7.0, 7.0, 5.999, 6.0, 6.5, -3.5], np.float32)
        return [lambda rng: _case(dtype, x)]
    lo, hi = (-128, 127) if dtype == "int8" else (-32768, 32767)
    x = np.linspace(lo, hi, 64).astype(np.int8 if dtype == "int8" else np.int16)
    pts = [(0.05, 0, 0.05, 0), (0.05, 0, 0.1, 0), (0.02, 0, 0.007, 0)]
    if dtype == "int8":
        pts += [(0.05, -128, 0.05, -128), (0.05, 127, 0.04, 127), (0.1, 20, 0.3, -100)]
    else:
        pts = [(s * 1e-3, z, so * 1e-3, zo) for s, z, so, zo in pts]
    return [lambda rng, p=p: _case(dtype, x, *p) for p in pts]
