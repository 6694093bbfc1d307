"""LOGICAL_OR test spec: the bool draws of spec_logical.py."""

import spec_logical
from tflite_builder import OP

OPERATOR = "LOGICAL_OR"
KERNELS = {"bool": "LOGICAL_OR"}


def draw(rng, dtype):
    return spec_logical.binary(OP.LOGICAL_OR, rng)


def edges(dtype):
    return spec_logical.binary_edges(OP.LOGICAL_OR)
