"""SQUARED_DIFFERENCE test spec: the float32 draws of spec_binary_f32.py."""

import spec_binary_f32
from tflite_builder import OP

OPERATOR = "SQUARED_DIFFERENCE"
KERNELS = {"float32": "SQUARED_DIFFERENCE_F32"}


def draw(rng, dtype):
    return spec_binary_f32.draw(OPERATOR, OP.SQUARED_DIFFERENCE, rng)


def edges(dtype):
    return spec_binary_f32.edges(OPERATOR, OP.SQUARED_DIFFERENCE)
