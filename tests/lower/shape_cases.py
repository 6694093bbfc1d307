"""Refusal cases of the data-movement operators (src/ops/op_shape_util.c
and the op files using it), appended to test_lower.py's CASES: each model
must be refused by `mote inspect` with one line holding the words, or
(words None) load."""

import numpy as np

from tflite_builder import OP, TT, Graph, quant, schema

BO = schema.BuiltinOptions
Q8 = quant(0.05, 3)


def _single(op, in_shape, out_shape, consts=(), tt=TT.INT8, q=Q8, qo=None, opt=(0, None),
            const_first=False, act_inputs=()):
    """op over an activation input (after the constants when const_first),
    constant operands `consts` (arrays), and activations `act_inputs`
    (shape, type) standing where a constant is expected."""
    g = Graph()
    a = g.tensor("a", list(in_shape), tt, q)
    ins = [g.const("k%d" % i, np.array(v, dtype=np.int32), TT.INT32)
           for i, v in enumerate(consts)]
    acts = [g.tensor("x%d" % i, list(s), t) for i, (s, t) in enumerate(act_inputs)]
    b = g.tensor("b", list(out_shape), tt, qo if qo is not None else q)
    ops = ins + acts + [a] if const_first else [a] + ins + acts
    g.op(op, ops, [b], opt[0], opt[1])
    return g.finish([a] + acts, [b])


def _concat(qb, act=0, axis=1):
    g = Graph()
    a = g.tensor("a", [2, 3], TT.INT8, Q8)
    b = g.tensor("b", [2, 2], TT.INT8, qb)
    c = g.tensor("c", [2, 5], TT.INT8, Q8)
    o = schema.ConcatenationOptionsT()
    o.axis, o.fusedActivationFunction = axis, act
    g.op(OP.CONCATENATION, [a, b], [c], BO.ConcatenationOptions, o)
    return g.finish([a, b], [c])


def _split(n_out, dim, axis=1):
    g = Graph()
    ax = g.const("axis", np.array(axis, dtype=np.int32), TT.INT32)
    a = g.tensor("a", [2, dim], TT.INT8, Q8)
    outs = [g.tensor("o%d" % k, [2, dim // n_out], TT.INT8, Q8) for k in range(n_out)]
    o = schema.SplitOptionsT()
    o.numSplits = n_out
    g.op(OP.SPLIT, [ax, a], outs, BO.SplitOptions, o)
    return g.finish([a], outs)


def _strided(b, e, s, out_shape, shrink=0):
    o = schema.StridedSliceOptionsT()
    o.shrinkAxisMask = shrink
    return _single(OP.STRIDED_SLICE, [4, 5], out_shape, consts=(b, e, s),
                   opt=(BO.StridedSliceOptions, o))


def _unpack(num):
    g = Graph()
    a = g.tensor("a", [3, 2], TT.FLOAT32)
    outs = [g.tensor("o%d" % k, [2], TT.FLOAT32) for k in range(3)]
    o = schema.UnpackOptionsT()
    o.num, o.axis = num, 0
    g.op(OP.UNPACK, [a], outs, BO.UnpackOptions, o)
    return g.finish([a], outs)


PADS = [[0, 0], [1, 1]]
SHAPE_CASES = [
    ("pad loads", _single(OP.PAD, [2, 3], [2, 5], consts=(PADS,)), None),
    ("pad negative", _single(OP.PAD, [2, 3], [2, 1], consts=([[0, 0], [-1, -1]],)),
     ["negative is not allowed"]),
    ("pad output shape", _single(OP.PAD, [2, 3], [2, 6], consts=(PADS,)),
     ["has shape [2,6]; the operator gives [2,5]"]),
    ("pad paddings shape", _single(OP.PAD, [2, 3], [2, 5], consts=([0, 0, 1, 1],)),
     ["must have shape [2, 2]"]),
    ("pad dynamic paddings", _single(OP.PAD, [2, 3], [2, 5], act_inputs=(([2, 2], TT.INT32),)),
     ["paddings", "not a constant"]),
    ("pad int64 input", _single(OP.PAD, [2, 3], [2, 5], consts=(PADS,), tt=TT.INT64, q=None),
     ["input type INT64 is not supported"]),
    ("transpose not a permutation", _single(OP.TRANSPOSE, [2, 3], [3, 3], consts=([1, 1],)),
     ["perm must hold each of 0..1 once"]),
    ("transpose dynamic perm", _single(OP.TRANSPOSE, [2, 3], [3, 2],
                                       act_inputs=(([2], TT.INT32),)), ["perm", "not a constant"]),
    ("concat quantization differs", _concat(quant(0.1, 3)), ["must be quantized as tensor"]),
    ("concat fused relu", _concat(Q8, act=1), ["only NONE"]),
    ("concat axis out of range", _concat(Q8, axis=2), ["axis 2 is outside [-2, 2)"]),
    ("split uneven", _split(2, 5), ["does not split into 2 equal parts"]),
    ("split loads", _split(2, 6), None),
    ("strided slice zero stride", _strided([0, 0], [4, 5], [1, 0], [4, 5]), ["stride 1 is 0"]),
    ("strided slice shrink outside", _strided([4, 0], [5, 5], [1, 1], [5], shrink=1),
     ["select no element"]),
    ("strided slice output shape", _strided([0, 0], [4, 5], [2, 2], [2, 2]),
     ["the operator gives [2,3]"]),
    ("slice out of range", _single(OP.SLICE, [4, 5], [2, 2], consts=([3, 0], [2, 2])),
     ["are out of range"]),
    ("unpack num", _unpack(2), ["num is 2, 3 outputs"]),
    ("squeeze drops a real dimension", _single(OP.SQUEEZE, [1, 3, 2], [3]),
     ["without size-1 dimensions"]),
    ("expand dims axis", _single(OP.EXPAND_DIMS, [2, 3], [2, 3, 1], consts=(5,)),
     ["axis 5 is outside [-3, 3)"]),
    ("depth to space block", _single(OP.DEPTH_TO_SPACE, [1, 2, 2, 6], [1, 4, 4, 1],
                                     opt=(BO.DepthToSpaceOptions, schema.DepthToSpaceOptionsT())),
     ["block_size 0"]),
    ("reverse axis twice", _single(OP.REVERSE_V2, [2, 3], [2, 3], consts=([1, -1],)),
     ["axis 1 is given twice"]),
    ("broadcast_to incompatible", _single(OP.BROADCAST_TO, [2, 3], [4, 3], consts=([4, 3],)),
     ["it must be 1 or 4"]),
]
