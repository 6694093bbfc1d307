"""PACK test spec: 1-6 inputs of rank 0-3 stacked along a new axis
(negative too), inputs beyond the fourth constant (a model has at most 4
inputs; at most 4 scalars, as the model writer stores a constant scalar as [1]). Edge cases: one input, scalars, last axis."""

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, Graph, schema

OPERATOR = "PACK"
KERNELS = {"int8": "CONCAT", "int16": "CONCAT", "float32": "CONCAT", "int32": "CONCAT", "int64": "CONCAT"}


def _case(rng, dtype, shape, axis, n):
    q = rand_quant(rng, dtype)
    rank = len(shape)
    ax = axis % (rank + 1)
    gr = Graph()
    ins, model_ins, inputs = [], [], []
    for k in range(n):
        x = rand_data(rng, dtype, shape)
        if k >= 4:
            ins.append(gr.const("in%d" % k, x, tt(dtype), q))
        else:
            t = gr.tensor("in%d" % k, shape, tt(dtype), q)
            ins.append(t)
            model_ins.append(t)
            inputs.append(x)
    out_shape = list(shape[:ax]) + [n] + list(shape[ax:])
    to = gr.tensor("output", out_shape, tt(dtype), q)
    o = schema.PackOptionsT()
    o.valuesCount = n
    o.axis = axis
    gr.op(OP.PACK, ins, [to], OPT.PackOptions, o)
    desc = common_desc(shape=shape, n=n, axis=axis, out=out_shape)
    return Case(gr.finish(model_ins, [to]), inputs, desc)


def draw(rng, dtype):
    rank = int(rng.integers(0, 4))
    shape = rand_shape(rng, rank)
    axis = int(rng.integers(-rank - 1, rank + 1))
    # Scalars stay model inputs: the model writer stores a constant of shape [] as [1].
    return _case(rng, dtype, shape, axis, int(rng.integers(1, 7 if rank else 5)))


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [3, 4], 0, 1),
            lambda rng: _case(rng, dtype, [], 0, 4),
            lambda rng: _case(rng, dtype, [2, 3], -1, 5),
            lambda rng: _case(rng, dtype, [2, 1, 3], 2, 2)]
