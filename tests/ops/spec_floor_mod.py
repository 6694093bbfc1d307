"""FLOOR_MOD test spec: the float32 draws of spec_binary_f32.py."""

import spec_binary_f32
from tflite_builder import OP

OPERATOR = "FLOOR_MOD"
KERNELS = {"float32": "FLOOR_MOD_F32"}


def draw(rng, dtype):
    return spec_binary_f32.draw(OPERATOR, OP.FLOOR_MOD, rng)


def edges(dtype):
    return spec_binary_f32.edges(OPERATOR, OP.FLOOR_MOD)
