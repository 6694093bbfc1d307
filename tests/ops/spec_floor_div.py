"""FLOOR_DIV test spec: the float32 draws of spec_binary_f32.py."""

import spec_binary_f32
from tflite_builder import OP

OPERATOR = "FLOOR_DIV"
KERNELS = {"float32": "FLOOR_DIV_F32"}


def draw(rng, dtype):
    return spec_binary_f32.draw(OPERATOR, OP.FLOOR_DIV, rng)


def edges(dtype):
    return spec_binary_f32.edges(OPERATOR, OP.FLOOR_DIV)
