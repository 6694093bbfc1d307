"""RESIZE_NEAREST_NEIGHBOR test spec: the draws of spec_resize_bilinear.py
with int8, int16 and float32 (all copies)."""

from spec_resize_bilinear import draw_resize, edges_resize
from tflite_builder import OP

OPERATOR = "RESIZE_NEAREST_NEIGHBOR"
KERNELS = {"int8": "RESIZE_NEAREST", "int16": "RESIZE_NEAREST", "float32": "RESIZE_NEAREST"}


def draw(rng, dtype):
    return draw_resize(OP.RESIZE_NEAREST_NEIGHBOR, rng, dtype)


def edges(dtype):
    return edges_resize(OP.RESIZE_NEAREST_NEIGHBOR, dtype)
