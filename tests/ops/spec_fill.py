"""FILL test spec: constant int32 (sometimes int64) dims of rank 1-5, a
scalar value fed as a model input: float32, int8 (quantized as the
output), int32. Edge cases: one element, rank 5."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "FILL"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "FILL", "float32": "FILL", "int32": "FILL"}


def _case(rng, dtype, shape, int64=False):
    q = rand_quant(rng, dtype)
    gr = Graph()
    td = gr.const("dims", np.array(shape, dtype=np.int64 if int64 else np.int32),
                  TT.INT64 if int64 else TT.INT32)
    tv = gr.tensor("value", [], tt(dtype), q)
    to = gr.tensor("output", shape, tt(dtype), q)
    gr.op(OP.FILL, [td, tv], [to], OPT.FillOptions, schema.FillOptionsT())
    v = np.asarray(rand_data(rng, dtype, [1])[0])
    return Case(gr.finish([tv], [to]), [v], common_desc(shape=shape, int64=int64))


def draw(rng, dtype):
    return _case(rng, dtype, rand_shape(rng, int(rng.integers(1, 6))), rng.random() < 0.3)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [1]),
            lambda rng: _case(rng, dtype, [2, 1, 3, 1, 2], True)]
