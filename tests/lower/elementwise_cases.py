"""Refusal cases of the element-wise operators (src/ops/op_elementwise_util.c
and the op files using it), appended to test_lower.py's CASES: each model
must be refused by `mote inspect` with one line holding the words, or
(words None) load."""

import numpy as np

from tflite_builder import ACT, OP, TT, Graph, quant, schema

BO = schema.BuiltinOptions


def unary(op, in_tt, out_tt, qi, qo, shape=(2, 3), out_shape=None):
    g = Graph()
    a = g.tensor("a", list(shape), in_tt, qi)
    b = g.tensor("b", list(out_shape or shape), out_tt, qo)
    g.op(op, [a], [b])
    return g.finish([a], [b])


def binary(op, tt, qa, qb, qo, sa=(2, 3), sb=(2, 3), so=(2, 3), act=None, tb=None):
    g = Graph()
    a = g.tensor("a", list(sa), tt, qa)
    b = g.tensor("b", list(sb), tb if tb is not None else tt, qb)
    c = g.tensor("c", list(so), tt, qo)
    opt_type, opt = 0, None
    if op == OP.MUL:
        opt_type, opt = BO.MulOptions, schema.MulOptionsT()
    elif op == OP.SUB:
        opt_type, opt = BO.SubOptions, schema.SubOptionsT()
    elif op == OP.ADD:
        opt_type, opt = BO.AddOptions, schema.AddOptionsT()
    elif op == OP.DIV:
        opt_type, opt = BO.DivOptions, schema.DivOptionsT()
    if opt is not None and act is not None:
        opt.fusedActivationFunction = act
    g.op(op, [a, b], [c], opt_type, opt)
    return g.finish([a, b], [c])


Q8, Q16, Q16Z = quant(0.05, 3), quant(0.001, 0), quant(0.001, 7)
QPOT15 = quant(2.0 ** -15, 0)


def leaky(tt, qi, qo, alpha):
    g = Graph()
    a = g.tensor("a", [2, 3], tt, qi)
    b = g.tensor("b", [2, 3], tt, qo)
    o = schema.LeakyReluOptionsT()
    o.alpha = alpha
    g.op(OP.LEAKY_RELU, [a], [b], BO.LeakyReluOptions, o)
    return g.finish([a], [b])


def compare(op, tt, qa, qb, out_tt=TT.BOOL, sb=(2, 3), tb=None):
    g = Graph()
    a = g.tensor("a", [2, 3], tt, qa)
    b = g.tensor("b", list(sb), tb if tb is not None else tt, qb)
    c = g.tensor("c", [2, 3], out_tt, None)
    g.op(op, [a, b], [c])
    return g.finish([a, b], [c])
PER_AXIS = quant([0.1, 0.2, 0.3], [0, 0, 0], 1)

