"""Draws shared by the comparison specs (spec_equal.py ... spec_less_equal.py):
two operands broadcasting (rank 0-4, TFLite Micro's broadcast limit; same
shapes up to rank 6), output bool. int8: scales below 1 (TFLite Micro
aborts otherwise), any zero points, values often equal after rescaling;
int32 / int64: full range or a narrow band (so equal values occur); float32
with repeated values; bool. Not an operator spec itself (no OPERATOR).
"""

import numpy as np

from draws import Case, common_desc, log_uniform, rand_zp
from spec_ew import binary_case, rand_bcast_shapes, rand_shape
from tflite_builder import TT, quant

KERNELS_ORDERED = {"int8": "COMPARE_S8", "float32": "COMPARE_F32", "int32": "COMPARE_I32",
                   "int64": "COMPARE_I64"}
KERNELS_EQUALITY = dict(KERNELS_ORDERED, bool="COMPARE_BOOL")
_NP = {"int8": np.int8, "int32": np.int32, "int64": np.int64}


def _data(rng, dtype, shape, narrow):
    if dtype == "bool":
        return rng.random(size=shape) < 0.5
    if dtype == "float32":
        vals = (rng.standard_normal(size=8) * log_uniform(rng, -2, 2)).astype(np.float32)
        if narrow:  # few distinct values: equality happens
            return rng.choice(vals, size=shape).astype(np.float32)
        return (rng.standard_normal(size=shape) * 4).astype(np.float32)
    info = np.iinfo(_NP[dtype])
    if narrow:
        c = int(rng.integers(info.min // 2, info.max // 2))
        return rng.integers(c - 3, c + 4, size=shape, dtype=np.int64).astype(_NP[dtype])
    return rng.integers(info.min, info.max, size=shape, dtype=np.int64,
                        endpoint=True).astype(_NP[dtype])


def case(op, dtype, sa, sb, rng, scales=None, narrow=None, const_b=False):
    narrow = bool(rng.random() < 0.5) if narrow is None else narrow
    a, b = _data(rng, dtype, sa, narrow), _data(rng, dtype, sb, narrow)
    if dtype != "int8":
        return binary_case(op, dtype, a, b, None, None, None, const_b=const_b, out_tt=TT.BOOL)
    if scales is None:
        s1 = log_uniform(rng, -3, -0.05)
        s2 = s1 if rng.random() < 0.3 else log_uniform(rng, -3, -0.05)
        z1, z2 = rand_zp(rng), rand_zp(rng)
        if rng.random() < 0.3:
            z2 = z1
    else:
        s1, z1, s2, z2 = scales
    return binary_case(op, dtype, a, b, quant(s1, z1), quant(s2, z2), None, const_b=const_b,
                       out_tt=TT.BOOL, desc=common_desc(s1=s1, z1=z1, s2=s2, z2=z2))


def draw(op, rng, dtype):
    if rng.random() < 0.25:
        s = rand_shape(rng)
        sa, sb = s, list(s)
    else:
        sa, sb = rand_bcast_shapes(rng, max_rank=4)
    return case(op, dtype, sa, sb, rng, const_b=bool(rng.random() < 0.15))


_SHAPES = [([2, 3, 4], [2, 3, 4]), ([1, 4, 4, 3], [3]), ([5], []), ([], [2, 2, 2, 2]),
           ([2, 1, 3, 1], [1, 4, 1, 3]), ([2, 3, 2, 2, 2, 3], [2, 3, 2, 2, 2, 3])]


def edges(op, dtype):
    out = [lambda rng, s=s: case(op, dtype, s[0], s[1], rng, narrow=True) for s in _SHAPES]
    if dtype == "int8":
        for sc in [(0.5, 0, 0.25, 0), (0.01, -128, 0.01, 127), (0.999, 5, 0.001, -5),
                   (0.1, 0, 0.1, 0)]:
            out.append(lambda rng, sc=sc: case(op, dtype, [16, 16], [16], rng, scales=sc))
    return out
