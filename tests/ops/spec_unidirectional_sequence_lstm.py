"""UNIDIRECTIONAL_SEQUENCE_LSTM test spec: the standard LSTM (TFLite
Micro's: no peephole, projection, layer norm or CIFG), time-major and
batch-major, cell clip off or on, 1-4 invokes per case so the output and
cell state (variable tensors) carry over; run_cases checks that
mote_session_reset() gives the first invoke's outputs again. Random
batches 1-3, steps 1-5, inputs 1-12, cells 1-12.

int8 (TFLite Micro, byte for byte): int8 input, weights and output state,
int32 biases, int16 cell state of scale 2^-9 .. 2^-13; scales drawn so the
gates see pre-activations of a few units (both saturated and linear parts of
the int16 sigmoid / tanh run). int16 (16x8, TFLite Micro, byte for byte):
int16 input, output state and output (zero points 0), int8 weights, int64
biases, the same int16 cell state; the inputs take rand_int16's full range,
narrow bands and values near zero. TFLite Micro has no other integer
combination (int8 input with int16 activations elsewhere, int32 biases with
int16 input: refused, and mote refuses them too). float32: TFLite Micro too
(ORACLES), whose arithmetic order mote follows (bit-identical; LiteRT's
reference kernel starts each gate from its bias and differs in the last bits).
Hybrid (variant "float32_hybrid", kernel UNIDIRECTIONAL_SEQUENCE_LSTM_HYBRID):
float32 input, biases, states and output, int8 weights with per-tensor
scales, asymmetric_quantize_inputs both ways. TFLite Micro has no hybrid
LSTM: the expected outputs are LiteRT's (gen_cases.py: a float variant,
within 1e-5 x max|expected|). Inputs from spec_hybrid.hybrid_input
(magnitudes 1e-3 to 1e3, one-signed, all-zero and single-spike steps), a
new draw every invoke; weights in the converter's [-127, 127].

The hybrid kernel re-quantizes the float output state to int8 every step,
so a last-bit difference in a gate can move a state value across a rounding
boundary and the outputs one int8 step apart. It follows LiteRT's float
arithmetic bit for bit (kernels/ref/ref_litert_act.h: Eigen's sigmoid and
tanh, which elements take Eigen's scalar path; ref_hybrid.h: the
asymmetric scale from a float range), and every case is held to the plain
1e-5 x max|expected| (on x86-64 all 208 default and 2008 long cases come
out bit-exact). Before that, with libm's expf / tanhf, 2 of the 208
default cases differed by one int8 step of the state.
"""

import math

import numpy as np

from draws import (Case, Invalid, common_desc, log_uniform, rand_float, rand_int8, rand_int16,
                   rand_zp)
from tflite_builder import ACT, OP, OPT, TT, Graph, quant, schema

OPERATOR = "UNIDIRECTIONAL_SEQUENCE_LSTM"
KERNELS = {"int8": "UNIDIRECTIONAL_SEQUENCE_LSTM_S8", "int16": "UNIDIRECTIONAL_SEQUENCE_LSTM_S16",
           "float32": "UNIDIRECTIONAL_SEQUENCE_LSTM_F32"}
