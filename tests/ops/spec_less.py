"""LESS test spec: the comparison draws of spec_compare.py."""

import spec_compare
from tflite_builder import OP

OPERATOR = "LESS"
KERNELS = spec_compare.KERNELS_ORDERED


def draw(rng, dtype):
    return spec_compare.draw(OP.LESS, rng, dtype)


def edges(dtype):
    return spec_compare.edges(OP.LESS, dtype)
