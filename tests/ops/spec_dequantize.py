"""DEQUANTIZE test spec.

int8 / int16 -> float32, any scale (1e-5 to 10) and zero point, rank 0-6.
Edge cases: the type's extremes with extreme zero points and scales.
"""

import numpy as np

from draws import Case, common_desc
from spec_ew import rand_data, rand_q, rand_shape, unary_model
from tflite_builder import OP, TT, TT_OF_TYPE, quant

OPERATOR = "DEQUANTIZE"
KERNELS = {"int8": "DEQUANTIZE_S8", "int16": "DEQUANTIZE_S16"}


def _case(dtype, x, s, z):
    model = unary_model(OP.DEQUANTIZE, TT_OF_TYPE[dtype], TT.FLOAT32, list(x.shape), quant(s, z),
                        None)
    return Case(model, [x], common_desc(shape=list(x.shape), scale=s, zp=z))


def draw(rng, dtype):
    s, z = rand_q(rng, dtype, lo=-3, hi=1)
    return _case(dtype, rand_data(rng, dtype, rand_shape(rng)), s, z)


def edges(dtype):
    lo, hi = (-128, 127) if dtype == "int8" else (-32768, 32767)
    x = np.array([lo, lo + 1, -1, 0, 1, hi - 1, hi], dtype=np.int8 if dtype == "int8" else np.int16)
    return [lambda rng, s=s, z=z: _case(dtype, x, s, z)
            for s, z in [(1e-5, lo), (0.1, hi), (3.0, 0), (0.0078125, 1), (12.5, lo // 2)]]
