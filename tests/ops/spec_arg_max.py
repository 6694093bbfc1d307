"""ARG_MAX test spec: rank 1-5 inputs, one axis (negative half the time,
int32 or int64 constant), int8 and float32 inputs with many ties (the first
extreme must win), int32 indices (TFLite Micro's only output type; float
draws also ask for int64 indices, checked against LiteRT)."""

import numpy as np

from draws import Case, common_desc, rand_float, rand_zp
from spec_reduce import rand_input, rand_shape
from tflite_builder import NP_OF_TT, OP, OPT, TT, Graph, quant, schema

OPERATOR = "ARG_MAX"
KERNELS = {"int8": "ARG_MAX_S8", "float32": "ARG_MAX_F32"}
NP_OF_TT.setdefault(TT.INT64, np.int64)


def model(op, x, axis, axis_tt, out_tt, dtype):
    g = Graph()
    tt = TT.INT8 if dtype == "int8" else TT.FLOAT32
    q = quant(0.05, rand_zp(np.random.default_rng(x.size))) if dtype == "int8" else None
    ti = g.tensor("input", list(x.shape), tt, q)
    ta = g.const("axis", np.array([axis]), axis_tt)
    a = axis % x.ndim
    to = g.tensor("output", [d for i, d in enumerate(x.shape) if i != a], out_tt)
    if op == OP.ARG_MAX:
        o, ot = schema.ArgMaxOptionsT(), OPT.ArgMaxOptions
    else:
        o, ot = schema.ArgMinOptionsT(), OPT.ArgMinOptions
    o.outputType = out_tt
    g.op(op, [ti, ta], [to], ot, o)
    return g.finish([ti], [to])


def arg_case(op, x, axis, dtype, axis_tt=TT.INT32, out_tt=TT.INT32):
    m = model(op, x, axis, axis_tt, out_tt, dtype)
    return Case(m, [x], common_desc(shape=list(x.shape), axis=axis,
                                    axis_type="int64" if axis_tt == TT.INT64 else "int32",
                                    out="int64" if out_tt == TT.INT64 else "int32"))


def rand_arg_input(rng, dtype, shape):
    if rng.random() < 0.3:  # few distinct values: many ties
        vals = rng.integers(-3, 4, size=shape)
        return vals.astype(np.int8 if dtype == "int8" else np.float32)
    return rand_input(rng, dtype, shape) if dtype == "int8" else rand_float(rng, shape)


def draw_arg(op, rng, dtype):
    shape = rand_shape(rng)
    axis = int(rng.integers(0, len(shape)))
    if rng.random() < 0.5:
        axis -= len(shape)
    axis_tt = TT.INT64 if rng.random() < 0.2 and dtype == "float32" else TT.INT32
    out_tt = TT.INT64 if rng.random() < 0.3 and dtype == "float32" else TT.INT32
    return arg_case(op, rand_arg_input(rng, dtype, shape), axis, dtype, axis_tt, out_tt)


def edges_arg(op, dtype):
    out = [lambda rng, s=s, a=a: arg_case(op, rand_arg_input(rng, dtype, s), a, dtype)
           for s, a in [([10], 0), ([1, 1, 1, 5], -1), ([3, 4, 5], 1), ([2, 300], 1),
                        ([5, 1, 2], 1), ([2, 3, 4, 5, 2], -3)]]
    t = np.int8 if dtype == "int8" else np.float32
    lo, hi = (-128, 127) if dtype == "int8" else (-3.0e38, 3.0e38)
    out.append(lambda rng: arg_case(op, np.full([4, 6], lo, t), 1, dtype))
    out.append(lambda rng: arg_case(op, np.full([4, 6], hi, t), 0, dtype))
    x = np.array([[lo, hi, hi, lo], [hi, lo, lo, hi], [0, 0, 0, 0]], t)
    out.append(lambda rng: arg_case(op, x, 1, dtype))
    if dtype == "float32":
        # No NaN: TFLite Micro keeps a leading NaN (index 0 for [nan, 1, 2]),
        # as mote does, but LiteRT, the float oracle, skips it (index 2).
        y = np.array([[np.inf, 1.0, 2.0], [1.0, -np.inf, 2.0], [np.inf, -np.inf, 0.0]], np.float32)
        out.append(lambda rng: arg_case(op, y, 1, dtype, TT.INT32, TT.INT64))
    return out


def draw(rng, dtype):
    return draw_arg(OP.ARG_MAX, rng, dtype)


def edges(dtype):
    return edges_arg(OP.ARG_MAX, dtype)
