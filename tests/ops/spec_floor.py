"""FLOOR test spec: the float32 draws of spec_unary_f32.py."""

import spec_unary_f32
from tflite_builder import OP

OPERATOR = "FLOOR"
KERNELS = {"float32": "FLOOR_F32"}


def draw(rng, dtype):
    return spec_unary_f32.draw(OPERATOR, OP.FLOOR, rng)


def edges(dtype):
    return spec_unary_f32.edges(OPERATOR, OP.FLOOR)
