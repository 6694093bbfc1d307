"""Refusal cases of the gather / fill / cast / select operators
(src/ops/gather.c, gather_nd.c, embedding_lookup.c, shape.c, fill.c, prelu.c, sub.c,
zeros_like.c, broadcast_args.c, select_v2.c, cast.c,
dynamic_update_slice.c, mirror_pad.c, space_to_batch_nd.c, tile.c,
range.c), appended to test_lower.py's CASES: each model must be refused by
`mote inspect` with one line holding the words, or (words None) load."""

import numpy as np

from tflite_builder import OP, TT, Graph, quant, schema

BO = schema.BuiltinOptions
Q8 = quant(0.05, 3)


def _op(op, ins, outs, opt=(0, None)):
    """ins / outs: (shape, type) of activations, or an array (int32
    constant) among the inputs."""
    g = Graph()
    act, tin = [], []
    for k, x in enumerate(ins):
        if isinstance(x, tuple):
            t = g.tensor("i%d" % k, list(x[0]), x[1], Q8 if x[1] == TT.INT8 else None)
            act.append(t)
            tin.append(t)
        else:
            tin.append(g.const("k%d" % k, np.array(x, dtype=np.int32), TT.INT32))
    tout = [g.tensor("o%d" % k, list(s), t, Q8 if t == TT.INT8 else None)
            for k, (s, t) in enumerate(outs)]
    g.op(op, tin, tout, opt[0], opt[1])
    return g.finish(act, tout)


def _act_opt(cls, act):
    o = cls()
    o.fusedActivationFunction = act
    return o


def _gather(axis, bd, in_shape, pos_shape, out_shape, pt=TT.INT32):
    o = schema.GatherOptionsT()
    o.axis, o.batchDims = axis, bd
    return _op(OP.GATHER, [(in_shape, TT.FLOAT32), (pos_shape, pt)], [(out_shape, TT.FLOAT32)],
               (BO.GatherOptions, o))


def _mirror(mode, pads, out):
    o = schema.MirrorPadOptionsT()
    o.mode = mode
    return _op(OP.MIRROR_PAD, [([2, 3], TT.INT8), pads], [(out, TT.INT8)],
               (BO.MirrorPadOptions, o))


