"""Refusal cases of the hybrid operators (src/ops/op_hybrid_util.c): float32
activations with constant int8 weights for CONV_2D, DEPTHWISE_CONV_2D,
FULLY_CONNECTED and BATCH_MATMUL. Appended to test_lower.py's CASES: each
model must be refused by `mote inspect` with one line holding the words, or
(words None) load."""

import numpy as np

from tflite_builder import OP, TT, Graph, quant, schema

BO = schema.BuiltinOptions


def _fc(w_q, w_type=TT.INT8, asym=False):
    g = Graph()
    a = g.tensor("a", [2, 8], TT.FLOAT32)
    w = g.const("w", np.ones((3, 8)), w_type, w_q)
    b = g.tensor("b", [2, 3], TT.FLOAT32)
    o = schema.FullyConnectedOptionsT()
    o.asymmetricQuantizeInputs = asym
    g.op(OP.FULLY_CONNECTED, [a, w, -1], [b], BO.FullyConnectedOptions, o)
    return g.finish([a], [b])


def _bmm(rhs_shape, const=True):
    g = Graph()
    a = g.tensor("a", [2, 4, 8], TT.FLOAT32)
    if const:
        w = g.const("w", np.ones(rhs_shape), TT.INT8, quant(0.01, 0))
    else:
        w = g.tensor("w", list(rhs_shape), TT.INT8, quant(0.01, 0))
    out = g.tensor("o", [2, 4, rhs_shape[-1]], TT.FLOAT32)
    g.op(OP.BATCH_MATMUL, [a, w], [out], BO.BatchMatMulOptions, schema.BatchMatMulOptionsT())
    return g.finish([a, w] if not const else [a], [out])


HYBRID_CASES = [
    ("hybrid fc loads", _fc(quant(0.01, 0)), None),
    ("hybrid fc asymmetric loads", _fc(quant([0.01, 0.02, 0.03], [0, 0, 0], 0), asym=True), None),
    ("hybrid fc weights zero point", _fc(quant(0.01, 2)), ["hybrid int8 weights are symmetric"]),
    ("hybrid fc int16 weights", _fc(quant(0.01, 0), TT.INT16),
     ["weights type INT16 with activations of type FLOAT32"]),
    ("hybrid bmm loads", _bmm((8, 5)), None),
    ("hybrid bmm batched weights", _bmm((2, 8, 5)), ["batch dimensions of 1"]),
    ("hybrid bmm weights not constant", _bmm((8, 5), const=False), ["constant"]),
]