EXTRA_KERNELS = {"float32_hybrid": "UNIDIRECTIONAL_SEQUENCE_LSTM_HYBRID"}
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
             invokes=None, cell_pow=None, same=False, dtype="int8"):
    b = int(rng.integers(1, 4)) if batches is None else batches
    t = int(rng.integers(1, 6)) if steps is None else steps
    i = int(rng.integers(1, 13)) if n_in is None else n_in
    s = int(rng.integers(1, 13)) if cells is None else cells
    tm = bool(rng.random() < 0.5) if time_major is None else time_major
    clip = (0.0 if rng.random() < 0.6 else float(rng.uniform(0.5, 8.0))) if clip is None else clip
    inv = int(rng.choice([1, 2, 3, 4])) if invokes is None else invokes
    cell_pow = int(rng.integers(-13, -8)) if cell_pow is None else cell_pow
    if dtype == "int16":  # symmetric; typical |x| about 19000 steps, |h| about 0.5
        in_s, in_zp = log_uniform(rng, -5, -3.5), 0
        h_s, h_zp = log_uniform(rng, -4.7, -4.0), 0
        x_typ, h_typ, act_tt, bias_tt = 18900 * in_s, 0.48, TT.INT16, TT.INT64
    else:
        in_s, in_zp = log_uniform(rng, -2.5, -1), rand_zp(rng)
        h_s, h_zp = log_uniform(rng, -2.4, -1.8), int(rng.integers(-20, 21))
        x_typ, h_typ, act_tt, bias_tt = 60 * in_s, 60 * h_s, TT.INT8, TT.INT32
    gain = log_uniform(rng, -0.5, 0.7)  # how far into the non-linearities gates go
    g = Graph()
    shape = [t, b, i] if tm else [b, t, i]
    ti = g.tensor("input", shape, act_tt, quant(in_s, in_zp))
    ins = [ti]
    w_in_s = []
    for k in range(4):
        ws = gain / math.sqrt(i) / x_typ / 60 * log_uniform(rng, -0.3, 0.3)
        w_in_s.append(ws)
        ins.append(g.const("w_in_%d" % k, rng.integers(-127, 128, size=(s, i)), TT.INT8,
                           quant(ws, 0)))
    for k in range(4):
        ws = gain / math.sqrt(s) / h_typ / 60 * log_uniform(rng, -0.3, 0.3)
        ins.append(g.const("w_rec_%d" % k, rng.integers(-127, 128, size=(s, s)), TT.INT8,
                           quant(ws, 0)))
    ins += [-1, -1, -1]
    for k in range(4):
        bs = in_s * w_in_s[k]
        bias = (rng.standard_normal(s) * 0.7 * gain / bs).astype(np.int64)
        ins.append(g.const("bias_%d" % k, np.clip(bias, -2**31, 2**31 - 1), bias_tt,
                           quant(bs, 0)))
    ins += [-1, -1]
    vh = g.tensor("output_state", [b, s], act_tt, quant(h_s, h_zp))
    vc = g.tensor("cell_state", [b, s], TT.INT16, quant(2.0 ** cell_pow, 0))
    for v in (vh, vc):
        g.tensors[v].isVariable = True
    ins += [vh, vc, -1, -1, -1, -1]
    to = g.tensor("output", shape[:2] + [s], act_tt, quant(h_s, h_zp))
    o = schema.UnidirectionalSequenceLSTMOptionsT()
    o.fusedActivationFunction = ACT.TANH
    o.cellClip = clip
    o.timeMajor = tm
    g.op(OP.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, [to], OPT.UnidirectionalSequenceLSTMOptions, o)
    rand_x = rand_int16 if dtype == "int16" else rand_int8
    x = np.stack([rand_x(rng, shape) for _ in range(inv)])
    if same:  # one input every invoke: only the state changes the outputs
        x[:] = x[0]
    desc = common_desc(batches=b, steps=t, inputs=i, cells=s, time_major=tm, cell_clip=clip,
                       cell_scale="2^%d" % cell_pow, in_s=in_s, in_zp=in_zp, h_s=h_s, h_zp=h_zp,
                       gain=gain, same_input=same)
    return Case(g.finish([ti], [to]), [x] if inv > 1 else [x[0]], desc, invokes=inv)


