"""UNPACK test spec: input rank 1-4, one output per index along a random
axis (negative too), at most 4 outputs (a model has at most 4 outputs).
Edge cases: one output, first and last axis."""

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, Graph, schema

OPERATOR = "UNPACK"
KERNELS = {"int8": "SPLIT", "int16": "SPLIT", "float32": "SPLIT", "int32": "SPLIT"}


def _case(rng, dtype, shape, axis):
    q = rand_quant(rng, dtype)
    ax = axis % len(shape)
    n = shape[ax]
    out_shape = shape[:ax] + shape[ax + 1:]
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    outs = [gr.tensor("out%d" % k, out_shape, tt(dtype), q) for k in range(n)]
    o = schema.UnpackOptionsT()
    o.num = n
    o.axis = axis
    gr.op(OP.UNPACK, [ti], outs, OPT.UnpackOptions, o)
    desc = common_desc(shape=shape, axis=axis, out=out_shape)
    return Case(gr.finish([ti], outs), [rand_data(rng, dtype, shape)], desc, n_outputs=n)


def draw(rng, dtype):
    rank = int(rng.integers(1, 5))
    shape = rand_shape(rng, rank)
    axis = int(rng.integers(-rank, rank))
    shape[axis % rank] = int(rng.integers(1, 5))
    return _case(rng, dtype, shape, axis)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [1, 5], 0),
            lambda rng: _case(rng, dtype, [4], 0),
            lambda rng: _case(rng, dtype, [2, 3, 4], -1),
            lambda rng: _case(rng, dtype, [3, 2, 2, 2], 0)]
