"""Draws shared by LOGICAL_AND / LOGICAL_OR / LOGICAL_NOT (spec_logical_*.py):
bool tensors of rank 0-6, broadcasting up to rank 4 (TFLite Micro's limit)
and same shapes up to rank 6. Not an operator spec itself (no OPERATOR)."""

import numpy as np

from draws import Case, common_desc
from spec_ew import binary_case, rand_bcast_shapes, rand_shape, unary_model
from tflite_builder import TT


def _bools(rng, shape):
    return rng.random(size=shape) < float(rng.choice([0.1, 0.5, 0.9]))


def binary(op, rng, sa=None, sb=None):
    if sa is None:
        if rng.random() < 0.25:
            sa = rand_shape(rng)
            sb = list(sa)
        else:
            sa, sb = rand_bcast_shapes(rng, max_rank=4)
    return binary_case(op, "bool", _bools(rng, sa), _bools(rng, sb), None, None, None,
                       const_b=bool(rng.random() < 0.15))


def unary(op, rng, shape=None):
    shape = rand_shape(rng) if shape is None else shape
    x = _bools(rng, shape)
    return Case(unary_model(op, TT.BOOL, TT.BOOL, list(shape), None, None), [x],
                common_desc(shape=list(shape)))


_SHAPES = [([2, 3, 4], [2, 3, 4]), ([1, 4, 4, 3], [3]), ([5], []), ([2, 1, 3, 1], [1, 4, 1, 3])]


def binary_edges(op):
    return [lambda rng, s=s: binary(op, rng, s[0], s[1]) for s in _SHAPES]


def unary_edges(op):
    return [lambda rng: unary(op, rng, []), lambda rng: unary(op, rng, [2, 3, 2, 2, 2, 3])]
