"""ARG_MIN test spec: the draws of spec_arg_max.py with ARG_MIN."""

from spec_arg_max import draw_arg, edges_arg
from tflite_builder import OP

OPERATOR = "ARG_MIN"
KERNELS = {"int8": "ARG_MIN_S8", "float32": "ARG_MIN_F32"}


def draw(rng, dtype):
    return draw_arg(OP.ARG_MIN, rng, dtype)


def edges(dtype):
    return edges_arg(OP.ARG_MIN, dtype)