def _case_hybrid(rng, batches=None, steps=None, n_in=None, cells=None, time_major=None,
                 clip=None, invokes=None, asymmetric=None, zero=False):
    import spec_hybrid
    b = int(rng.integers(1, 4)) if batches is None else batches
    t = int(rng.integers(1, 6)) if steps is None else steps
    i = int(rng.integers(1, 13)) if n_in is None else n_in
    s = int(rng.integers(1, 13)) if cells is None else cells
    tm = bool(rng.random() < 0.5) if time_major is None else time_major
    clip = (0.0 if rng.random() < 0.6 else float(rng.uniform(0.2, 3.0))) if clip is None else clip
    inv = int(rng.choice([1, 2, 3, 4])) if invokes is None else invokes
    asym = bool(rng.random() < 0.5) if asymmetric is None else asymmetric
    g = Graph()
    shape = [t, b, i] if tm else [b, t, i]
    ti = g.tensor("input", shape, TT.FLOAT32)
    ins = [ti]
    for k, depth in enumerate([i] * 4 + [s] * 4):
        # real weights of about 1 / sqrt(depth), the int8 grid's step varied
        ws = float(np.float32(log_uniform(rng, -0.4, 0.4) / math.sqrt(depth) / 64))
        w = spec_hybrid._weights(rng, (s, depth), allow_min=False)
        ins.append(g.const("w_%s_%d" % ("in" if k < 4 else "rec", k % 4), w, TT.INT8,
                           quant(ws, 0)))
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
    o.asymmetricQuantizeInputs = asym
    g.op(OP.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, [to], OPT.UnidirectionalSequenceLSTMOptions, o)
    xs, kinds = [], []
    for _ in range(inv):
        x, kind = spec_hybrid.hybrid_input(rng, shape)
        xs.append(np.zeros_like(x) if zero else x)
        kinds.append("zero" if zero else kind)
    x = np.stack(xs)
    desc = common_desc(batches=b, steps=t, inputs=i, cells=s, time_major=tm, cell_clip=clip,
                       hybrid=True, asymmetric=asym, inputs_kind="/".join(kinds))
    return Case(g.finish([ti], [to]), [x] if inv > 1 else [x[0]], desc, invokes=inv)


def draw(rng, dtype):
    if dtype == "float32_hybrid":
        return _case_hybrid(rng)
    if dtype in ("int8", "int16"):
        return _case_s8(rng, dtype=dtype)
    if dtype != "float32":
        raise Invalid(dtype)
    return _case(rng)


def edges(dtype):
    if dtype == "float32_hybrid":
        return [
            lambda r: _case_hybrid(r, 1, 1, 1, 1, True, 0.0, 3, False),
            lambda r: _case_hybrid(r, 1, 1, 1, 1, True, 0.0, 3, True),
            lambda r: _case_hybrid(r, 3, 5, 12, 12, False, 0.0, 4, False),
            lambda r: _case_hybrid(r, 3, 5, 12, 12, True, 0.0, 4, True),
            lambda r: _case_hybrid(r, 2, 4, 7, 5, True, 0.5, 4, True),
            lambda r: _case_hybrid(r, 1, 8, 3, 16, False, 1.0, 2, False),
            lambda r: _case_hybrid(r, 2, 3, 40, 24, False, 0.0, 2, True),
            lambda r: _case_hybrid(r, 2, 3, 4, 5, True, 0.0, 2, True, zero=True),
        ]
    if dtype == "int16":
        return [
            lambda r: _case_s8(r, 1, 1, 1, 1, True, 0.0, 3, dtype="int16"),
            lambda r: _case_s8(r, 3, 5, 12, 12, False, 0.0, 4, dtype="int16"),
            lambda r: _case_s8(r, 2, 4, 7, 5, True, 1.0, 4, -11, dtype="int16"),
            lambda r: _case_s8(r, 2, 3, 16, 20, False, 0.0, 2, -13, dtype="int16"),
            lambda r: _case_s8(r, 1, 6, 4, 8, True, 0.0, 3, -9, dtype="int16"),
            lambda r: _case_s8(r, 2, 2, 5, 6, False, 0.0, 4, -11, same=True, dtype="int16"),
            lambda r: _case_s8(r, 1, 3, 64, 3, False, 4.0, 2, -10, dtype="int16"),
        ]
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
