"""Draws shared by DIV, FLOOR_DIV, FLOOR_MOD and SQUARED_DIFFERENCE
(spec_div.py ...): float32 operands broadcasting up to rank 6 (spec_ew.py),
divisors kept away from 0, integral values sometimes (exact quotients and
remainders), DIV with every fused activation. Not an operator spec itself."""

import numpy as np

from draws import rand_act
from spec_ew import act_desc, binary_case, rand_bcast_shapes
from tflite_builder import ACT, OPT, schema

OPTIONS = {"DIV": ("DivOptions", schema.DivOptionsT),
           "FLOOR_DIV": ("FloorDivOptions", schema.FloorDivOptionsT),
           "FLOOR_MOD": ("FloorModOptions", schema.FloorModOptionsT),
           "SQUARED_DIFFERENCE": ("SquaredDifferenceOptions", schema.SquaredDifferenceOptionsT)}


def _data(rng, shape, divisor, integral):
    if integral:
        x = rng.integers(-20, 21, size=shape).astype(np.float32)
        if divisor:
            x[x == 0] = 3.0
        return x
    x = (rng.standard_normal(size=shape) * 4).astype(np.float32)
    if divisor:
        x = np.where(np.abs(x) < 0.05, np.float32(0.5), x).astype(np.float32)
    return x


def case(name, op, rng, sa, sb, act=ACT.NONE, const_b=False):
    integral = bool(rng.random() < 0.3)
    a = _data(rng, sa, False, integral)
    b = _data(rng, sb, name != "SQUARED_DIFFERENCE", integral)
    o = OPTIONS[name][1]()
    if name == "DIV":
        o.fusedActivationFunction = act
    return binary_case(op, "float32", a, b, None, None, None, getattr(OPT, OPTIONS[name][0]), o,
                       const_b, act_desc(act))


def draw(name, op, rng):
    sa, sb = rand_bcast_shapes(rng)
    act = rand_act(rng) if name == "DIV" else ACT.NONE
    return case(name, op, rng, sa, sb, act, bool(rng.random() < 0.2))


_SHAPES = [([2, 3, 4], [2, 3, 4]), ([1, 4, 4, 3], [3]), ([5], []), ([], [2, 2, 2, 2, 2, 2]),
           ([2, 1, 3, 1, 2, 1], [1, 4, 1, 3, 1, 2])]


def edges(name, op):
    acts = [ACT.NONE, ACT.RELU, ACT.RELU6, ACT.RELU_N1_TO_1, ACT.NONE]
    return [lambda rng, s=s, a=a: case(name, op, rng, s[0], s[1], a if name == "DIV" else ACT.NONE)
            for s, a in zip(_SHAPES, acts)]
