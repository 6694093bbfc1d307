"""UNIDIRECTIONAL_SEQUENCE_LSTM test spec: the standard LSTM (TFLite
Micro's: no peephole, projection, layer norm or CIFG), time-major and
batch-major, cell clip off or on, 1-4 invokes per case so the output and
cell state (variable tensors) carry over; run_cases checks that
mote_session_reset() gives the first invoke's outputs again. Random
batches 1-3, steps 1-5, inputs 1-12, cells 1-12.

int8 (TFLite Micro, byte for byte): int8 input, weights and output state,
int32 biases, int16 cell state of scale 2^-9 .. 2^-13; scales drawn so the
gates see pre-activations of a few units (both saturated and linear parts of
the int16 sigmoid / tanh run). float32: TFLite Micro too (ORACLES), whose
arithmetic order mote follows (bit-identical; LiteRT's reference kernel
starts each gate from its bias and differs in the last bits).
"""

import math

import numpy as np

from draws import Case, Invalid, common_desc, log_uniform, rand_float, rand_int8, rand_zp
from tflite_builder import ACT, OP, OPT, TT, Graph, quant, schema

OPERATOR = "UNIDIRECTIONAL_SEQUENCE_LSTM"
KERNELS = {"int8": "UNIDIRECTIONAL_SEQUENCE_LSTM_S8", "float32": "UNIDIRECTIONAL_SEQUENCE_LSTM_F32"}
ORACLES = {"float32": "tflm"}


def _case(rng, batches=None, steps=None, n_in=None, cells=None, time_major=None, clip=None,
          invokes=None):
    b = int(rng.integers(1, 4)) if batches is None else batches
    t = int(rng.integers(1, 6)) if steps is None else steps
    i = int(rng.integers(1, 13)) if n_in is None else n_in
    s = int(rng.integers(1, 13)) if cells is None else cells
    tm = bool(rng.random() < 0.5) if time_major is None else time_major
    clip = (0.0 if rng.random() < 0.6 else float(rng.uniform(0.2, 3.0))) if clip is None else clip
    inv = int(rng.choice([1, 2, 3, 4])) if invokes is None else invokes
    g = Graph()
    shape = [t, b, i] if tm else [b, t, i]
    ti = g.tensor("input", shape, TT.FLOAT32)
    ins = [ti]
    for k in range(4):
        ins.append(g.const("w_in_%d" % k, rand_float(rng, (s, i), 1 / math.sqrt(i)), TT.FLOAT32))
    for k in range(4):
        ins.append(g.const("w_rec_%d" % k, rand_float(rng, (s, s), 1 / math.sqrt(s)),
                           TT.FLOAT32))
    ins += [-1, -1, -1]
    for k in range(4):
        ins.append(g.const("bias_%d" % k, rand_float(rng, (s,), 0.5), TT.FLOAT32))
    ins += [-1, -1]
    for name in ("output_state", "cell_state"):
        v = g.tensor(name, [b, s], TT.FLOAT32)
        g.tensors[v].isVariable = True
        ins.append(v)
    ins += [-1, -1, -1, -1]
    to = g.tensor("output", shape[:2] + [s], TT.FLOAT32)
    o = schema.UnidirectionalSequenceLSTMOptionsT()
    o.fusedActivationFunction = ACT.TANH
    o.cellClip = clip
    o.timeMajor = tm
    g.op(OP.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, [to], OPT.UnidirectionalSequenceLSTMOptions, o)
    x = np.stack([rand_float(rng, shape, float(rng.choice([0.3, 1.0, 3.0]))) for _ in range(inv)])
    desc = common_desc(batches=b, steps=t, inputs=i, cells=s, time_major=tm, cell_clip=clip)
    return Case(g.finish([ti], [to]), [x] if inv > 1 else [x[0]], desc, invokes=inv)


