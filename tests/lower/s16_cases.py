"""Refusal cases of the 16x8 operators (src/ops/op_s16_util.c): int16
activations with int8 weights for CONV_2D, DEPTHWISE_CONV_2D,
FULLY_CONNECTED and the int16 pools. Appended to test_lower.py's CASES: each
model must be refused by `mote inspect` with one line holding the words, or
(words None) load."""

import numpy as np

from tflite_builder import OP, PAD, TT, Graph, quant, schema

BO = schema.BuiltinOptions
Q16 = quant(0.001, 0)


def _conv_opts(dw):
    o = schema.DepthwiseConv2DOptionsT() if dw else schema.Conv2DOptionsT()
    o.padding, o.strideW, o.strideH = PAD.VALID, 1, 1
    o.dilationWFactor = o.dilationHFactor = 1
    if dw:
        o.depthMultiplier = 1
    return o


def conv16(dw=False, bias_tt=None, w_tt=TT.INT8, qi=Q16, qo=Q16, w_scale=0.01):
    g = Graph()
    ti = g.tensor("in", [1, 4, 4, 2], TT.INT16, qi)
    shape = (1, 3, 3, 2) if dw else (2, 3, 3, 2)
    tw = g.const("w", np.ones(shape), w_tt, quant([w_scale] * 2, [0, 0], 3 if dw else 0))
    ins = [ti, tw]
    if bias_tt is not None:
        ins.append(g.const("b", np.zeros(2), bias_tt, quant([0.001 * w_scale] * 2, [0, 0])))
    to = g.tensor("out", [1, 2, 2, 2], TT.INT16, qo)
    if dw:
        g.op(OP.DEPTHWISE_CONV_2D, ins, [to], BO.DepthwiseConv2DOptions, _conv_opts(True))
    else:
        g.op(OP.CONV_2D, ins, [to], BO.Conv2DOptions, _conv_opts(False))
    return g.finish([ti], [to])


def fc16(bias_tt=None):
    g = Graph()
    ti = g.tensor("in", [2, 8], TT.INT16, Q16)
    tw = g.const("w", np.ones((3, 8)), TT.INT8, quant(0.01, 0))
    ins = [ti, tw]
    if bias_tt is not None:
        ins.append(g.const("b", np.zeros(3), bias_tt, quant(0.00001, 0)))
    to = g.tensor("out", [2, 3], TT.INT16, Q16)
    g.op(OP.FULLY_CONNECTED, ins, [to], BO.FullyConnectedOptions,
         schema.FullyConnectedOptionsT())
    return g.finish([ti], [to])


def pool16(op, size, k, qo=Q16):
    g = Graph()
    ti = g.tensor("in", [1, size, size, 1], TT.INT16, Q16)
    n = size - k + 1
    to = g.tensor("out", [1, n, n, 1], TT.INT16, qo)
    o = schema.Pool2DOptionsT()
    o.padding, o.strideW, o.strideH, o.filterWidth, o.filterHeight = PAD.VALID, 1, 1, k, k
    g.op(op, [ti], [to], BO.Pool2DOptions, o)
    return g.finish([ti], [to])


def fc4(extra_bytes=0, in_tt=TT.INT8):
    """int8 FULLY_CONNECTED with packed int4 weights [3, 5] (8 bytes)."""
    g = Graph()
    qi = quant(0.05, 3) if in_tt == TT.INT8 else Q16
    ti = g.tensor("in", [2, 5], in_tt, qi)
    tw = g.const_int4("w", np.ones((3, 5), np.int8), quant(0.1, 0))
    if extra_bytes:
        g.buffers[-1].data = bytes(g.buffers[-1].data) + b"\0" * extra_bytes
    to = g.tensor("out", [2, 3], in_tt, qi)
    g.op(OP.FULLY_CONNECTED, [ti, tw], [to], BO.FullyConnectedOptions,
         schema.FullyConnectedOptionsT())
    return g.finish([ti], [to])


S16_CASES = [
    ("int4 fc loads", fc4(), None),
    ("int4 weights buffer size", fc4(extra_bytes=1), ["holds 9 bytes", "need 8"]),
    ("int4 weights with int16 activations", fc4(in_tt=TT.INT16), ["weights type INT4"]),
    ("16x8 conv loads", conv16(), None),
    ("16x8 conv int32 bias loads", conv16(bias_tt=TT.INT32), None),
    ("16x8 conv int64 bias loads", conv16(bias_tt=TT.INT64), None),
    ("16x8 depthwise int64 bias loads", conv16(dw=True, bias_tt=TT.INT64), None),
    ("16x8 fc int64 bias loads", fc16(TT.INT64), None),
    ("16x8 conv int16 zero point", conv16(qi=quant(0.001, 3)), ["zero point 3", "needs 0"]),
    ("16x8 conv output zero point", conv16(qo=quant(0.001, -2)), ["zero point -2"]),
    ("16x8 conv int16 weights", conv16(w_tt=TT.INT16), ["weights type INT16", "INT8"]),
    ("16x8 conv int8 bias", conv16(bias_tt=TT.INT8), ["bias type INT8"]),
    ("16x8 depthwise int32 bias", conv16(dw=True, bias_tt=TT.INT32),
     ["bias type INT32", "INT64"]),
    ("16x8 fc int32 bias", fc16(TT.INT32), ["bias type INT32", "INT64"]),
    ("16x8 int64 multiplier too large", conv16(qo=quant(1e-9, 0), w_scale=1.0),
     ["int64 requantization"]),
    ("16x8 avg pool window too large", pool16(OP.AVERAGE_POOL_2D, 300, 300),
     ["exceeds 65535"]),
    ("16x8 avg pool 65535 elements loads", pool16(OP.AVERAGE_POOL_2D, 255, 255), None),
    ("16x8 max pool scales differ", pool16(OP.MAX_POOL_2D, 4, 2, quant(0.002, 0)),
     ["scale", "differ"]),
]
