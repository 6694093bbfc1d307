"""REVERSE_V2 test spec: input rank 1-5, one axis or a run of neighbouring
axes (TFLite Micro refuses others; mote reverses any set), negative too, in
a constant int32 vector. Edge cases: rank 1, first and last axis, all axes."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "REVERSE_V2"
KERNELS = {"int8": "STRIDED", "int16": "STRIDED", "float32": "STRIDED", "int32": "STRIDED",
           "int64": "STRIDED", "bool": "STRIDED"}


def _case(rng, dtype, shape, axes):
    q = rand_quant(rng, dtype)
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    ta = gr.const("axis", np.array(axes, dtype=np.int32), TT.INT32)
    to = gr.tensor("output", shape, tt(dtype), q)
    gr.op(OP.REVERSE_V2, [ti, ta], [to], OPT.ReverseV2Options, schema.ReverseV2OptionsT())
    desc = common_desc(shape=shape, axes=axes)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], desc)


def draw(rng, dtype):
    rank = int(rng.integers(1, 6))
    first = int(rng.integers(0, rank))
    n = int(rng.integers(1, rank - first + 1)) if rng.random() < 0.3 else 1
    axes = [a - rank if rng.random() < 0.3 else a for a in range(first, first + n)]
    return _case(rng, dtype, rand_shape(rng, rank), axes)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [9], [0]),
            lambda rng: _case(rng, dtype, [2, 3, 4], [-1]),
            lambda rng: _case(rng, dtype, [3, 2, 2, 2], [0]),
            lambda rng: _case(rng, dtype, [2, 3, 4], [0, 1, 2])]
