"""LOG test spec: the float32 draws of spec_unary_f32.py."""

import spec_unary_f32
from tflite_builder import OP

OPERATOR = "LOG"
KERNELS = {"float32": "LOG_F32"}


def draw(rng, dtype):
    return spec_unary_f32.draw(OPERATOR, OP.LOG, rng)


def edges(dtype):
    return spec_unary_f32.edges(OPERATOR, OP.LOG)
