"""DIV test spec: the float32 draws of spec_binary_f32.py."""

import spec_binary_f32
from tflite_builder import OP

OPERATOR = "DIV"
KERNELS = {"float32": "DIV_F32"}


def draw(rng, dtype):
    return spec_binary_f32.draw(OPERATOR, OP.DIV, rng)


def edges(dtype):
    return spec_binary_f32.edges(OPERATOR, OP.DIV)
