"""CEIL test spec: the float32 draws of spec_unary_f32.py."""

import spec_unary_f32
from tflite_builder import OP

OPERATOR = "CEIL"
KERNELS = {"float32": "CEIL_F32"}
ORACLES = {"float32": "tflm"}  # LiteRT's reference resolver has no CEIL


def draw(rng, dtype):
    return spec_unary_f32.draw(OPERATOR, OP.CEIL, rng)


def edges(dtype):
    return spec_unary_f32.edges(OPERATOR, OP.CEIL)
