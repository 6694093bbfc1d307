"""LOGISTIC test spec.

int8: input scales 1e-3..2 with any zero point (so the saturation radius
ranges from a few steps to beyond the int8 range), output scale 1/256 and
zero point -128; int16: zero points 0, output scale 2^-15, input scales
power-of-two (TFLM's fast case) or anywhere from 1e-5 to 2e-3 (rescaled),
data full range or narrow; float32: values spread over +-20. Rank 0-6.
Edge cases: every int8 value at a few scales (the whole function), zero
input, float cut-offs.
"""

import numpy as np

from draws import Case, common_desc, log_uniform, rand_zp
from spec_ew import rand_data, rand_shape, unary_model
from tflite_builder import OP, TT, quant

_Q16OUT = (2.0 ** -15, 0)

OPERATOR = "LOGISTIC"
KERNELS = {"int8": "LOGISTIC_S8", "int16": "LOGISTIC_S16", "float32": "LOGISTIC_F32"}
_OP = OP.LOGISTIC
_QOUT = (1.0 / 256, -128)


def case(op, qout, x, si=0.0, zi=0):
    if x.dtype == np.float32:
        return Case(unary_model(op, TT.FLOAT32, TT.FLOAT32, list(x.shape), None, None), [x],
                    common_desc(shape=list(x.shape)))
    if x.dtype == np.int16:
        model = unary_model(op, TT.INT16, TT.INT16, list(x.shape), quant(si, 0), quant(*_Q16OUT))
        return Case(model, [x], common_desc(shape=list(x.shape), si=si))
    model = unary_model(op, TT.INT8, TT.INT8, list(x.shape), quant(si, zi), quant(*qout))
    return Case(model, [x], common_desc(shape=list(x.shape), si=si, zi=zi))


def draw_op(op, qout, rng, dtype):
    shape = rand_shape(rng)
    if dtype == "float32":
        return case(op, qout, rand_data(rng, dtype, shape, fscale=float(rng.choice([1, 4, 10]))))
    if dtype == "int16":
        si = (2.0 ** -int(rng.integers(10, 14)) if rng.random() < 0.3
              else log_uniform(rng, -5, -2.7))
        return case(op, qout, rand_data(rng, dtype, shape), si)
    return case(op, qout, rand_data(rng, dtype, shape), log_uniform(rng, -3, 0.3), rand_zp(rng))


def edges_op(op, qout, dtype):
    if dtype == "float32":
        x = np.array([0.0, -0.0, 16.6, 16.7, -8.99, -9.01, -30.0, 30.0, 1e-8, -1e-8], np.float32)
        return [lambda rng: case(op, qout, x)]
    if dtype == "int16":
        x = np.linspace(-32768, 32767, 4096).astype(np.int16).reshape(64, 64)
        return [lambda rng, s=s: case(op, qout, x, s)
                for s in [2.0 ** -12, 2.0 ** -11, 2.0 ** -13, 1e-4, 3e-4, 1e-5, 2e-3, 1.0 / 3276.8]]
    x = np.arange(-128, 128, dtype=np.int8).reshape(16, 16)
    return [lambda rng, s=s, z=z: case(op, qout, x, s, z)
            for s, z in [(0.1, 0), (0.0625, -128), (0.01, 5), (1.0, 127), (0.03, -20),
                         (2.0 ** -20, 0)]]


def draw(rng, dtype):
    return draw_op(_OP, _QOUT, rng, dtype)


def edges(dtype):
    return edges_op(_OP, _QOUT, dtype)
