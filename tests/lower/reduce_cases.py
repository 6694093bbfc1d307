"""Refusal cases of the reductions (src/ops/op_reduce_util.c: MEAN, SUM,
REDUCE_MAX, REDUCE_MIN, ARG_MAX, ARG_MIN), appended to test_lower.py's
CASES: each model must be refused by `mote inspect` with one line holding
the words, or (words None) load."""

import numpy as np

from tflite_builder import NP_OF_TT, OP, OPT, TT, Graph, quant, schema

NP_OF_TT.setdefault(TT.INT64, np.int64)
Q8 = quant(0.05, 3)


def reduce_model(op, shape, axes, out_shape, tt=TT.INT8, qi=Q8, qo=Q8, keep=False,
                 axis_tt=TT.INT32, const_axis=True):
    g = Graph()
    ti = g.tensor("in", list(shape), tt, qi)
    if const_axis:
        ta = g.const("axis", np.array(axes), axis_tt)
    else:
        ta = g.tensor("axis", [len(axes)], axis_tt)
    to = g.tensor("out", list(out_shape), tt, qo)
    o = schema.ReducerOptionsT()
    o.keepDims = keep
    g.op(op, [ti, ta], [to], OPT.ReducerOptions, o)
    return g.finish([ti] if const_axis else [ti, ta], [to])


def arg_model(shape, axis, out_shape, out_tt=TT.INT32, axis_vals=None, tt=TT.INT8):
    g = Graph()
    ti = g.tensor("in", list(shape), tt, Q8 if tt == TT.INT8 else None)
    ta = g.const("axis", np.array(axis_vals if axis_vals is not None else [axis]), TT.INT32)
    to = g.tensor("out", list(out_shape), out_tt, None)
    o = schema.ArgMaxOptionsT()
    o.outputType = out_tt
    g.op(OP.ARG_MAX, [ti, ta], [to], OPT.ArgMaxOptions, o)
    return g.finish([ti], [to])


def bmm_model(lshape, rshape, oshape, tt=TT.INT8, ql=Q8, qr=Q8, qo=Q8, rt=None, adj_y=False):
    g = Graph()
    tl = g.tensor("lhs", list(lshape), tt, ql)
    tr = g.tensor("rhs", list(rshape), rt if rt is not None else tt, qr)
    to = g.tensor("out", list(oshape), tt, qo)
    o = schema.BatchMatMulOptionsT()
    o.adjY = adj_y
    g.op(OP.BATCH_MATMUL, [tl, tr], [to], OPT.BatchMatMulOptions, o)
    return g.finish([tl, tr], [to])


Q16 = quant(0.001, 0)


def tconv_model(tt=TT.INT8, bias=None, btt=TT.INT32, wq=None, oshape=(1, 4, 4, 2),
                const_filter=True):
    g = Graph()
    q = Q8 if tt == TT.INT8 else (Q16 if tt == TT.INT16 else None)
    ts = g.const("shape", np.array(oshape, np.int32), TT.INT32)
    w = np.ones((2, 3, 3, 3), np.int8)
    wq = wq or quant([0.01, 0.02], [0, 0], 0)
    tw = g.const("w", w, TT.INT8, wq) if const_filter else g.tensor("w", [2, 3, 3, 3], TT.INT8, wq)
    ti = g.tensor("in", [1, 2, 2, 3], tt, q)
    ins = [ts, tw, ti]
    if bias is not None:
        ins.append(g.const("b", np.array(bias), btt))
    to = g.tensor("out", list(oshape), tt, q)
    o = schema.TransposeConvOptionsT()
    o.padding, o.strideW, o.strideH = 0, 2, 2
    g.op(OP.TRANSPOSE_CONV, ins, [to], OPT.TransposeConvOptions, o)
    return g.finish([ti] if const_filter else [ti, tw], [to])

def resize_model(size=(4, 4), oshape=(1, 4, 4, 2), align=False, half=False, const=True,
                 size_tt=TT.INT32):
    g = Graph()
    ti = g.tensor("in", [1, 2, 2, 2], TT.INT8, Q8)
    if const:
        ts = g.const("size", np.array(size), size_tt)
    else:
        ts = g.tensor("size", [2], TT.INT32)
    to = g.tensor("out", list(oshape), TT.INT8, Q8)
    o = schema.ResizeBilinearOptionsT()
    o.alignCorners, o.halfPixelCenters = align, half
    g.op(OP.RESIZE_BILINEAR, [ti, ts], [to], OPT.ResizeBilinearOptions, o)
    return g.finish([ti] if const else [ti, ts], [to])


