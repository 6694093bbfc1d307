"""MAXIMUM test spec: broadcasting shapes of rank 0-6, operand 2 sometimes
constant, the three tensors sharing one quantization (as converted models
have it; int32 / int64 unquantized); edge cases with ties, extremes and
(float) infinities."""

import numpy as np

import spec_datamove
from spec_ew import binary_case, rand_bcast_shapes, rand_data, rand_q
from tflite_builder import OP, OPT, quant, schema

OPERATOR = "MAXIMUM"
KERNELS = {"int8": "MAXIMUM_S8", "int16": "MAXIMUM_S16", "float32": "MAXIMUM_F32",
           "int32": "MAXIMUM_I32", "int64": "MAXIMUM_I64"}
_OP = OP.MAXIMUM


def _data(rng, dtype, shape):
    if dtype in ("int32", "int64"):
        return spec_datamove.rand_data(rng, dtype, shape)
    return rand_data(rng, dtype, shape)


def case(op, rng, dtype, sa, sb, const_b=False, a=None, b=None):
    a = _data(rng, dtype, sa) if a is None else a
    b = _data(rng, dtype, sb) if b is None else b
    if rng.random() < 0.3 and a.size and b.size:  # some ties
        b = np.broadcast_to(a.flat[0], b.shape).astype(b.dtype).copy() if b.size == 1 else b
    q = None if dtype in ("float32", "int32", "int64") else quant(*rand_q(rng, dtype))
    return binary_case(op, dtype, a, b, q, q, q, OPT.MaximumMinimumOptions,
                       schema.MaximumMinimumOptionsT(), const_b)


def draw(rng, dtype):
    sa, sb = rand_bcast_shapes(rng)
    return case(_OP, rng, dtype, sa, sb, bool(rng.random() < 0.2))


def edge_list(op, dtype):
    out = [lambda rng, s=s: case(op, rng, dtype, s[0], s[1])
           for s in [([2, 3, 4], [2, 3, 4]), ([1, 4, 4, 3], [3]), ([5], []),
                     ([2, 1, 3, 1, 2, 1], [1, 4, 1, 3, 1, 2])]]
    if dtype == "float32":
        a = np.array([np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0], np.float32)
        b = np.array([1.0, 1.0, -0.0, 0.0, 1.0, np.inf], np.float32)
        out.append(lambda rng: case(op, rng, dtype, None, None, False, a, b))
    else:
        npt = {"int8": np.int8, "int16": np.int16, "int32": np.int32, "int64": np.int64}[dtype]
        lo, hi = int(np.iinfo(npt).min), int(np.iinfo(npt).max)
        a = np.array([lo, hi, 0, lo, hi, -1], npt)
        b = np.array([hi, lo, 0, lo, hi, 1], a.dtype)
        out.append(lambda rng: case(op, rng, dtype, None, None, False, a, b))
    return out


def edges(dtype):
    return edge_list(_OP, dtype)
