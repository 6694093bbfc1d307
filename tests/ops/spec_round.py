"""ROUND test spec: the float32 draws of spec_unary_f32.py."""

import spec_unary_f32
from tflite_builder import OP

OPERATOR = "ROUND"
KERNELS = {"float32": "ROUND_F32"}
ORACLES = {"float32": "tflm"}  # LiteRT's reference resolver has no ROUND


def draw(rng, dtype):
    return spec_unary_f32.draw(OPERATOR, OP.ROUND, rng)


def edges(dtype):
    return spec_unary_f32.edges(OPERATOR, OP.ROUND)
