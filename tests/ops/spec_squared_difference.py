"""SQUARED_DIFFERENCE test spec: the float32 draws of spec_binary_f32.py,
the int32 ones of spec_binary_i32.py (no activation: the operator has none)."""

import spec_binary_f32
import spec_binary_i32
from tflite_builder import OP

OPERATOR = "SQUARED_DIFFERENCE"
KERNELS = {"float32": "SQUARED_DIFFERENCE_F32", "int32": "SQUARED_DIFFERENCE_I32"}


def draw(rng, dtype):
    if dtype == "int32":
        return spec_binary_i32.draw(OPERATOR, OP.SQUARED_DIFFERENCE, rng)
    return spec_binary_f32.draw(OPERATOR, OP.SQUARED_DIFFERENCE, rng)


def edges(dtype):
    if dtype == "int32":
        return spec_binary_i32.edges(OPERATOR, OP.SQUARED_DIFFERENCE)
    return spec_binary_f32.edges(OPERATOR, OP.SQUARED_DIFFERENCE)
