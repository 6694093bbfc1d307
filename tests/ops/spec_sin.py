"""SIN test spec: the float32 draws of spec_unary_f32.py."""

import spec_unary_f32
from tflite_builder import OP

OPERATOR = "SIN"
KERNELS = {"float32": "SIN_F32"}


def draw(rng, dtype):
    return spec_unary_f32.draw(OPERATOR, OP.SIN, rng)


def edges(dtype):
    return spec_unary_f32.edges(OPERATOR, OP.SIN)
