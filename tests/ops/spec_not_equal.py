"""NOT_EQUAL test spec: the comparison draws of spec_compare.py."""

import spec_compare
from tflite_builder import OP

OPERATOR = "NOT_EQUAL"
KERNELS = spec_compare.KERNELS_EQUALITY


def draw(rng, dtype):
    return spec_compare.draw(OP.NOT_EQUAL, rng, dtype)


def edges(dtype):
    return spec_compare.edges(OP.NOT_EQUAL, dtype)
