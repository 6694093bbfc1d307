"""EXPAND_DIMS test spec: input rank 0-5, a size-1 dimension inserted at a
random axis in [-rank-1, rank], a constant int32 scalar or one-element
vector. mote runs it in place (kernel COPY)."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "EXPAND_DIMS"
KERNELS = {"int8": "COPY", "int16": "COPY", "float32": "COPY"}


def _case(rng, dtype, shape, axis, vector):
    q = rand_quant(rng, dtype)
    rank = len(shape)
    ax = axis if axis >= 0 else axis + rank + 1
    out_shape = list(shape[:ax]) + [1] + list(shape[ax:])
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    ta = gr.const("axis", np.array([axis] if vector else axis, dtype=np.int32), TT.INT32)
    to = gr.tensor("output", out_shape, tt(dtype), q)
    gr.op(OP.EXPAND_DIMS, [ti, ta], [to], OPT.ExpandDimsOptions, schema.ExpandDimsOptionsT())
    desc = common_desc(shape=shape, axis=axis, out=out_shape)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], desc)


def draw(rng, dtype):
    rank = int(rng.integers(0, 6))
    return _case(rng, dtype, rand_shape(rng, rank), int(rng.integers(-rank - 1, rank + 1)),
                 bool(rng.random() < 0.3))


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [], 0, False),
            lambda rng: _case(rng, dtype, [4, 5], -1, True),
            lambda rng: _case(rng, dtype, [4, 5], 0, False),
            lambda rng: _case(rng, dtype, [4, 5], -3, False)]
