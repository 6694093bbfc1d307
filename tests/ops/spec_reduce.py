"""Shared draws of the reduction specs (spec_mean.py, spec_sum.py,
spec_reduce_max.py, spec_reduce_min.py): shapes of rank 1-5, axis lists with
negative and repeated entries in any order (sometimes every axis), keep_dims
both ways, int8 / int16 quantization from the extremes to the middle.

Edge cases: the spatial mean of image models ([N, H, W, C] over axes 1 and
2, with and without keep_dims), reductions over every axis, long rows,
inputs at both ends of the type, zero points at both ends, output scales
that make the requantization shift left, equal input and output
quantization."""

import numpy as np

from draws import Case, common_desc, log_uniform, rand_float, rand_zp
from tflite_builder import OPT, TT, Graph, quant, schema

TT_OF = {"int8": TT.INT8, "int16": TT.INT16, "float32": TT.FLOAT32, "bool": TT.BOOL}
NP_OF = {"int8": np.int8, "int16": np.int16, "float32": np.float32, "bool": np.bool_}


def out_shape(shape, axes, keep):
    r = len(shape)
    red = {a % r for a in axes}
    if keep:
        return [1 if i in red else d for i, d in enumerate(shape)]
    return [d for i, d in enumerate(shape) if i not in red]


def count_of(shape, axes):
    r = len(shape)
    return int(np.prod([shape[a] for a in {a % r for a in axes}]))


def model(op, shape, axes, keep, dtype, qi, qo):
    g = Graph()
    ti = g.tensor("input", list(shape), TT_OF[dtype], qi)
    ta = g.const("axis", np.array(axes, np.int32), TT.INT32)
    to = g.tensor("output", out_shape(shape, axes, keep), TT_OF[dtype], qo)
    o = schema.ReducerOptionsT()
    o.keepDims = bool(keep)
    g.op(op, [ti, ta], [to], OPT.ReducerOptions, o)
    return g.finish([ti], [to])


def rand_shape(rng):
    rank = int(rng.integers(1, 6))
    shape = [int(rng.integers(1, 6)) for _ in range(rank)]
    if rng.random() < 0.4:
        shape[int(rng.integers(0, rank))] = int(rng.integers(6, 40))
    return shape


def rand_axes(rng, rank):
    if rng.random() < 0.15:
        axes = list(range(rank))
    else:
        n = int(rng.integers(1, rank + 1))
        axes = [int(a) for a in rng.choice(rank, size=n, replace=False)]
    axes = [a - rank if rng.random() < 0.3 else a for a in axes]
    if rng.random() < 0.15:
        axes.append(axes[0] if rng.random() < 0.5 else (axes[0] + rank) % (2 * rank) - rank)
    rng.shuffle(axes)
    return axes


