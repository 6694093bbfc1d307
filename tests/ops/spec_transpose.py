"""TRANSPOSE test spec: rank 1-5 (TFLite Micro's limit), a random
permutation in a constant int32 tensor. Edge cases: identity, NCHW <-> NHWC,
full reversal of rank 5, matrix transpose."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "TRANSPOSE"
KERNELS = {"int8": "STRIDED", "int16": "STRIDED", "float32": "STRIDED"}


def _case(rng, dtype, shape, perm):
    q = rand_quant(rng, dtype)
    out_shape = [shape[p] for p in perm]
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    tp = gr.const("perm", np.array(perm, dtype=np.int32), TT.INT32)
    to = gr.tensor("output", out_shape, tt(dtype), q)
    gr.op(OP.TRANSPOSE, [ti, tp], [to], OPT.TransposeOptions, schema.TransposeOptionsT())
    desc = common_desc(shape=shape, perm=perm, out=out_shape)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], desc)


def draw(rng, dtype):
    rank = int(rng.integers(1, 6))
    return _case(rng, dtype, rand_shape(rng, rank), [int(p) for p in rng.permutation(rank)])


_EDGES = [([2, 3, 4], [0, 1, 2]), ([1, 3, 4, 5], [0, 2, 3, 1]), ([1, 4, 5, 3], [0, 3, 1, 2]),
          ([2, 3, 2, 3, 2], [4, 3, 2, 1, 0]), ([7, 9], [1, 0]), ([6], [0])]


def edges(dtype):
    return [lambda rng, s=s, p=p: _case(rng, dtype, s, p) for s, p in _EDGES]
