"""SQUARED_DIFFERENCE test spec: the float32 draws of spec_binary_f32.py,
the int32 ones of spec_binary_i32.py (no activation: the operator has none),
and int8 / int16 (zero points 0, as TFLite Micro requires for int16):
operands broadcasting up to rank 4 (same shapes up to rank 6), input scales
equal or a decade apart either way, an output scale around the squares'
spread (so outputs neither all saturate nor all vanish, rarely far off).
Edge cases: equal scales, extreme zero points, saturating outputs."""

import numpy as np

import spec_binary_f32
import spec_binary_i32
from draws import log_uniform, rand_zp
from spec_ew import binary_case, rand_bcast_shapes, rand_data, rand_shape
from tflite_builder import OP, OPT, quant, schema

OPERATOR = "SQUARED_DIFFERENCE"
KERNELS = {"int8": "SQUARED_DIFFERENCE_S8", "int16": "SQUARED_DIFFERENCE_S16",
           "float32": "SQUARED_DIFFERENCE_F32", "int32": "SQUARED_DIFFERENCE_I32"}


def _q_case(rng, dtype, sa, sb, q=None):
    if q is None:
        lo = -3 if dtype == "int8" else -5
        s1 = log_uniform(rng, lo, lo + 2)
        s2 = s1 if rng.random() < 0.3 else s1 * log_uniform(rng, -1, 1)
        z1, z2 = (rand_zp(rng), rand_zp(rng)) if dtype == "int8" else (0, 0)
        span = (255 if dtype == "int8" else 65535) * max(s1, s2)
        so = span * span / (255 if dtype == "int8" else 65535)
        so *= log_uniform(rng, -1, 1) if rng.random() < 0.9 else log_uniform(rng, -4, 2)
        zo = rand_zp(rng) if dtype == "int8" else 0
    else:
        s1, z1, s2, z2, so, zo = q
    a, b = rand_data(rng, dtype, sa), rand_data(rng, dtype, sb)
    return binary_case(OP.SQUARED_DIFFERENCE, dtype, a, b, quant(s1, z1), quant(s2, z2),
                       quant(so, zo), OPT.SquaredDifferenceOptions,
                       schema.SquaredDifferenceOptionsT(),
                       desc="s1=%.4g z1=%d s2=%.4g z2=%d so=%.4g zo=%d" % (s1, z1, s2, z2, so, zo))


def draw(rng, dtype):
    if dtype == "int32":
        return spec_binary_i32.draw(OPERATOR, OP.SQUARED_DIFFERENCE, rng)
    if dtype == "float32":
        return spec_binary_f32.draw(OPERATOR, OP.SQUARED_DIFFERENCE, rng)
    if rng.random() < 0.25:
        s = rand_shape(rng)
        sa, sb = s, list(s)
    else:
        sa, sb = rand_bcast_shapes(rng, max_rank=4)
    return _q_case(rng, dtype, sa, sb)


def edges(dtype):
    if dtype == "int32":
        return spec_binary_i32.edges(OPERATOR, OP.SQUARED_DIFFERENCE)
    if dtype == "float32":
        return spec_binary_f32.edges(OPERATOR, OP.SQUARED_DIFFERENCE)
    shapes = [([2, 3, 4], [2, 3, 4]), ([1, 4, 4, 3], [3]), ([5], []), ([2, 1, 3, 1], [1, 4, 1, 3])]
    out = [lambda rng, s=s: _q_case(rng, dtype, s[0], s[1]) for s in shapes]
    if dtype == "int8":
        qs = [(0.05, 0, 0.05, 0, 0.05, 0), (0.02, -128, 0.02, 127, 10.0, -128),
              (0.1, 5, 0.01, -5, 0.001, 0), (0.003, 0, 0.03, 0, 1.0, 3)]
    else:
        qs = [(1e-3, 0, 1e-3, 0, 1e-3, 0), (3e-5, 0, 3e-5, 0, 5.0, 0),
              (1e-4, 0, 1e-5, 0, 1e-6, 0)]
    out += [lambda rng, q=q: _q_case(rng, dtype, [16, 16], [16], q) for q in qs]
    return out
