"""CUMSUM test spec: rank 1-4, any axis (negative too) in a constant
int32 scalar, exclusive and reverse drawn, int8 with independent input and
output quantization (axes up to 40 long, so TFLite Micro's 32-bit running
sum sometimes wraps). Edge cases: rank 1, exclusive + reverse, a long axis."""

import numpy as np

from draws import Case, common_desc, log_uniform, rand_zp
from spec_datamove import rand_data, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, quant, schema

OPERATOR = "CUMSUM"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "CUMSUM", "float32": "CUMSUM"}


def _case(rng, dtype, shape, axis, exclusive, reverse):
    qi = qo = None
    if dtype == "int8":
        s = log_uniform(rng, -3, 0)
        qi = quant(s, rand_zp(rng))
        qo = quant(s * float(rng.uniform(1.0, 8.0)), rand_zp(rng))
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), qi)
    ta = gr.const("axis", np.array(axis, dtype=np.int32), TT.INT32)
    gr.tensors[ta].shape = []
    to = gr.tensor("output", shape, tt(dtype), qo)
    o = schema.CumsumOptionsT()
    o.exclusive, o.reverse = exclusive, reverse
    gr.op(OP.CUMSUM, [ti, ta], [to], OPT.CumsumOptions, o)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)],
                common_desc(shape=shape, axis=axis, exclusive=exclusive, reverse=reverse))


def draw(rng, dtype):
    rank = int(rng.integers(1, 5))
    shape = rand_shape(rng, rank)
    ax = int(rng.integers(0, rank))
    if rng.random() < 0.2:
        shape[ax] = int(rng.integers(10, 41))
    return _case(rng, dtype, shape, ax - rank if rng.random() < 0.3 else ax,
                 bool(rng.random() < 0.5), bool(rng.random() < 0.5))


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [7], 0, False, False),
            lambda rng: _case(rng, dtype, [3, 4, 2], 1, True, True),
            lambda rng: _case(rng, dtype, [2, 40], -1, False, False)]
