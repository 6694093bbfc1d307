"""REDUCE_MAX test spec: random reductions (spec_reduce.py), int8 (one
quantization in and out, as TFLite Micro requires) and float32 (with
infinities and NaN)."""

from spec_reduce import draw_extreme, edges_extreme
from tflite_builder import OP

OPERATOR = "REDUCE_MAX"
KERNELS = {"int8": "REDUCE_MAX_S8", "float32": "REDUCE_MAX_F32"}


def draw(rng, dtype):
    return draw_extreme(OP.REDUCE_MAX, rng, dtype)


def edges(dtype):
    return edges_extreme(OP.REDUCE_MAX, dtype)
