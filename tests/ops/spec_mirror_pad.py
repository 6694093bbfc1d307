"""MIRROR_PAD test spec: rank 1-5, REFLECT (paddings up to dim - 1) or
SYMMETRIC (up to dim), constant int32 paddings. Edge cases: nothing
padded, the largest paddings either mode allows."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "MIRROR_PAD"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "MIRROR_PAD", "float32": "MIRROR_PAD"}


def _case(rng, dtype, shape, pads, mode):
    q = rand_quant(rng, dtype)
    out = [d + a + b for d, (a, b) in zip(shape, pads)]
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    tp = gr.const("paddings", np.array(pads, dtype=np.int32).reshape(len(shape), 2), TT.INT32)
    to = gr.tensor("output", out, tt(dtype), q)
    o = schema.MirrorPadOptionsT()
    o.mode = mode
    gr.op(OP.MIRROR_PAD, [ti, tp], [to], OPT.MirrorPadOptions, o)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)],
                common_desc(shape=shape, pads=pads, mode=["REFLECT", "SYMMETRIC"][mode]))


def draw(rng, dtype):
    shape = rand_shape(rng, int(rng.integers(1, 6)))
    mode = int(rng.integers(0, 2))
    pads = [[int(rng.integers(0, d - (1 - mode) + 1)) if rng.random() < 0.6 else 0
             for _ in range(2)] for d in shape]
    return _case(rng, dtype, shape, pads, mode)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [2, 3], [[0, 0], [0, 0]], 0),
            lambda rng: _case(rng, dtype, [3, 4], [[2, 2], [3, 3]], 0),
            lambda rng: _case(rng, dtype, [3, 4], [[3, 3], [4, 4]], 1),
            lambda rng: _case(rng, dtype, [1, 5, 5, 2], [[0, 0], [1, 1], [1, 1], [0, 0]], 1)]