F = TT.FLOAT32
INDEX_CASES = [
    ("gather loads", _gather(1, 0, [2, 3], [4], [2, 4]), None),
    ("gather axis", _gather(2, 0, [2, 3], [4], [2, 4]), ["axis 2 is outside [-2, 2)"]),
    ("gather batch_dims", _gather(0, 1, [2, 3], [2], [2, 3]), ["batch_dims 1 must lie in"]),
    ("gather output shape", _gather(1, 0, [2, 3], [4], [2, 5]), ["the operator gives [2,4]"]),
    ("gather float positions", _gather(1, 0, [2, 3], [4], [2, 4], TT.FLOAT32),
     ["positions have type FLOAT32"]),
    ("gather_nd too deep", _op(OP.GATHER_ND, [([2, 3], F), ([4, 3], TT.INT32)], [([4], F)]),
     ["indices' last dimension is 3"]),
    ("embedding ids type", _op(OP.EMBEDDING_LOOKUP, [([2], F), ([5, 3], F)], [([2, 3], F)]),
     ["type"]),
    ("embedding int16 table", _op(OP.EMBEDDING_LOOKUP, [([2], TT.INT32), ([5, 3], TT.INT16)],
                                  [([2, 3], TT.INT16)]), ["table type INT16 is not supported"]),
    ("shape int64 output", _op(OP.SHAPE, [([2, 3], F)], [([2], TT.INT64)]),
     ["INT32 expected"]),
    ("fill dynamic dims", _op(OP.FILL, [([2], TT.INT32), ([], F)], [([2, 3], F)]),
     ["dims", "not a constant"]),
    ("fill int16 value", _op(OP.FILL, [[2, 3], ([], TT.INT16)], [([2, 3], TT.INT16)]),
     ["value type INT16 is not supported"]),
    ("fill output shape", _op(OP.FILL, [[2, 3], ([], F)], [([3, 2], F)]),
     ["the operator gives [2,3]"]),
    ("zeros_like int16", _op(OP.ZEROS_LIKE, [([2, 3], TT.INT16)], [([2, 3], TT.INT16)]),
     ["not supported"]),
    ("broadcast_args length", _op(OP.BROADCAST_ARGS, [([2], TT.INT32), ([3], TT.INT32)],
                                  [([2], TT.INT32)]), ["the operator gives [3]"]),
    ("select condition type", _op(OP.SELECT_V2, [([2], F), ([2], F), ([2], F)], [([2], F)]),
     ["condition has type FLOAT32"]),
    ("select no broadcast", _op(OP.SELECT_V2, [([3], TT.BOOL), ([2], F), ([2], F)], [([2], F)]),
     ["does not broadcast"]),
    ("cast to int64", _op(OP.CAST, [([2], F)], [([2], TT.INT64)]),
     ["output type INT64 is not supported"]),
    ("dus update larger", _op(OP.DYNAMIC_UPDATE_SLICE, [([2, 3], F), ([3, 3], F),
                                                        ([2], TT.INT32)], [([2, 3], F)]),
     ["update dimension 0 is 3"]),
    ("mirror pad reflect too wide", _mirror(0, [[0, 0], [3, 0]], [2, 6]),
     ["each must lie in [0, 2]"]),
    ("mirror pad symmetric loads", _mirror(1, [[0, 0], [3, 0]], [2, 6]), None),
    ("space_to_batch indivisible", _op(OP.SPACE_TO_BATCH_ND, [([1, 5, 4, 1], F), [2, 2],
                                                              [[0, 0], [0, 0]]],
                                       [([4, 2, 2, 1], F)]), ["does not fit block 2"]),
    ("batch_to_space batch", _op(OP.BATCH_TO_SPACE_ND, [([3, 2, 2, 1], F), [2, 2],
                                                        [[0, 0], [0, 0]]], [([1, 4, 4, 1], F)]),
     ["not a multiple of the block size 4"]),
    ("tile zero multiple", _op(OP.TILE, [([2, 3], F), [0, 1]], [([2, 3], F)]),
     ["must be >= 1"]),
    ("tile too many loops", _op(OP.TILE, [([2, 2, 2, 2], F), [2, 2, 2, 2]], [([4, 4, 4, 4], F)]),
     ["more than 6 loops"]),
    ("add_n shape differs", _op(OP.ADD_N, [([2, 3], F), ([3, 2], F)], [([2, 3], F)]),
     ["the operator gives [2,3]"]),
    ("add_n one input", _op(OP.ADD_N, [([2, 3], F)], [([2, 3], F)]), ["at least 2"]),
    ("prelu rank 5", _op(OP.PRELU, [([1, 2, 1, 2, 2], F), ([2], F)], [([1, 2, 1, 2, 2], F)]),
     ["at most 4"]),
    ("prelu int16 alpha", _op(OP.PRELU, [([2, 3], TT.INT16), ([3], TT.INT16)],
                              [([2, 3], TT.INT16)]), ["takes an INT8 alpha"]),
    ("sub int32 tanh", _op(OP.SUB, [([2, 3], TT.INT32), ([3], TT.INT32)], [([2, 3], TT.INT32)],
                           (BO.SubOptions, _act_opt(schema.SubOptionsT, 4))),
     ["fused activation 4 is not supported"]),
    ("cumsum dynamic axis", _op(OP.CUMSUM, [([2, 3], F), ([1], TT.INT32)], [([2, 3], F)]),
     ["axis", "not a constant"]),
    ("cumsum axis", _op(OP.CUMSUM, [([2, 3], F), [2]], [([2, 3], F)]),
     ["axis 2 is outside [-2, 2)"]),
    ("range dynamic", _op(OP.RANGE, [([], TT.INT32), ([], TT.INT32), ([], TT.INT32)],
                          [([3], TT.INT32)]), ["must be a constant scalar"]),
]
