"""DIV test spec: the float32 draws of spec_binary_f32.py, the int32 ones
of spec_binary_i32.py (divisors never 0, no INT32_MIN / -1: TFLite Micro
crashes on both; mote's MOTE_E_PARAM for them is tests/ops/test_bad_index.py's)."""

import spec_binary_f32
import spec_binary_i32
from tflite_builder import OP

OPERATOR = "DIV"
KERNELS = {"float32": "DIV_F32", "int32": "DIV_I32"}


def draw(rng, dtype):
    if dtype == "int32":
        return spec_binary_i32.draw(OPERATOR, OP.DIV, rng)
    return spec_binary_f32.draw(OPERATOR, OP.DIV, rng)


def edges(dtype):
    if dtype == "int32":
        return spec_binary_i32.edges(OPERATOR, OP.DIV)
    return spec_binary_f32.edges(OPERATOR, OP.DIV)
