"""Draws shared by ADD, SUB, MUL, DIV and SQUARED_DIFFERENCE on int32
(spec_add.py, spec_sub.py, spec_multiply.py, spec_div.py,
spec_squared_difference.py): DIV's divisors never 0 nor -1 under INT32_MIN;
operands broadcasting up to rank 4 (TFLite Micro's
broadcast limit; same shapes up to rank 6), every fused activation (ADD's is
ignored by TFLite Micro, which these cases show), values small (exact
results), around the int32 limits, or anywhere (results wrap). Not an
operator spec itself (no OPERATOR)."""

import numpy as np

from draws import rand_act
from spec_ew import act_desc, binary_case, rand_bcast_shapes, rand_shape
from tflite_builder import ACT, ACTIVATIONS, OPT, schema

OPTIONS = {"ADD": ("AddOptions", schema.AddOptionsT), "SUB": ("SubOptions", schema.SubOptionsT),
           "MUL": ("MulOptions", schema.MulOptionsT), "DIV": ("DivOptions", schema.DivOptionsT),
           "SQUARED_DIFFERENCE": ("SquaredDifferenceOptions", schema.SquaredDifferenceOptionsT)}


def _data(rng, shape, kind):
    if kind == "small":
        return rng.integers(-20, 21, size=shape).astype(np.int32)
    if kind == "edge":  # near the limits: sums and products wrap
        v = rng.choice([-2 ** 31, -2 ** 31 + 1, -1, 0, 1, 2 ** 31 - 1, 2 ** 31 - 2, 65536],
                       size=shape)
        return np.asarray(v, dtype=np.int64).astype(np.int32)
    return rng.integers(-2 ** 31, 2 ** 31, size=shape, dtype=np.int64).astype(np.int32)


def case(name, op, rng, sa, sb, act, const_b=False, kind=None):
    kind = kind or str(rng.choice(["small", "small", "wide", "edge"]))
    a, b = _data(rng, sa, kind), _data(rng, sb, kind)
    if name == "DIV":  # TFLite Micro crashes on x / 0 and INT32_MIN / -1
        b = np.where(b == 0, np.int32(7), b).astype(np.int32)
        b = np.where(b == -1, np.int32(-3), b).astype(np.int32)
    o = OPTIONS[name][1]()
    if name == "SQUARED_DIFFERENCE":  # no options but the empty table
        act = ACT.NONE
    else:
        o.fusedActivationFunction = act
    return binary_case(op, "int32", a, b, None, None, None, getattr(OPT, OPTIONS[name][0]), o,
                       const_b, act_desc(act) + " values=" + kind)


def draw(name, op, rng):
    if rng.random() < 0.25:
        s = rand_shape(rng)
        sa, sb = s, list(s)
    else:
        sa, sb = rand_bcast_shapes(rng, max_rank=4)
    return case(name, op, rng, sa, sb, rand_act(rng), bool(rng.random() < 0.2))


_SHAPES = [([2, 3, 4], [2, 3, 4]), ([1, 4, 4, 3], [3]), ([5], []), ([], [2, 2, 2, 2]),
           ([2, 1, 3, 1], [1, 4, 1, 3]), ([2, 3, 2, 2, 2, 3], [2, 3, 2, 2, 2, 3])]


def edges(name, op):
    out = [lambda rng, s=s: case(name, op, rng, s[0], s[1], ACT.NONE, kind="small")
           for s in _SHAPES]
    out += [lambda rng, a=a, k=k: case(name, op, rng, [8, 8], [8], a, kind=k)
            for a in ACTIVATIONS for k in ("small", "edge", "wide")]
    return out
