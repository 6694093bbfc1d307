"""SPLIT test spec: input rank 1-4 split into 1-4 equal parts (a model has
at most 4 outputs) along a random axis (negative too), given as a constant
int32 scalar or one-element vector. Edge cases: one part, channels, last
axis."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "SPLIT"
KERNELS = {"int8": "SPLIT", "int16": "SPLIT", "float32": "SPLIT", "int32": "SPLIT"}


def _case(rng, dtype, shape, axis, n, sizes=None):
    """SPLIT (sizes None) or SPLIT_V with the given sizes."""
    q = rand_quant(rng, dtype)
    ax = axis % len(shape)
    sizes = sizes or [shape[ax] // n] * n
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    axis_val = np.array(axis if rng.random() < 0.7 else [axis], dtype=np.int32)
    ta = gr.const("axis", axis_val, TT.INT32)
    outs = []
    for k, z in enumerate(sizes):
        s = list(shape)
        s[ax] = z
        outs.append(gr.tensor("out%d" % k, s, tt(dtype), q))
    return gr, ti, ta, outs, sizes


def model(rng, dtype, shape, axis, n, split_v=False):
    ax = axis % len(shape)
    if split_v:
        cuts = sorted(rng.choice(np.arange(1, shape[ax]), size=n - 1, replace=False).tolist()) \
            if n > 1 else []
        sizes = [b - a for a, b in zip([0] + cuts, cuts + [shape[ax]])]
    else:
        sizes = None
    gr, ti, ta, outs, sizes = _case(rng, dtype, shape, axis, n, sizes)
    if split_v:
        spec = list(sizes)
        if rng.random() < 0.3:
            spec[int(rng.integers(0, n))] = -1
        tz = gr.const("size_splits", np.array(spec, dtype=np.int32), TT.INT32)
        o = schema.SplitVOptionsT()
        o.numSplits = n
        gr.op(OP.SPLIT_V, [ti, tz, ta], outs, OPT.SplitVOptions, o)
    else:
        o = schema.SplitOptionsT()
        o.numSplits = n
        gr.op(OP.SPLIT, [ta, ti], outs, OPT.SplitOptions, o)
    desc = common_desc(shape=shape, axis=axis, sizes=sizes)
    return Case(gr.finish([ti], outs), [rand_data(rng, dtype, shape)], desc, n_outputs=n)


def draw_shape(rng, split_v):
    rank = int(rng.integers(1, 5))
    shape = rand_shape(rng, rank)
    axis = int(rng.integers(-rank, rank))
    n = int(rng.integers(1, 5))
    shape[axis % rank] = n * (1 if split_v else int(rng.integers(1, 4))) + \
        (int(rng.integers(0, 4)) if split_v else 0)
    return shape, axis, n


def draw(rng, dtype):
    shape, axis, n = draw_shape(rng, False)
    return model(rng, dtype, shape, axis, n)


def edges(dtype):
    return [lambda rng: model(rng, dtype, [2, 3], 1, 1),
            lambda rng: model(rng, dtype, [1, 4, 4, 8], 3, 4),
            lambda rng: model(rng, dtype, [6, 2], -2, 3),
            lambda rng: model(rng, dtype, [8], 0, 2)]
