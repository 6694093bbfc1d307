"""GATHER_ND test spec: params rank 1-4, int32 indices [..., nd] with nd
1 to the params' rank, batch rank 1-3, every index valid, fed as a model
input. Edge cases: whole-element gather, nd 1 slices, one row."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "GATHER_ND"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "GATHER_ND", "float32": "GATHER_ND"}


def _case(rng, dtype, shape, lead, nd):
    idx = np.stack([rng.integers(0, shape[k], size=lead) for k in range(nd)],
                   axis=-1).astype(np.int32)
    out_shape = lead + shape[nd:]
    q = rand_quant(rng, dtype)
    gr = Graph()
    ti = gr.tensor("params", shape, tt(dtype), q)
    tx = gr.tensor("indices", lead + [nd], TT.INT32)
    to = gr.tensor("output", out_shape, tt(dtype), q)
    gr.op(OP.GATHER_ND, [ti, tx], [to], OPT.GatherNdOptions, schema.GatherNdOptionsT())
    desc = common_desc(shape=shape, indices=lead + [nd])
    return Case(gr.finish([ti, tx], [to]), [rand_data(rng, dtype, shape), idx], desc)


def draw(rng, dtype):
    rank = int(rng.integers(1, 5))
    shape = rand_shape(rng, rank)
    nd = int(rng.integers(1, rank + 1))
    lead = rand_shape(rng, int(rng.integers(1, 4)), 4)
    if len(lead) - 0 + rank - nd > 6:
        lead = lead[:1]
    return _case(rng, dtype, shape, lead, nd)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [3, 4], [5], 2),
            lambda rng: _case(rng, dtype, [6, 2, 3], [4], 1),
            lambda rng: _case(rng, dtype, [7], [1], 1),
            lambda rng: _case(rng, dtype, [2, 3, 4, 5], [2, 2], 3)]
