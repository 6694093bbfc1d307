"""ELU test spec: the float32 draws of spec_unary_f32.py."""

import spec_unary_f32
from tflite_builder import OP

OPERATOR = "ELU"
KERNELS = {"float32": "ELU_F32"}
ORACLES = {"float32": "tflm"}  # LiteRT's reference resolver has no ELU


def draw(rng, dtype):
    return spec_unary_f32.draw(OPERATOR, OP.ELU, rng)


def edges(dtype):
    return spec_unary_f32.edges(OPERATOR, OP.ELU)
