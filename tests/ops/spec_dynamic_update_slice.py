"""DYNAMIC_UPDATE_SLICE test spec: operand rank 1-5, an update no larger in
any dimension, int32 (sometimes int64) start indices fed as a model input,
some outside the range (TFLite clamps them). Edge cases: the whole operand
updated, negative and too-large starts."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "DYNAMIC_UPDATE_SLICE"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "DYNAMIC_UPDATE_SLICE", "int16": "DYNAMIC_UPDATE_SLICE",
           "float32": "DYNAMIC_UPDATE_SLICE", "int32": "DYNAMIC_UPDATE_SLICE"}


def _case(rng, dtype, shape, upd, start, int64=False):
    q = rand_quant(rng, dtype)
    gr = Graph()
    ti = gr.tensor("operand", shape, tt(dtype), q)
    tu = gr.tensor("update", upd, tt(dtype), q)
    ts = gr.tensor("start", [len(shape)], TT.INT64 if int64 else TT.INT32)
    to = gr.tensor("output", shape, tt(dtype), q)
    gr.op(OP.DYNAMIC_UPDATE_SLICE, [ti, tu, ts], [to], OPT.DynamicUpdateSliceOptions,
          schema.DynamicUpdateSliceOptionsT())
    ins = [rand_data(rng, dtype, shape), rand_data(rng, dtype, upd),
           np.array(start, dtype=np.int64 if int64 else np.int32)]
    return Case(gr.finish([ti, tu, ts], [to]), ins,
                common_desc(shape=shape, update=upd, start=start, int64=int64))


def draw(rng, dtype):
    shape = rand_shape(rng, int(rng.integers(1, 6)))
    upd = [int(rng.integers(1, d + 1)) for d in shape]
    start = [int(rng.integers(-2, d - u + 3)) for d, u in zip(shape, upd)]
    return _case(rng, dtype, shape, upd, start, rng.random() < 0.3)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [3, 4], [3, 4], [0, 0]),
            lambda rng: _case(rng, dtype, [5, 4], [2, 2], [-3, 9]),
            lambda rng: _case(rng, dtype, [6], [1], [5], True)]
