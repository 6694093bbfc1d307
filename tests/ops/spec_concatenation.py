"""CONCATENATION test spec: 1-6 inputs of rank 1-4 (TFLite Micro's limit)
joined along a random axis (negative too), some inputs constant (a model
has at most 4 inputs); int8 / int16 inputs quantized as the output
(TFLite Micro requires it: it copies bytes, it does not requantize). Edge cases: one input, channel
concatenation, axis 0, axis -1, ten inputs."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, Graph, schema

OPERATOR = "CONCATENATION"
KERNELS = {"int8": "CONCAT", "int16": "CONCAT", "float32": "CONCAT", "int32": "CONCAT",
           "int64": "CONCAT", "bool": "CONCAT"}


def _case(rng, dtype, shape, axis, sizes, n_const=0):
    rank = len(shape)
    ax = axis % rank
    q = rand_quant(rng, dtype)
    gr = Graph()
    ins, model_ins, inputs, shapes = [], [], [], []
    consts = set(rng.choice(len(sizes), size=n_const, replace=False).tolist()) if n_const else set()
    for k, n in enumerate(sizes):
        s = list(shape)
        s[ax] = n
        shapes.append(s)
        x = rand_data(rng, dtype, s)
        if k in consts:
            ins.append(gr.const("in%d" % k, x, tt(dtype), q))
        else:
            t = gr.tensor("in%d" % k, s, tt(dtype), q)
            ins.append(t)
            model_ins.append(t)
            inputs.append(x)
    out_shape = list(shape)
    out_shape[ax] = sum(sizes)
    to = gr.tensor("output", out_shape, tt(dtype), q)
    o = schema.ConcatenationOptionsT()
    o.axis = axis
    gr.op(OP.CONCATENATION, ins, [to], OPT.ConcatenationOptions, o)
    desc = common_desc(shapes=shapes, axis=axis, out=out_shape, consts=sorted(consts))
    return Case(gr.finish(model_ins, [to]), inputs, desc)


def draw(rng, dtype):
    rank = int(rng.integers(1, 5))
    shape = rand_shape(rng, rank)
    axis = int(rng.integers(-rank, rank))
    n = int(rng.choice([1, 2, 2, 3, 3, 4, 5, 6]))
    sizes = [int(rng.integers(1, 6)) for _ in range(n)]
    n_const = max(n - 4, int(rng.integers(0, n)) if rng.random() < 0.2 else 0)
    return _case(rng, dtype, shape, axis, sizes, n_const)


_EDGES = [([2, 3], 1, [3]), ([1, 4, 4, 3], 3, [3, 5]), ([1, 4, 4, 3], -1, [1, 1, 2]),
          ([2, 3, 2], 0, [2, 1]), ([5], 0, [1, 2, 3, 4]), ([1, 2, 2, 1], 1, [1] * 10)]


def edges(dtype):
    return [lambda rng, s=s, a=a, z=z: _case(rng, dtype, s, a, z, max(0, len(z) - 4))
            for s, a, z in _EDGES]
