"""L2_NORMALIZATION test spec: rank 1-4 inputs normalized over the last
dimension (depth 1 to 300); int8 with any input quantization (output 1/128,
zero point 0), float32. Edges: all-zero rows (the inverse square root of
0 and 1), one nonzero element, both int8 extremes, long rows."""

import numpy as np

from draws import Case, common_desc, f32, log_uniform, rand_float, rand_zp
from spec_reduce import rand_input
from tflite_builder import OP, OPT, TT, Graph, quant, schema

OPERATOR = "L2_NORMALIZATION"
KERNELS = {"int8": "L2_NORMALIZATION_S8", "float32": "L2_NORMALIZATION_F32"}


def l2_case(dtype, x, qi=None):
    g = Graph()
    tt = TT.INT8 if dtype == "int8" else TT.FLOAT32
    ti = g.tensor("input", list(x.shape), tt, None if qi is None else quant(*qi))
    to = g.tensor("output", list(x.shape), tt, None if qi is None else quant(1.0 / 128, 0))
    g.op(OP.L2_NORMALIZATION, [ti], [to], OPT.L2NormOptions, schema.L2NormOptionsT())
    d = common_desc(shape=list(x.shape))
    if qi is not None:
        d += " " + common_desc(in_scale=qi[0], in_zp=qi[1])
    return Case(g.finish([ti], [to]), [x], d)


def _shape(rng):
    rank = int(rng.integers(1, 5))
    depth = int(rng.integers(1, 40)) if rng.random() < 0.8 else int(rng.integers(40, 300))
    return [int(rng.integers(1, 4)) for _ in range(rank - 1)] + [depth]


def draw(rng, dtype):
    shape = _shape(rng)
    if dtype == "float32":
        return l2_case(dtype, rand_float(rng, shape))
    qi = (f32(log_uniform(rng, -3, 0)), rand_zp(rng))
    return l2_case(dtype, rand_input(rng, dtype, shape), qi)


def edges(dtype):
    if dtype == "float32":
        return [lambda rng: l2_case(dtype, np.zeros((2, 5), np.float32)),
                lambda rng: l2_case(dtype, np.array([[0, 0, 3e-7, 0], [1e30, 0, 0, -1e30]],
                                                    np.float32)),
                lambda rng: l2_case(dtype, rand_float(rng, [3, 300]))]
    out = []
    for zp in (-128, 0, 5, 127):
        out.append(lambda rng, zp=zp: l2_case(dtype, np.full((2, 6), zp, np.int8), (0.1, zp)))
        x = np.full((3, 7), zp, np.int8)
        x[0, 2] = 127 if zp < 0 else -128
        x[1, 0] = zp + 1 if zp < 127 else zp - 1
        x[2, :] = [-128, 127, -128, 127, 0, 1, -1]
        out.append(lambda rng, x=x, zp=zp: l2_case(dtype, x, (0.05, zp)))
    out.append(lambda rng: l2_case(dtype, rand_input(rng, dtype, [2, 2000]), (0.02, 0)))
    out.append(lambda rng: l2_case(dtype, np.full((1, 2000), -128, np.int8), (0.02, 127)))
    return out