ELEMENTWISE_CASES = [
    ("quantize float->int8 loads", unary(OP.QUANTIZE, TT.FLOAT32, TT.INT8, None, Q8), None),
    ("quantize int8->int16 loads", unary(OP.QUANTIZE, TT.INT8, TT.INT16, Q8, Q16Z), None),
    ("quantize to int32", unary(OP.QUANTIZE, TT.FLOAT32, TT.INT32, None, Q8),
     ["output type INT32 is not supported"]),
    ("quantize per-axis output", unary(OP.QUANTIZE, TT.FLOAT32, TT.INT8, None, PER_AXIS),
     ["one per-tensor scale"]),
    ("quantize shape", unary(OP.QUANTIZE, TT.FLOAT32, TT.INT8, None, Q8, out_shape=(3, 2)),
     ["output shape differs"]),
    ("quantize ratio too large", unary(OP.QUANTIZE, TT.INT8, TT.INT8, quant(1e5, 0),
                                       quant(1e-6, 0)), ["no valid multiplier"]),
    ("quantize int8 zero point", unary(OP.QUANTIZE, TT.FLOAT32, TT.INT8, None, quant(0.1, 300)),
     ["outside INT8"]),
    ("quantize int32->int8 loads", unary(OP.QUANTIZE, TT.INT32, TT.INT8, quant(1e-4, 5), Q8),
     None),
    ("quantize unquantized int32", unary(OP.QUANTIZE, TT.INT32, TT.INT8, None, Q8),
     ["int32 input needs one per-tensor scale"]),
    ("quantize int32 scale 0", unary(OP.QUANTIZE, TT.INT32, TT.INT16, quant(0.0, 0), Q16),
     ["int32 input has scale 0"]),
    ("rsqrt int8 loads", unary(OP.RSQRT, TT.INT8, TT.INT8, Q8, Q8), None),
    ("rsqrt int16 zero point", unary(OP.RSQRT, TT.INT16, TT.INT16, Q16Z, Q16), ["needs 0"]),
    ("rsqrt shift out of range", unary(OP.RSQRT, TT.INT8, TT.INT8, quant(1.0, 0),
                                       quant(1e5, 0)), ["defined for shifts -11 to 30"]),
    ("elu int8 loads", unary(OP.ELU, TT.INT8, TT.INT8, Q8, Q8), None),
    ("elu int8 undefined conversion", unary(OP.ELU, TT.INT8, TT.INT8, quant(1.0, 0),
                                            quant(1e-12, 0)), ["conversion is undefined"]),
    ("elu int8 per-axis", unary(OP.ELU, TT.INT8, TT.INT8, PER_AXIS, Q8, shape=(2, 3)),
     ["one per-tensor scale"]),
    ("div int8 loads", binary(OP.DIV, TT.INT8, Q8, Q8, Q8, sb=(1, 3)), None),
    ("div int8 rank-6 broadcast", binary(OP.DIV, TT.INT8, Q8, Q8, Q8, sa=(1, 2, 1, 1, 1, 3),
                                         sb=(3,), so=(1, 2, 1, 1, 1, 3)),
     ["at most 5 dimensions"]),
    ("div int8 multiplier", binary(OP.DIV, TT.INT8, quant(1e5, 0), quant(1e-5, 0),
                                   quant(1e-5, 0)), ["no valid multiplier"]),
    ("dequantize to int8", unary(OP.DEQUANTIZE, TT.INT8, TT.INT8, Q8, Q8),
     ["output type INT8 is not supported"]),
    ("dequantize float input", unary(OP.DEQUANTIZE, TT.FLOAT32, TT.FLOAT32, None, None),
     ["input type FLOAT32 is not supported"]),
    ("mul int16 zero point", binary(OP.MUL, TT.INT16, Q16Z, Q16, Q16), ["needs 0"]),
    ("mul does not broadcast", binary(OP.MUL, TT.INT8, Q8, Q8, Q8, sb=(2, 4)),
     ["do not broadcast"]),
    ("mul output shape", binary(OP.MUL, TT.INT8, Q8, Q8, Q8, sb=(1, 3), so=(1, 3)),
     ["broadcast shape"]),
    ("mul fused TANH", binary(OP.MUL, TT.FLOAT32, None, None, None, act=ACT.TANH),
     ["activation 4"]),
    ("mul mixed types", binary(OP.MUL, TT.INT8, Q8, None, Q8, tb=TT.FLOAT32),
     ["inputs have types INT8 and FLOAT32"]),
    ("mul rank 6 broadcast loads", binary(OP.MUL, TT.FLOAT32, None, None, None,
                                          sa=(2, 1, 2, 1, 2, 1), sb=(1, 2, 1, 2, 1, 2),
                                          so=(2, 2, 2, 2, 2, 2)), None),
    ("sub int16 zero point", binary(OP.SUB, TT.INT16, Q16, Q16, Q16Z), ["needs 0"]),
    ("sub output multiplier >= 1", binary(OP.SUB, TT.INT8, quant(1.0, 0), quant(1.0, 0),
                                          quant(1e-7, 0)), ["no valid multipliers"]),
    ("relu int16 zero point", unary(OP.RELU, TT.INT16, TT.INT16, Q16Z, Q16), ["needs 0"]),
    ("relu shape", unary(OP.RELU, TT.INT8, TT.INT8, Q8, Q8, out_shape=(6,)),
     ["output shape differs"]),
    ("relu6 output type", unary(OP.RELU6, TT.INT8, TT.INT16, Q8, Q16),
     ["output type INT16 differs"]),
    ("maximum mixed types", binary(OP.MAXIMUM, TT.INT16, Q16, Q8, Q16, tb=TT.INT8),
     ["inputs have types INT16 and INT8"]),
    ("abs int8 loads", unary(OP.ABS, TT.INT8, TT.INT8, Q8, quant(0.1, -5)), None),
    ("abs int16 zero point", unary(OP.ABS, TT.INT16, TT.INT16, Q16Z, Q16), ["needs 0"]),
    ("abs int32", unary(OP.ABS, TT.INT32, TT.INT32, None, None),
     ["input type INT32 is not supported"]),
    ("neg int32", unary(OP.NEG, TT.INT32, TT.INT32, None, None),
     ["input type INT32 is not supported"]),
    ("logistic int8 output zero point", unary(OP.LOGISTIC, TT.INT8, TT.INT8, Q8,
                                              quant(1.0 / 256, 0)), ["zero point -128"]),
    ("logistic int8 input scale 8", unary(OP.LOGISTIC, TT.INT8, TT.INT8, quant(8.0, 0),
                                          quant(1.0 / 256, -128)), ["input scale 8"]),
    ("tanh int16 output scale", unary(OP.TANH, TT.INT16, TT.INT16, Q16, Q16),
     ["output needs scale 2^-15"]),
    ("tanh int16 loads", unary(OP.TANH, TT.INT16, TT.INT16, Q16, QPOT15), None),
    ("logistic int16 zero point", unary(OP.LOGISTIC, TT.INT16, TT.INT16, Q16Z, QPOT15),
     ["needs 0"]),
    ("logistic int16 input scale", unary(OP.LOGISTIC, TT.INT16, TT.INT16, quant(10.0, 0),
                                         QPOT15), ["above what TFLite Micro handles"]),
    ("leaky_relu negative alpha loads", leaky(TT.INT8, Q8, Q8, -0.5), None),
    ("leaky_relu infinite alpha", leaky(TT.INT8, Q8, Q8, float("inf")),
     ["alpha inf is not supported"]),
    ("leaky_relu int16 loads", leaky(TT.INT16, Q16Z, Q16, 0.2), None),
    ("leaky_relu float negative alpha loads", leaky(TT.FLOAT32, None, None, -0.5), None),
    ("leaky_relu shift too large", leaky(TT.INT16, quant(1.0, 0), quant(1e-6, 0), 0.5),
     ["left shift"]),
    ("hard_swish output exponent", unary(OP.HARD_SWISH, TT.INT8, TT.INT8, quant(1.0, 0),
                                         quant(1e-4, 0)), ["below 1"]),
    ("hard_swish int16", unary(OP.HARD_SWISH, TT.INT16, TT.INT16, Q16, Q16),
     ["input type INT16 is not supported"]),
    ("equal int8 output", compare(OP.EQUAL, TT.INT8, Q8, Q8, out_tt=TT.INT8),
     ["output type INT8 is not supported"]),
    ("greater bool", compare(OP.GREATER, TT.BOOL, None, None),
     ["input type BOOL is not supported"]),
    ("less int8 scale 1", compare(OP.LESS, TT.INT8, quant(1.0, 0), Q8), ["must be in (0, 1)"]),
    ("equal mixed types", compare(OP.EQUAL, TT.INT32, None, None, tb=TT.INT64),
     ["inputs have types INT32 and INT64"]),
    ("not_equal does not broadcast", compare(OP.NOT_EQUAL, TT.FLOAT32, None, None, sb=(2, 4)),
     ["do not broadcast"]),
    ("less_equal int64 loads", compare(OP.LESS_EQUAL, TT.INT64, None, None, sb=(3,)), None),
    ("logical_and int8", compare(OP.LOGICAL_AND, TT.INT8, Q8, Q8, out_tt=TT.INT8),
     ["input type INT8 is not supported"]),
    ("logical_or mixed", compare(OP.LOGICAL_OR, TT.BOOL, None, Q8, tb=TT.INT8),
     ["inputs have types BOOL and INT8"]),
    ("logical_not shape", unary(OP.LOGICAL_NOT, TT.BOOL, TT.BOOL, None, None, out_shape=(3, 2)),
     ["output shape differs"]),
    ("add int16 zero point", binary(OP.ADD, TT.INT16, Q16, Q16Z, Q16), ["needs 0"]),
    ("add int16 rank 6 loads", binary(OP.ADD, TT.INT16, Q16, Q16, Q16, sa=(2, 1, 2, 1, 2, 1),
                                      sb=(1, 2, 1, 2, 1, 2), so=(2, 2, 2, 2, 2, 2)), None),
    ("floor int8", unary(OP.FLOOR, TT.INT8, TT.INT8, Q8, Q8),
     ["input type INT8 is not supported"]),
    ("div does not broadcast", binary(OP.DIV, TT.FLOAT32, None, None, None, sb=(2, 4)),
     ["do not broadcast"]),
    ("div fused TANH", binary(OP.DIV, TT.FLOAT32, None, None, None, act=ACT.TANH),
     ["activation 4"]),
    ("squared_difference int32 loads", binary(OP.SQUARED_DIFFERENCE, TT.INT32, None, None, None),
     None),
    ("squared_difference int64", binary(OP.SQUARED_DIFFERENCE, TT.INT64, None, None, None),
     ["input type INT64 is not supported"]),
]

assert np  # imported for symmetry with test_lower.py's builders
