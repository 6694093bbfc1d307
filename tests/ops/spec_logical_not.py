"""LOGICAL_NOT test spec: the bool draws of spec_logical.py."""

import spec_logical
from tflite_builder import OP

OPERATOR = "LOGICAL_NOT"
KERNELS = {"bool": "LOGICAL_NOT"}


def draw(rng, dtype):
    return spec_logical.unary(OP.LOGICAL_NOT, rng)


def edges(dtype):
    return spec_logical.unary_edges(OP.LOGICAL_NOT)
