"""DIV test spec: the float32 draws of spec_binary_f32.py, the int32 ones
of spec_binary_i32.py (divisors never 0, no INT32_MIN / -1: TFLite Micro
crashes on both; mote's MOTE_E_PARAM for them is tests/ops/test_bad_index.py's),
the int8 ones of spec_div_s8.py (only quotients TFLite Micro defines)."""

import spec_binary_f32
import spec_binary_i32
import spec_div_s8
from tflite_builder import OP

OPERATOR = "DIV"
KERNELS = {"int8": "DIV_S8", "float32": "DIV_F32", "int32": "DIV_I32"}


def draw(rng, dtype):
    if dtype == "int8":
        return spec_div_s8.draw(rng)
    if dtype == "int32":
        return spec_binary_i32.draw(OPERATOR, OP.DIV, rng)
    return spec_binary_f32.draw(OPERATOR, OP.DIV, rng)


def edges(dtype):
    if dtype == "int8":
        return spec_div_s8.edges()
    if dtype == "int32":
        return spec_binary_i32.edges(OPERATOR, OP.DIV)
    return spec_binary_f32.edges(OPERATOR, OP.DIV)
