"""PAD test spec: rank 1-5 (TFLite Micro's limit), each side of each
dimension padded by 0-3 (often 0), constant int32 paddings; int8 pads with
the output zero point (input and output quantization sometimes differ:
bytes are copied), int16 / int32 / float32 with 0. Edge cases: nothing
padded, image-style [0,0] batch and channel paddings, rank 1, wide pads."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "PAD"
KERNELS = {"int8": "PAD", "int16": "PAD", "float32": "PAD", "int32": "PAD"}


def model(rng, dtype, shape, pads, value=None, value_const=True, qo=None):
    """PAD (value None) or PADV2 of a random input; returns a Case."""
    qi = rand_quant(rng, dtype)
    if qo is None:
        qo = qi if rng.random() < 0.8 else rand_quant(rng, dtype)
    out_shape = [d + a + b for d, (a, b) in zip(shape, pads)]
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), qi)
    tp = gr.const("paddings", np.array(pads, dtype=np.int32).reshape(len(shape), 2), TT.INT32)
    to = gr.tensor("output", out_shape, tt(dtype), qo)
    ins, model_ins = [ti, tp], [ti]
    x = rand_data(rng, dtype, shape)
    inputs = [x]
    if value is None:
        gr.op(OP.PAD, ins, [to], OPT.PadOptions, schema.PadOptionsT())
    else:
        v = np.array(value).astype(x.dtype)
        if value_const:
            tv = gr.const("value", v, tt(dtype), qo)
        else:
            tv = gr.tensor("value", [], tt(dtype), qo)
            model_ins.append(tv)
            inputs.append(v)
        gr.op(OP.PADV2, ins + [tv], [to], OPT.PadV2Options, schema.PadV2OptionsT())
    desc = common_desc(shape=shape, pads=pads, out=out_shape,
                       value=None if value is None else np.asarray(value).item(),
                       value_const=value_const)
    return Case(gr.finish(model_ins, [to]), inputs, desc)


def rand_pads(rng, rank):
    return [[int(rng.choice([0, 0, 1, 2, 3])) for _ in range(2)] for _ in range(rank)]


def draw(rng, dtype):
    rank = int(rng.integers(1, 6))
    return model(rng, dtype, rand_shape(rng, rank), rand_pads(rng, rank))


_EDGES = [([2, 3, 4, 2], [[0, 0], [0, 0], [0, 0], [0, 0]]),
          ([1, 5, 5, 3], [[0, 0], [1, 1], [2, 2], [0, 0]]),
          ([2, 4, 4, 8], [[0, 0], [0, 1], [0, 1], [0, 0]]),
          ([7], [[3, 0]]), ([7], [[0, 5]]), ([1], [[9, 9]]),
          ([2, 3], [[1, 0], [0, 4]]), ([1, 2, 1, 2, 3], [[1, 1], [0, 0], [2, 0], [0, 1], [1, 1]]),
          ([3, 2, 2], [[4, 4], [4, 4], [4, 4]])]


def edges(dtype):
    return [lambda rng, s=s, p=p: model(rng, dtype, s, p) for s, p in _EDGES]
