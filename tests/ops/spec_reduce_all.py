"""REDUCE_ALL test spec: random bool reductions (spec_reduce.py), inputs
mostly true so that both outcomes occur."""

from spec_reduce import draw_extreme, edges_extreme
from tflite_builder import OP

OPERATOR = "REDUCE_ALL"
KERNELS = {"bool": "REDUCE_ALL_BOOL"}


def draw(rng, dtype):
    return draw_extreme(OP.REDUCE_ALL, rng, dtype)


def edges(dtype):
    return edges_extreme(OP.REDUCE_ALL, dtype)
