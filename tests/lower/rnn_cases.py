"""Refusal cases of the stateful operators (SVDF, src/ops/svdf.c) and of
variable tensors. Appended to test_lower.py's CASES: each model must be
refused by `mote inspect` with one line holding the words, or (words None)
load."""

import numpy as np

from tflite_builder import ACT, OP, TT, Graph, quant, schema

BO = schema.BuiltinOptions


def _opts(rank):
    o = schema.SVDFOptionsT()
    o.rank = rank
    return o


def svdf(rank=1, variable=True, state_tt=TT.INT16, wt_tt=TT.INT16, bias=True, bias_scale=None,
         in_tt=TT.INT8, wf_tt=TT.INT8, state_shape=None, out_units=None):
    """batches 1, input 4, 2 filters (units 2 / rank), memory 3."""
    g = Graph()
    f = in_tt == TT.FLOAT32
    qa = None if f else quant(0.05, 1)
    ti = g.tensor("in", [1, 4], in_tt, qa)
    tf = g.const("wf", np.ones((2, 4)), wf_tt, None if wf_tt == TT.FLOAT32 else quant(0.01, 0))
    tt = g.const("wt", np.ones((2, 3)), wt_tt, None if wt_tt == TT.FLOAT32 else quant(0.001, 0))
    ins = [ti, tf, tt]
    if bias:
        bs = 0.002 * 0.001 if bias_scale is None else bias_scale
        ins.append(g.const("b", np.zeros(max(1, 2 // rank)), TT.FLOAT32 if f else TT.INT32,
                           None if f else quant(bs, 0)))
    else:
        ins.append(-1)
    ts = g.tensor("state", state_shape or [1, 6], state_tt, None if f else quant(0.002, 0))
    g.tensors[ts].isVariable = variable
    ins.append(ts)
    units = max(1, 2 // rank) if out_units is None else out_units
    to = g.tensor("out", [1, units], in_tt, qa)
    g.op(OP.SVDF, ins, [to], BO.SVDFOptions, _opts(rank))
    return g.finish([ti], [to])


def state_written():
    """An operator writes a variable tensor as its output."""
    g = Graph()
    ti = g.tensor("in", [1, 6], TT.FLOAT32)
    ts = g.tensor("state", [1, 6], TT.FLOAT32)
    g.tensors[ts].isVariable = True
    g.op(OP.RELU, [ti], [ts])
    to = g.tensor("out", [1, 6], TT.FLOAT32)
    g.op(OP.RELU, [ts], [to])
    return g.finish([ti], [to])


def lstm(peephole=False, projection=False, layer_norm=False, cifg=False, act=None,
         cell_scale=2.0 ** -11, cell_tt=TT.INT16, variable=True, f32=False, diagonal=False,
         a16=False, bias_tt=None, a16_zp=0, h_tt=None, hybrid=False):
    """int8 (or float32, or a16: 16x8) LSTM: batch 1, 2 steps, 3 inputs, 4
    cells, time-major."""
    g = Graph()
    a8 = None if f32 else quant(0.02, 3)
    act_tt = TT.INT16 if a16 else TT.INT8
    if a16:
        a8 = quant(0.0005, a16_zp)
    wt, bt = (TT.FLOAT32, TT.FLOAT32) if f32 else (TT.INT8, TT.INT64 if a16 else TT.INT32)
    if hybrid:  # float32 activations, int8 weights
        wt = TT.INT8
    bt = bias_tt or bt
    wq = None if f32 and not hybrid else quant(0.01, 0)
    bq = None if f32 or bt == TT.FLOAT32 else quant(0.0002, 0)
    ti = g.tensor("in", [2, 1, 3], TT.FLOAT32 if f32 else act_tt, a8)
    ins = [ti]
    for k in range(4):
        ins.append(-1 if (cifg and k == 0) else g.const("wi%d" % k, np.ones((4, 3)), wt, wq))
    for k in range(4):
        ins.append(-1 if (cifg and k == 0) else g.const("wr%d" % k, np.ones((4, 4)), wt, wq))
    for k in range(3):
        ins.append(g.const("p%d" % k, np.ones(4), TT.INT16 if not f32 else TT.FLOAT32, wq)
                   if peephole else -1)
    for k in range(4):
        ins.append(-1 if (cifg and k == 0) else g.const("b%d" % k, np.zeros(4), bt, bq))
    ins.append(g.const("proj", np.ones((4, 4)), wt, wq) if projection else -1)
    ins.append(-1)
    th = g.tensor("h", [1, 4], TT.FLOAT32 if f32 else (h_tt or act_tt), a8)
    tc = g.tensor("c", [1, 4], TT.FLOAT32 if f32 else cell_tt,
                  None if f32 else quant(cell_scale, 0))
    g.tensors[th].isVariable = True
    g.tensors[tc].isVariable = variable
    ins += [th, tc]
    for k in range(4):
        ins.append(g.const("ln%d" % k, np.ones(4), TT.INT16 if not f32 else TT.FLOAT32, wq)
                   if layer_norm else -1)
    to = g.tensor("out", [2, 1, 4], TT.FLOAT32 if f32 else act_tt, a8)
    o = schema.UnidirectionalSequenceLSTMOptionsT()
    o.fusedActivationFunction = ACT.TANH if act is None else act
    o.timeMajor = True
    o.diagonalRecurrentTensors = diagonal
    g.op(OP.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, [to], BO.UnidirectionalSequenceLSTMOptions, o)
    return g.finish([ti], [to])


RNN_CASES = [
    ("lstm int8 loads", lstm(), None),
    ("lstm float loads", lstm(f32=True), None),
    ("lstm peephole", lstm(peephole=True), ["peephole (cell_to_input) weights (input 9)",
                                            "not supported"]),
    ("lstm projection", lstm(projection=True), ["projection weights (input 16)"]),
    ("lstm layer norm", lstm(layer_norm=True), ["input layer norm coefficients (input 20)"]),
    ("lstm cifg", lstm(cifg=True), ["CIFG is not supported"]),
    ("lstm relu", lstm(act=ACT.RELU), ["activation 1 is not supported", "TANH"]),
    ("lstm cell scale", lstm(cell_scale=0.001), ["cell state scale", "not a power of two"]),
    ("lstm cell type", lstm(cell_tt=TT.INT8), ["cell state must be INT16"]),
    ("lstm cell not variable", lstm(variable=False), ["input 19 (cell state)",
                                                      "must be a variable tensor"]),
    ("lstm 16x8 loads", lstm(a16=True), None),
    ("lstm 16x8 int32 bias", lstm(a16=True, bias_tt=TT.INT32), ["input 12 is INT32", "INT64"]),
    ("lstm 16x8 zero point", lstm(a16=True, a16_zp=3), ["zero point 3", "needs 0"]),
    ("lstm int8 input, int16 state", lstm(h_tt=TT.INT16), ["output state must be INT8"]),
    ("lstm 16x8 int64 bias on int8", lstm(bias_tt=TT.INT64), ["input 12 is INT64", "INT32"]),
    ("lstm hybrid loads", lstm(f32=True, hybrid=True), None),
    ("lstm hybrid int32 bias", lstm(f32=True, hybrid=True, bias_tt=TT.INT32),
     ["input 12 is INT32; hybrid LSTM needs INT8 weights and FLOAT32 biases"]),
    ("lstm diagonal", lstm(f32=True, diagonal=True), ["diagonal_recurrent_tensors"]),

    ("svdf int8 loads", svdf(), None),
    ("svdf float loads", svdf(in_tt=TT.FLOAT32, wf_tt=TT.FLOAT32, wt_tt=TT.FLOAT32,
                              state_tt=TT.FLOAT32, bias=False), None),
    ("svdf int8 state loads", svdf(state_tt=TT.INT8, wt_tt=TT.INT8), None),
    ("svdf state not variable", svdf(variable=False), ["SVDF", "not a variable tensor"]),
    ("svdf rank does not divide", svdf(rank=3, out_units=1), ["rank 3 does not divide 2 filters"]),
    ("svdf state shape", svdf(state_shape=[1, 5]), ["shapes disagree"]),
    ("svdf int8 no bias", svdf(bias=False), ["without a bias"]),
    ("svdf bias scale", svdf(bias_scale=0.5), ["bias scale", "state scale x weights_time"]),
    ("svdf state type", svdf(state_tt=TT.INT32, wt_tt=TT.INT32), ["state is INT32", "INT16"]),
    ("svdf mixed state", svdf(state_tt=TT.INT16, wt_tt=TT.INT8), ["weights_time INT8"]),
    ("svdf hybrid loads", svdf(in_tt=TT.FLOAT32, wf_tt=TT.INT8, wt_tt=TT.INT8,
                               state_tt=TT.FLOAT32), None),
    ("svdf hybrid float weights_time", svdf(in_tt=TT.FLOAT32, wf_tt=TT.INT8, wt_tt=TT.FLOAT32,
                                            state_tt=TT.FLOAT32),
     ["hybrid SVDF needs INT8 weights_time (has FLOAT32)"]),
    ("svdf hybrid int16 state", svdf(in_tt=TT.FLOAT32, wf_tt=TT.INT8, wt_tt=TT.INT8,
                                     state_tt=TT.INT16),
     ["hybrid SVDF needs", "FLOAT32 state (has INT16)"]),
    ("variable tensor written", state_written(), ["writes tensor 1", "already written"]),
]