def _case_s8(rng, batches=None, steps=None, n_in=None, cells=None, time_major=None, clip=None,
             invokes=None, cell_pow=None, same=False):
    b = int(rng.integers(1, 4)) if batches is None else batches
    t = int(rng.integers(1, 6)) if steps is None else steps
    i = int(rng.integers(1, 13)) if n_in is None else n_in
    s = int(rng.integers(1, 13)) if cells is None else cells
    tm = bool(rng.random() < 0.5) if time_major is None else time_major
    clip = (0.0 if rng.random() < 0.6 else float(rng.uniform(0.5, 8.0))) if clip is None else clip
    inv = int(rng.choice([1, 2, 3, 4])) if invokes is None else invokes
    cell_pow = int(rng.integers(-13, -8)) if cell_pow is None else cell_pow
    in_s, in_zp = log_uniform(rng, -2.5, -1), rand_zp(rng)
    h_s, h_zp = log_uniform(rng, -2.4, -1.8), int(rng.integers(-20, 21))
    gain = log_uniform(rng, -0.5, 0.7)  # how far into the non-linearities gates go
    g = Graph()
    shape = [t, b, i] if tm else [b, t, i]
    ti = g.tensor("input", shape, TT.INT8, quant(in_s, in_zp))
    ins = [ti]
    w_in_s = []
    for k in range(4):
        ws = gain / math.sqrt(i) / (60 * in_s) / 60 * log_uniform(rng, -0.3, 0.3)
        w_in_s.append(ws)
        ins.append(g.const("w_in_%d" % k, rng.integers(-127, 128, size=(s, i)), TT.INT8,
                           quant(ws, 0)))
    for k in range(4):
        ws = gain / math.sqrt(s) / (60 * h_s) / 60 * log_uniform(rng, -0.3, 0.3)
        ins.append(g.const("w_rec_%d" % k, rng.integers(-127, 128, size=(s, s)), TT.INT8,
                           quant(ws, 0)))
    ins += [-1, -1, -1]
    for k in range(4):
        bs = in_s * w_in_s[k]
        bias = (rng.standard_normal(s) * 0.7 * gain / bs).astype(np.int64)
        ins.append(g.const("bias_%d" % k, np.clip(bias, -2**31, 2**31 - 1), TT.INT32,
                           quant(bs, 0)))
    ins += [-1, -1]
    vh = g.tensor("output_state", [b, s], TT.INT8, quant(h_s, h_zp))
    vc = g.tensor("cell_state", [b, s], TT.INT16, quant(2.0 ** cell_pow, 0))
    for v in (vh, vc):
        g.tensors[v].isVariable = True
    ins += [vh, vc, -1, -1, -1, -1]
    to = g.tensor("output", shape[:2] + [s], TT.INT8, quant(h_s, h_zp))
    o = schema.UnidirectionalSequenceLSTMOptionsT()
    o.fusedActivationFunction = ACT.TANH
    o.cellClip = clip
    o.timeMajor = tm
    g.op(OP.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, [to], OPT.UnidirectionalSequenceLSTMOptions, o)
    x = np.stack([rand_int8(rng, shape) for _ in range(inv)])
    if same:  # one input every invoke: only the state changes the outputs
        x[:] = x[0]
    desc = common_desc(batches=b, steps=t, inputs=i, cells=s, time_major=tm, cell_clip=clip,
                       cell_scale="2^%d" % cell_pow, in_s=in_s, in_zp=in_zp, h_s=h_s, h_zp=h_zp,
                       gain=gain, same_input=same)
    return Case(g.finish([ti], [to]), [x] if inv > 1 else [x[0]], desc, invokes=inv)


def draw(rng, dtype):
    if dtype == "int8":
        return _case_s8(rng)
    if dtype != "float32":
        raise Invalid(dtype)
    return _case(rng)


def edges(dtype):
    if dtype == "int8":
        return [
            lambda r: _case_s8(r, 1, 1, 1, 1, True, 0.0, 3),
            lambda r: _case_s8(r, 3, 5, 12, 12, False, 0.0, 4),
            lambda r: _case_s8(r, 2, 4, 7, 5, True, 1.0, 4, -11),
            lambda r: _case_s8(r, 2, 3, 16, 20, False, 0.0, 2, -13),
            lambda r: _case_s8(r, 1, 6, 4, 8, True, 0.0, 3, -9),
            lambda r: _case_s8(r, 2, 2, 5, 6, False, 0.0, 4, -11, same=True),
        ]
    return [
        lambda r: _case(r, 1, 1, 1, 1, True, 0.0, 3),
        lambda r: _case(r, 3, 5, 12, 12, False, 0.0, 4),
        lambda r: _case(r, 2, 4, 7, 5, True, 0.5, 4),
        lambda r: _case(r, 1, 8, 3, 16, False, 1.0, 2),
    ]
