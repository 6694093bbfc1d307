"""TANH test spec: the LOGISTIC draws (spec_logistic.py) on TANH, int8
output scale 1/128 and zero point 0; int16 as LOGISTIC (output scale 2^-15)."""

import spec_logistic
from tflite_builder import OP

OPERATOR = "TANH"
KERNELS = {"int8": "TANH_S8", "int16": "TANH_S16", "float32": "TANH_F32"}
_QOUT = (1.0 / 128, 0)


def draw(rng, dtype):
    return spec_logistic.draw_op(OP.TANH, _QOUT, rng, dtype)


def edges(dtype):
    return spec_logistic.edges_op(OP.TANH, _QOUT, dtype)
