"""BROADCAST_TO test spec: output rank 1-5 (TFLite Micro's limit), input of
equal or lower rank with dimensions kept or 1, the shape in a constant
int32 or int64 tensor. Edge cases: nothing broadcast, a scalar-like [1].
float32 is checked against TFLite Micro too: LiteRT's reference resolver
has no BROADCAST_TO version 1."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "BROADCAST_TO"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "STRIDED", "int16": "STRIDED", "float32": "STRIDED", "int32": "STRIDED",
           "int64": "STRIDED", "bool": "STRIDED"}


def _case(rng, dtype, shape, out_shape, itype=TT.INT32):
    q = rand_quant(rng, dtype)
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    ts = gr.const("shape", np.array(out_shape, dtype=np.int32 if itype == TT.INT32
                                    else np.int64), itype)
    to = gr.tensor("output", out_shape, tt(dtype), q)
    gr.op(OP.BROADCAST_TO, [ti, ts], [to], OPT.BroadcastToOptions, schema.BroadcastToOptionsT())
    desc = common_desc(shape=shape, out=out_shape, int64=itype == TT.INT64)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], desc)


def draw(rng, dtype):
    rank = int(rng.integers(1, 6))
    out_shape = rand_shape(rng, rank)
    r = int(rng.integers(1, rank + 1))
    shape = [d if rng.random() < 0.5 else 1 for d in out_shape[rank - r:]]
    return _case(rng, dtype, shape, out_shape, TT.INT64 if rng.random() < 0.3 else TT.INT32)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [2, 3], [2, 3]),
            lambda rng: _case(rng, dtype, [1], [3, 4, 5]),
            lambda rng: _case(rng, dtype, [3, 1], [2, 3, 4])]