def rand_input(rng, dtype, shape):
    if dtype == "bool":  # mostly true, so that some ANDs stay true
        return rng.random(size=shape) < rng.choice([0.5, 0.9, 0.98, 1.0])
    if dtype == "float32":
        return rand_float(rng, shape)
    info = np.iinfo(NP_OF[dtype])
    r = rng.random()
    if r < 0.6:
        lo, hi = info.min, info.max
    else:
        c = int(rng.integers(info.min, info.max + 1))
        w = int(rng.integers(1, (info.max - info.min) // 8))
        lo, hi = max(info.min, c - w), min(info.max, c + w)
    return rng.integers(lo, hi + 1, size=shape, dtype=np.int64).astype(NP_OF[dtype])


def rand_in_q(rng, dtype):
    if dtype == "int8":
        return float(np.float32(log_uniform(rng, -3, 0.5))), rand_zp(rng)
    zp = 0 if rng.random() < 0.8 else int(rng.integers(-300, 301))
    return float(np.float32(log_uniform(rng, -5, -1))), zp


def case(op, x, axes, keep, dtype, qi=None, qo=None, extra=""):
    shape = list(x.shape)
    m = model(op, shape, axes, keep, dtype, None if qi is None else quant(*qi),
              None if qo is None else quant(*qo))
    d = common_desc(shape=shape, axes=axes, keep=int(keep))
    if qi is not None:
        d += " " + common_desc(in_scale=qi[0], in_zp=qi[1], out_scale=qo[0], out_zp=qo[1])
    return Case(m, [x], (d + " " + extra).strip())


def rand_mean_sum_q(rng, dtype, x, axes, is_sum):
    """Input and output quantization of MEAN / SUM: mostly an output scale
    that spreads the actual results over most of the type, sometimes the
    input's quantization, sometimes a scale decades away (saturation, left
    shifts)."""
    si, zi = rand_in_q(rng, dtype)
    r = rng.random()
    if r < 0.15:
        return (si, zi), (si, zi)
    if dtype == "int8":
        zo = rand_zp(rng)
    else:
        zo = 0 if rng.random() < 0.8 else int(rng.integers(-300, 301))
    ax = tuple(sorted({a % x.ndim for a in axes}))
    real = (x.astype(np.float64) - zi).sum(axis=ax) * si
    if not is_sum:
        real = real / count_of(list(x.shape), axes)
    peak = float(np.max(np.abs(real))) or si
    qmax = 127 if dtype == "int8" else 32767
    if r < 0.25:
        so = peak / qmax * log_uniform(rng, -2, 2)
    else:
        so = peak / ((qmax - abs(zo)) * rng.uniform(0.4, 1.2))
    return (si, zi), (float(np.float32(max(so, si * 1e-4))), zo)


def draw_mean_sum(op, rng, dtype, is_sum):
    shape = rand_shape(rng)
    axes = rand_axes(rng, len(shape))
    keep = bool(rng.random() < 0.5)
    x = rand_input(rng, dtype, shape)
    if dtype == "float32":
        return case(op, x, axes, keep, dtype)
    qi, qo = rand_mean_sum_q(rng, dtype, x, axes, is_sum)
    return case(op, x, axes, keep, dtype, qi, qo)


def draw_extreme(op, rng, dtype):
    shape = rand_shape(rng)
    axes = rand_axes(rng, len(shape))
    keep = bool(rng.random() < 0.5)
    x = rand_input(rng, dtype, shape)
    if dtype == "bool":
        return case(op, x, axes, keep, dtype)
    if dtype == "float32":
        if rng.random() < 0.1:
            x.flat[int(rng.integers(0, x.size))] = np.float32(rng.choice([np.inf, -np.inf]))
        return case(op, x, axes, keep, dtype)
    q = rand_in_q(rng, dtype)
    return case(op, x, axes, keep, dtype, q, q)


# shape, axes, keep
EDGE_SHAPES = [
    ([1, 7, 7, 16], [1, 2], True), ([2, 5, 6, 3], [2, 1], False), ([1, 4, 4, 8], [-3, -2], True),
    ([2, 3, 4], [0, 1, 2], False), ([2, 3, 4], [-1, 2, -1], True), ([300], [0], False),
    ([3, 1, 4, 1, 5], [1, 3], False), ([1, 12, 12, 64], [1, 2], True), ([4, 6], [0], True),
]


def edges_mean_sum(op, dtype, is_sum):
    out = []
    for shape, axes, keep in EDGE_SHAPES:
        def f(rng, shape=shape, axes=axes, keep=keep):
            x = rand_input(rng, dtype, shape)
            if dtype == "float32":
                return case(op, x, axes, keep, dtype)
            qi, qo = rand_mean_sum_q(rng, dtype, x, axes, is_sum)
            return case(op, x, axes, keep, dtype, qi, qo)
        out.append(f)
    if dtype == "float32":
        return out
    info = np.iinfo(NP_OF[dtype])
    big = 128 if dtype == "int8" else 32768
    # Both ends of the type, zero points at both ends, and output scales far
    # below the input's (left shifts in the requantization).
    for v in (info.min, info.max):
        for zi in ((-128, 127) if dtype == "int8" else (0, -1000)):
            out.append(lambda rng, v=v, zi=zi: case(
                op, np.full([2, 16, 3], v, NP_OF[dtype]), [1], False, dtype, (0.05, zi),
                (0.05 * (16 if is_sum else 1), min(127, -zi) if dtype == "int8" else 0)))
    out.append(lambda rng: case(op, rand_input(rng, dtype, [2, 4, 5]), [2], True, dtype,
                                (0.5, 3 if dtype == "int8" else 0), (0.5 / 300.0, 0)))
    out.append(lambda rng: case(op, rand_input(rng, dtype, [64, 2]), [0], False, dtype,
                                (1.0 / big, 0), (8.0 / big, 0)))
    # Long reductions: a MobileNet-style spatial mean, and an int16 row
    # whose sums come near int32.
    def spatial(rng):
        x = rand_input(rng, dtype, [1, 48, 48, 16])
        return case(op, x, [1, 2], True, dtype, *rand_mean_sum_q(rng, dtype, x, [1, 2], is_sum))
    out.append(spatial)
    out.append(lambda rng: case(op, np.full([2, 30000], info.min, NP_OF[dtype]), [1], False,
                                dtype, (0.01, 0), (0.01 * (30000 if is_sum else 1), 0)))
    # Equal quantization in and out.
    out.append(lambda rng: case(op, rand_input(rng, dtype, [3, 9, 2]), [1, 2], False, dtype,
                                (0.1, 5 if dtype == "int8" else 0),
                                (0.1, 5 if dtype == "int8" else 0)))
    return out


def edges_extreme(op, dtype):
    out = []
    for shape, axes, keep in EDGE_SHAPES:
        def f(rng, shape=shape, axes=axes, keep=keep):
            x = rand_input(rng, dtype, shape)
            q = None if dtype in ("float32", "bool") else rand_in_q(rng, dtype)
            return case(op, x, axes, keep, dtype, q, q)
        out.append(f)
    if dtype == "bool":
        out.append(lambda rng: case(op, np.ones([3, 4], np.bool_), [0, 1], True, dtype))
        out.append(lambda rng: case(op, np.eye(4, dtype=np.bool_), [-1], False, dtype))
        return out
    if dtype == "float32":
        x = np.array([[np.inf, -np.inf, 0.0, -0.0], [np.nan, 1.0, -1.0, 2.0],
                      [-3.0e38, -3.0e38, -3.0e38, -3.0e38]], np.float32)
        out.append(lambda rng: case(op, x, [1], False, dtype))
    else:
        info = np.iinfo(NP_OF[dtype])
        for v in (info.min, info.max):
            out.append(lambda rng, v=v: case(op, np.full([3, 5], v, NP_OF[dtype]), [0], True,
                                             dtype, (0.1, -128), (0.1, -128)))
    return out
