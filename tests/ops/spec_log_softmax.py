"""LOG_SOFTMAX test spec: rank 1-4, depth 1 to 300, int8 input scales 1e-3
to 5 with any zero point (output 16/256, zero point 127), float32. Edges:
flat rows, one element far above the rest, both int8 extremes, tiny and
large input scales."""

import numpy as np

from draws import Case, common_desc, f32, log_uniform, rand_float, rand_int8, rand_zp
from tflite_builder import OP, OPT, TT, Graph, quant, schema

OPERATOR = "LOG_SOFTMAX"
KERNELS = {"int8": "LOG_SOFTMAX_S8", "float32": "LOG_SOFTMAX_F32"}


def ls_case(dtype, x, qi=None):
    g = Graph()
    tt = TT.INT8 if dtype == "int8" else TT.FLOAT32
    ti = g.tensor("input", list(x.shape), tt, None if qi is None else quant(*qi))
    to = g.tensor("output", list(x.shape), tt, None if qi is None else quant(16.0 / 256, 127))
    g.op(OP.LOG_SOFTMAX, [ti], [to], OPT.LogSoftmaxOptions, schema.LogSoftmaxOptionsT())
    d = common_desc(shape=list(x.shape))
    if qi is not None:
        d += " " + common_desc(in_scale=qi[0], in_zp=qi[1])
    return Case(g.finish([ti], [to]), [x], d)


def draw(rng, dtype):
    rank = int(rng.integers(1, 5))
    r = rng.random()
    depth = 1 if r < 0.05 else (int(rng.integers(2, 41)) if r < 0.8 else int(rng.integers(41, 301)))
    shape = [int(rng.integers(1, 4)) for _ in range(rank - 1)] + [depth]
    if dtype == "float32":
        return ls_case(dtype, rand_float(rng, shape, log_uniform(rng, -1, 1)))
    return ls_case(dtype, rand_int8(rng, shape), (f32(log_uniform(rng, -3, 0.7)), rand_zp(rng)))


def edges(dtype):
    if dtype == "float32":
        return [lambda rng: ls_case(dtype, np.zeros((2, 7), np.float32)),
                lambda rng: ls_case(dtype, np.array([[50.0, 0, -50.0, 1.0]], np.float32)),
                lambda rng: ls_case(dtype, rand_float(rng, [2, 300], 5.0))]
    x = np.full((3, 12), -128, np.int8)
    x[0, 3] = 127
    x[1, :6] = 127
    x[2, ::2] = 127
    out = [lambda rng, s=s: ls_case(dtype, x, (s, int(rng.integers(-128, 128))))
           for s in (0.001, 0.02, 0.1, 1.0, 5.0)]
    out.append(lambda rng: ls_case(dtype, np.full((2, 40), 5, np.int8), (0.1, 0)))
    out.append(lambda rng: ls_case(dtype, np.zeros((1, 4095), np.int8), (0.1, 0)))
    out.append(lambda rng: ls_case(dtype, rand_int8(rng, [1, 1]), (0.3, 3)))
    return out