def unary_model(op, shape, tt, qi, qo, opt_type=0, opt=None, oshape=None):
    g = Graph()
    ti = g.tensor("in", list(shape), tt, qi)
    to = g.tensor("out", list(oshape or shape), tt, qo)
    g.op(op, [ti], [to], opt_type, opt)
    return g.finish([ti], [to])


def l2pool_opts():
    o = schema.Pool2DOptionsT()
    o.filterWidth = o.filterHeight = o.strideW = o.strideH = 2
    return o


REDUCE_CASES = [
    ("l2norm loads", unary_model(OP.L2_NORMALIZATION, (2, 8), TT.INT8, Q8,
                                 quant(1.0 / 128, 0)), None),
    ("l2norm output scale", unary_model(OP.L2_NORMALIZATION, (2, 8), TT.INT8, Q8, Q8),
     ["int8 output needs scale 1/128 and zero point 0"]),
    ("l2norm depth bound", unary_model(OP.L2_NORMALIZATION, (1, 40000), TT.INT8, Q8,
                                       quant(1.0 / 128, 0)), ["depth 40000 exceeds 33025"]),
    ("log_softmax output quant", unary_model(OP.LOG_SOFTMAX, (2, 8), TT.INT8, Q8, Q8),
     ["int8 output needs scale 16/256 and zero point 127"]),
    ("log_softmax depth", unary_model(OP.LOG_SOFTMAX, (1, 5000), TT.INT8, Q8,
                                      quant(16.0 / 256, 127)), ["at most 4095"]),
    ("softmax int16 output scale", unary_model(OP.SOFTMAX, (2, 8), TT.INT16, Q16, Q16),
     ["int16 softmax output must have scale 1/32768"]),
    ("softmax int16 zero point", unary_model(OP.SOFTMAX, (2, 8), TT.INT16, quant(0.001, 3),
                                             quant(1.0 / 32768, 0)), ["zero point"]),
    ("softmax int16 loads", unary_model(OP.SOFTMAX, (2, 8), TT.INT16, Q16,
                                        quant(1.0 / 32768, 0)), None),
    ("l2_pool int8", unary_model(OP.L2_POOL_2D, (1, 4, 4, 2), TT.INT8, Q8, Q8,
                                 OPT.Pool2DOptions, l2pool_opts(), (1, 2, 2, 2)),
     ["input type INT8 is not supported"]),
    ("l2_pool loads", unary_model(OP.L2_POOL_2D, (1, 4, 4, 2), TT.FLOAT32, None, None,
                                  OPT.Pool2DOptions, l2pool_opts(), (1, 2, 2, 2)), None),
    ("resize loads", resize_model(), None),
    ("resize size differs from output", resize_model(size=(4, 5)),
     ["output [1, 4, 4, 2]; input and size give [1, 4, 5, 2]"]),
    ("resize align and half pixel", resize_model(align=True, half=True),
     ["align_corners and half_pixel_centers are both set"]),
    ("resize size not constant", resize_model(const=False), ["must be a constant"]),
    ("resize size int64", resize_model(size_tt=TT.INT64), ["must hold 2 INT32 values"]),
    ("transpose_conv loads", tconv_model(bias=[1, 2]), None),
    ("transpose_conv int32 data", tconv_model(TT.INT32), ["types: output shape INT32, filter INT8, "
                                                         "input INT32, output INT32"]),
    ("transpose_conv int16 int64 bias loads", tconv_model(TT.INT16, [1, 2], TT.INT64), None),
    ("transpose_conv int16 int32 bias", tconv_model(TT.INT16, [1, 2], TT.INT32),
     ["bias must hold 2 values of INT64 or INT16"]),
    ("transpose_conv filter zero point", tconv_model(wq=quant([0.01, 0.02], [0, 3], 0)),
     ["non-zero zero point"]),
    ("transpose_conv bias bound", tconv_model(bias=[2**31 - 1, 0]),
     ["4 taps x 3 input channels (+ bias) can overflow the int32 accumulator"]),
    ("transpose_conv output channels", tconv_model(oshape=(1, 4, 4, 3)),
     ["does not fit input channels 3 and output"]),
    ("transpose_conv filter not constant", tconv_model(const_filter=False),
     ["must be a constant"]),
    ("batch_matmul loads", bmm_model((2, 1, 3, 4), (5, 4, 6), (2, 5, 3, 6)), None),
    ("batch_matmul adj_y loads", bmm_model((3, 4), (6, 4), (3, 6), adj_y=True), None),
    ("batch_matmul depth mismatch", bmm_model((3, 4), (5, 6), (3, 6)),
     ["lhs depth 4, rhs depth 5"]),
    ("batch_matmul batch broadcast", bmm_model((2, 3, 4), (3, 4, 6), (3, 3, 6)),
     ["batch dimensions 2 and 3 do not broadcast"]),
    ("batch_matmul output shape", bmm_model((3, 4), (4, 6), (3, 5)),
     ["output must have rank 2 and end in [3, 6]"]),
    ("batch_matmul rank 6", bmm_model((1, 1, 1, 1, 3, 4), (4, 6), (1, 1, 1, 1, 3, 6)),
     ["ranks 6 and 2; 2 to 5"]),
    ("batch_matmul hybrid activation rhs", bmm_model((3, 4), (4, 6), (3, 6), tt=TT.FLOAT32,
                                                     ql=None, qo=None, rt=TT.INT8),
     ["input 1", "must be a constant"]),
    ("batch_matmul int16 zero point", bmm_model((3, 4), (4, 6), (3, 6), tt=TT.INT16, ql=Q16,
                                                qr=quant(0.001, 5), qo=Q16), ["zero point"]),
    ("batch_matmul int8 depth bound", bmm_model((2, 40000), (40000, 2), (2, 2),
                                                ql=quant(0.01, -128), qr=quant(0.01, 127),
                                                qo=quant(1.0, 0)),
     ["depth 40000 exceeds 33025", "accumulator"]),
    ("mean loads", reduce_model(OP.MEAN, (2, 3, 4), [1, -1, 1], (2,)), None),
    ("mean keep_dims loads", reduce_model(OP.MEAN, (1, 5, 5, 8), [1, 2], (1, 1, 1, 8),
                                          keep=True), None),
    ("mean axis out of range", reduce_model(OP.MEAN, (2, 3), [2], (2,)),
     ["axis 2 is outside [-2, 2)"]),
    ("mean negative axis out of range", reduce_model(OP.MEAN, (2, 3), [-3], (2,)),
     ["axis -3 is outside"]),
    ("mean axis not constant", reduce_model(OP.MEAN, (2, 3), [1], (2,), const_axis=False),
     ["must be a constant"]),
    ("mean int64 axis", reduce_model(OP.MEAN, (2, 3), [1], (2,), axis_tt=TT.INT64),
     ["axis tensor", "INT32 is supported"]),
    ("mean output shape", reduce_model(OP.MEAN, (2, 3), [1], (3,)),
     ["output dimension 0 is 3; the reduction gives 2"]),
    ("mean output rank keep_dims", reduce_model(OP.MEAN, (2, 3), [1], (2,), keep=True),
     ["output has rank 1; the reduction gives rank 2"]),
    ("sum int8 overflow bound", reduce_model(OP.SUM, (1, 20000), [1], (1,),
                                             qi=quant(100.0, 0), qo=quant(0.01, 0)),
     ["20000 elements per output", "int32 sums overflow beyond 1023", "left shift 14"]),
    ("mean folds the shift: loads", reduce_model(OP.MEAN, (1, 20000), [1], (1,),
                                                 qi=quant(100.0, 0), qo=quant(0.01, 0)), None),
    ("mean int16 overflow bound", reduce_model(OP.MEAN, (70000,), [0], (), tt=TT.INT16,
                                               qi=quant(0.001, 0), qo=quant(0.001, 0)),
     ["70000 elements per output", "overflow beyond 65535"]),
    ("sum int8 output zero point", reduce_model(OP.SUM, (2, 3), [1], (2,), qo=quant(0.1, 200)),
     ["zero point 200"]),
    ("sum ratio without multiplier", reduce_model(OP.SUM, (2, 3), [1], (2,), qi=quant(1e6, 0),
                                                  qo=quant(1e-6, 0)),
     ["no valid multiplier"]),
    ("reduce_max quantization differs", reduce_model(OP.REDUCE_MAX, (2, 3), [1], (2,),
                                                     qo=quant(0.1, 3)),
     ["output quantization", "differs from the input"]),
    ("reduce_min int16", reduce_model(OP.REDUCE_MIN, (2, 3), [1], (2,), tt=TT.INT16,
                                      qi=quant(0.001, 0), qo=quant(0.001, 0)),
     ["input type INT16 is not supported"]),
    ("arg_max loads", arg_model((2, 3, 4), -1, (2, 3)), None),
    ("arg_max int64 out loads", arg_model((2, 3, 4), 0, (3, 4), TT.INT64), None),
    ("arg_max output type", arg_model((2, 3, 4), 1, (2, 4), TT.INT16),
     ["output type INT16 is not supported"]),
    ("arg_max two axes", arg_model((2, 3, 4), 1, (2, 4), axis_vals=[1, 2]),
     ["must hold one INT32 or INT64 value"]),
    ("arg_max axis out of range", arg_model((2, 3), 2, (2,)), ["axis 2 is outside"]),
    ("arg_max output shape", arg_model((2, 3, 4), 1, (2, 3)),
     ["output dimension 1 is 3; the input without axis 1 gives 4"]),
]
