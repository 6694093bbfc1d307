"""EMBEDDING_LOOKUP test spec: a constant table of rank 2-4 (float32,
int8, or int8 with a float32 output: TFLite Micro's hybrid case, value
times the table's scale), rank-1 int32 ids fed as a model input, each
valid. Edge cases: one id, every row, a rank-3 table."""

import numpy as np

from draws import Case, common_desc, log_uniform
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, TT, Graph, quant

OPERATOR = "EMBEDDING_LOOKUP"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "GATHER", "float32": "GATHER"}
EXTRA_KERNELS = {"int8_hybrid": "EMBEDDING_HYBRID"}


def _case(rng, dtype, shape, n):
    hybrid = dtype == "int8_hybrid"
    vt = "int8" if hybrid else dtype
    q = quant(log_uniform(rng, -3, 0), 0) if hybrid else rand_quant(rng, vt)
    ids = rng.integers(0, shape[0], size=[n]).astype(np.int32)
    gr = Graph()
    tid = gr.tensor("ids", [n], TT.INT32)
    tv = gr.const("table", rand_data(rng, vt, shape), tt(vt), q)
    to = gr.tensor("output", [n] + shape[1:], TT.FLOAT32 if hybrid else tt(vt),
                   None if hybrid else q)
    gr.op(OP.EMBEDDING_LOOKUP, [tid, tv], [to])
    return Case(gr.finish([tid], [to]), [ids], common_desc(table=shape, ids=n))


def draw(rng, dtype):
    shape = rand_shape(rng, int(rng.integers(2, 5)))
    return _case(rng, dtype, shape, int(rng.integers(1, 9)))


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [5, 3], 1),
            lambda rng: _case(rng, dtype, [4, 8], 8),
            lambda rng: _case(rng, dtype, [3, 2, 4], 3)]
