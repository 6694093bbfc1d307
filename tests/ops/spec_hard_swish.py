"""HARD_SWISH test spec (src/ops/hard_swish.c).

int8: input scales 1e-3..1 with any zero point, output scale 0.2x-5x of
what the input's range needs (output exponent <= 0, as TFLite needs);
float32: values spread over +-8. Rank 0-6.
Edge cases: the whole int8 range at several scales (both shift directions
of the relu-ish multiplier), extreme zero points, float kinks at -3 and 3.
"""

import numpy as np

from draws import Case, Invalid, common_desc, log_uniform, rand_zp
from spec_ew import rand_data, rand_shape, unary_model
from tflite_builder import OP, TT, quant

OPERATOR = "HARD_SWISH"
KERNELS = {"int8": "HARD_SWISH_S8", "float32": "HARD_SWISH_F32"}


def _case(x, si=0.0, zi=0, so=0.0, zo=0):
    if x.dtype == np.float32:
        return Case(unary_model(OP.HARD_SWISH, TT.FLOAT32, TT.FLOAT32, list(x.shape), None, None),
                    [x], common_desc(shape=list(x.shape)))
    if si / 128.0 / so >= 1.0:
        raise Invalid()
    model = unary_model(OP.HARD_SWISH, TT.INT8, TT.INT8, list(x.shape), quant(si, zi),
                        quant(so, zo))
    return Case(model, [x], common_desc(shape=list(x.shape), si=si, zi=zi, so=so, zo=zo))


def draw(rng, dtype):
    shape = rand_shape(rng)
    if dtype == "float32":
        return _case(rand_data(rng, dtype, shape, fscale=float(rng.choice([1, 3, 8]))))
    si, zi = log_uniform(rng, -3, 0), rand_zp(rng)
    so = si * log_uniform(rng, -0.7, 0.7)
    return _case(rand_data(rng, dtype, shape), si, zi, so, rand_zp(rng))


def edges(dtype):
    if dtype == "float32":
        x = np.array([0.0, -0.0, -3.0, -3.0001, -2.9999, 3.0, 2.999, 3.001, -8.0, 8.0, 1e-8],
                     np.float32)
        return [lambda rng: _case(x)]
    x = np.arange(-128, 128, dtype=np.int8).reshape(16, 16)
    pts = [(0.05, 0, 0.05, 0), (0.1, -128, 0.03, -128), (0.01, 5, 0.01, 5), (1.0, 127, 0.5, 0),
           (0.03, -20, 0.3, 100), (2.0 ** -10, 0, 2.0 ** -12, 0), (0.5, 0, 0.004, 0),
           (0.004, 0, 0.01, 0)]
    return [lambda rng, p=p: _case(x, *p) for p in pts]
