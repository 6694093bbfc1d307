"""GATHER test spec: params rank 1-4, axis anywhere (negative too),
batch_dims 0 or up to the axis, int32 positions of rank 0-3 fed as model
inputs (sometimes constant), every position valid (a bad one fails the
invoke in TFLite Micro and mote alike). Edge cases: scalar position,
axis 0 and last, batch_dims with a negative value."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "GATHER"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "GATHER", "float32": "GATHER"}


def _case(rng, dtype, shape, axis, pshape, batch_dims=0, const=False):
    rank = len(shape)
    ax = axis + rank if axis < 0 else axis
    bd = batch_dims + len(pshape) if batch_dims < 0 else batch_dims
    pos = rng.integers(0, shape[ax], size=pshape).astype(np.int32)
    out_shape = shape[:ax] + pshape[bd:] + shape[ax + 1:]
    q = rand_quant(rng, dtype)
    gr = Graph()
    ti = gr.tensor("params", shape, tt(dtype), q)
    tp = gr.const("positions", pos, TT.INT32) if const else gr.tensor("positions", pshape,
                                                                        TT.INT32)
    gr.tensors[tp].shape = list(pshape)  # const() writes a scalar as [1]
    to = gr.tensor("output", out_shape, tt(dtype), q)
    o = schema.GatherOptionsT()
    o.axis, o.batchDims = axis, batch_dims
    gr.op(OP.GATHER, [ti, tp], [to], OPT.GatherOptions, o)
    x = rand_data(rng, dtype, shape)
    desc = common_desc(shape=shape, axis=axis, positions=pshape, batch_dims=batch_dims,
                       const=const)
    if const:
        return Case(gr.finish([ti], [to]), [x], desc)
    return Case(gr.finish([ti, tp], [to]), [x, pos], desc)


def draw(rng, dtype):
    rank = int(rng.integers(1, 5))
    shape = rand_shape(rng, rank)
    ax = int(rng.integers(0, rank))
    bd = int(rng.integers(0, ax + 1)) if rng.random() < 0.3 else 0
    pshape = shape[:bd] + rand_shape(rng, int(rng.integers(0, 3)), 4)
    axis = ax - rank if rng.random() < 0.3 else ax
    return _case(rng, dtype, shape, axis, pshape, bd, rng.random() < 0.2)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [5], 0, []),
            lambda rng: _case(rng, dtype, [4, 3], 0, [6]),
            lambda rng: _case(rng, dtype, [2, 3, 4], -1, [2, 2]),
            lambda rng: _case(rng, dtype, [2, 5, 3], 1, [2, 4], batch_dims=-1),
            lambda rng: _case(rng, dtype, [3, 4], 1, [3], const=True)]
