"""RSQRT test spec: the float32 draws of spec_unary_f32.py."""

import spec_unary_f32
from tflite_builder import OP

OPERATOR = "RSQRT"
KERNELS = {"float32": "RSQRT_F32"}


def draw(rng, dtype):
    return spec_unary_f32.draw(OPERATOR, OP.RSQRT, rng)


def edges(dtype):
    return spec_unary_f32.edges(OPERATOR, OP.RSQRT)
