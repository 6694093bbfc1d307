"""LOGICAL_AND test spec: the bool draws of spec_logical.py."""

import spec_logical
from tflite_builder import OP

OPERATOR = "LOGICAL_AND"
KERNELS = {"bool": "LOGICAL_AND"}


def draw(rng, dtype):
    return spec_logical.binary(OP.LOGICAL_AND, rng)


def edges(dtype):
    return spec_logical.binary_edges(OP.LOGICAL_AND)
