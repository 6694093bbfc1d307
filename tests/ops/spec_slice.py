"""SLICE test spec: input rank 1-5 (TFLite Micro's limit), begin and size
in constant int32 or int64 tensors, sizes sometimes -1 (to the end).
Edge cases: the whole tensor, a single element, int64 indices."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "SLICE"
KERNELS = {"int8": "STRIDED", "int16": "STRIDED", "float32": "STRIDED", "int32": "STRIDED",
           "bool": "STRIDED"}


def _case(rng, dtype, shape, begin, size, itype):
    q = rand_quant(rng, dtype)
    out_shape = [d - b if z == -1 else z for d, b, z in zip(shape, begin, size)]
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    np_t = np.int32 if itype == TT.INT32 else np.int64
    tb = gr.const("begin", np.array(begin, dtype=np_t), itype)
    tz = gr.const("size", np.array(size, dtype=np_t), itype)
    to = gr.tensor("output", out_shape, tt(dtype), q)
    gr.op(OP.SLICE, [ti, tb, tz], [to], OPT.SliceOptions, schema.SliceOptionsT())
    desc = common_desc(shape=shape, begin=begin, size=size, out=out_shape,
                       int64=itype == TT.INT64)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], desc)


def draw(rng, dtype):
    rank = int(rng.integers(1, 6))
    shape = rand_shape(rng, rank)
    begin = [int(rng.integers(0, d)) for d in shape]
    size = [-1 if rng.random() < 0.2 else int(rng.integers(1, d - b + 1))
            for d, b in zip(shape, begin)]
    itype = TT.INT64 if rng.random() < 0.3 else TT.INT32
    return _case(rng, dtype, shape, begin, size, itype)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [2, 3, 4], [0, 0, 0], [2, 3, 4], TT.INT32),
            lambda rng: _case(rng, dtype, [2, 3, 4], [1, 2, 3], [1, 1, 1], TT.INT32),
            lambda rng: _case(rng, dtype, [5, 6], [1, 2], [-1, -1], TT.INT64),
            lambda rng: _case(rng, dtype, [1, 8, 8, 3], [0, 2, 2, 0], [1, 4, 4, 3], TT.INT32)]
