"""Lowering and graph checks: models that are well-formed flatbuffers but that
mote must refuse, each with its own status and a message naming the problem.

Every model is built here with the TFLite schema's object API (the op
tests' Graph helper, tests/ops/tflite_builder.py), run through `mote
inspect`, and must exit 1 with one stderr line containing the expected
words. A few valid models must load.

usage: test_lower.py MOTE_BINARY
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "ops"))
from tflite_builder import ACT, OP, PAD, TT, Graph, quant, schema  # noqa: E402

BO = schema.BuiltinOptions


def conv_opts(stride=1, pad=PAD.VALID, act=ACT.NONE, dil=1):
    o = schema.Conv2DOptionsT()
    o.padding, o.strideW, o.strideH, o.fusedActivationFunction = pad, stride, stride, act
    o.dilationWFactor = o.dilationHFactor = dil
    return o


def dw_opts(mult, stride=1):
    o = schema.DepthwiseConv2DOptionsT()
    o.padding, o.strideW, o.strideH, o.depthMultiplier = PAD.VALID, stride, stride, mult
    o.dilationWFactor = o.dilationHFactor = 1
    return o


def pool_opts(k=2, stride=2):
    o = schema.Pool2DOptionsT()
    o.padding, o.strideW, o.strideH, o.filterWidth, o.filterHeight = PAD.VALID, stride, stride, k, k
    return o


def softmax_opts(beta=1.0):
    o = schema.SoftmaxOptionsT()
    o.beta = beta
    return o


Q = quant(0.05, 3)
QOUT_SOFTMAX = quant(1.0 / 256, -128)


def conv_model(out_shape=(1, 2, 2, 4), w_shape=(4, 3, 3, 2), in_type=TT.INT8, act=ACT.NONE,
               stride=1, w_zp=0, w_type=TT.INT8):
    g = Graph()
    qi = Q if in_type == TT.INT8 else (quant(0.05, 3) if in_type == TT.INT16 else None)
    ti = g.tensor("in", [1, 4, 4, 2], in_type, qi)
    wq = quant([0.01] * w_shape[0], [w_zp] * w_shape[0], 0) if w_type == TT.INT8 else None
    tw = g.const("w", np.ones(w_shape), w_type, wq)
    to = g.tensor("out", list(out_shape), in_type, qi)
    g.op(OP.CONV_2D, [ti, tw, -1], [to], BO.Conv2DOptions, conv_opts(stride=stride, act=act))
    return g.finish([ti], [to])


def unsupported_ops():
    g = Graph()
    a = g.tensor("a", [1, 8], TT.FLOAT32)
    b = g.tensor("b", [1, 8], TT.FLOAT32)
    c = g.tensor("c", [1, 8], TT.FLOAT32)
    d = g.tensor("d", [1, 8], TT.FLOAT32)
    # Operators TFLite Micro does not run either (TANH and LOGISTIC were
    # used here until mote gained them).
    g.op(OP.LSH_PROJECTION, [a], [b])
    g.op(OP.HASHTABLE_LOOKUP, [b], [c])
    g.op(OP.LSH_PROJECTION, [c], [d])
    return g.finish([a], [d])


def softmax_model(depth, out_q=QOUT_SOFTMAX):
    g = Graph()
    a = g.tensor("a", [1, depth], TT.INT8, Q)
    b = g.tensor("b", [1, depth], TT.INT8, out_q)
    g.op(OP.SOFTMAX, [a], [b], BO.SoftmaxOptions, softmax_opts())
    return g.finish([a], [b])


def pool_model(qo):
    g = Graph()
    a = g.tensor("a", [1, 4, 4, 2], TT.INT8, Q)
    b = g.tensor("b", [1, 2, 2, 2], TT.INT8, qo)
    g.op(OP.AVERAGE_POOL_2D, [a], [b], BO.Pool2DOptions, pool_opts())
    return g.finish([a], [b])


def dw_model(mult, out_c):
    g = Graph()
    a = g.tensor("a", [1, 4, 4, 2], TT.INT8, Q)
    w = g.const("w", np.ones((1, 3, 3, out_c)), TT.INT8, quant([0.01] * out_c, [0] * out_c, 3))
    b = g.tensor("b", [1, 2, 2, out_c], TT.INT8, Q)
    g.op(OP.DEPTHWISE_CONV_2D, [a, w, -1], [b], BO.DepthwiseConv2DOptions, dw_opts(mult))
    return g.finish([a], [b])


def fc_model(in_shape, depth):
    g = Graph()
    a = g.tensor("a", list(in_shape), TT.INT8, Q)
    w = g.const("w", np.ones((3, depth)), TT.INT8, quant(0.01, 0))
    b = g.tensor("b", [1, 3], TT.INT8, Q)
    o = schema.FullyConnectedOptionsT()
    g.op(OP.FULLY_CONNECTED, [a, w, -1], [b], BO.FullyConnectedOptions, o)
    return g.finish([a], [b])


def add_model(a_shape, b_shape, out_shape):
    g = Graph()
    a = g.tensor("a", list(a_shape), TT.INT8, Q)
    b = g.tensor("b", list(b_shape), TT.INT8, Q)
    c = g.tensor("c", list(out_shape), TT.INT8, Q)
    g.op(OP.ADD, [a, b], [c], BO.AddOptions, schema.AddOptionsT())
    return g.finish([a, b], [c])


def reshape_model(qo):
    g = Graph()
    a = g.tensor("a", [1, 2, 4], TT.INT8, Q)
    b = g.tensor("b", [1, 8], TT.INT8, qo)
    o = schema.ReshapeOptionsT()
    o.newShape = [1, 8]
    g.op(OP.RESHAPE, [a], [b], BO.ReshapeOptions, o)
    return g.finish([a], [b])


def cycle_model():
    # op 0 reads b, which only op 1 writes.
    g = Graph()
    a = g.tensor("a", [1, 8], TT.INT8, Q)
    b = g.tensor("b", [1, 8], TT.INT8, Q)
    c = g.tensor("c", [1, 8], TT.INT8, Q)
    g.op(OP.RESHAPE, [b], [c], BO.ReshapeOptions, schema.ReshapeOptionsT())
    g.op(OP.RESHAPE, [c], [b], BO.ReshapeOptions, schema.ReshapeOptionsT())
    return g.finish([a], [b])


def written_twice_model():
    g = Graph()
    a = g.tensor("a", [1, 8], TT.INT8, Q)
    b = g.tensor("b", [1, 8], TT.INT8, Q)
    g.op(OP.RESHAPE, [a], [b], BO.ReshapeOptions, schema.ReshapeOptionsT())
    g.op(OP.RESHAPE, [a], [b], BO.ReshapeOptions, schema.ReshapeOptionsT())
    return g.finish([a], [b])


def unwritten_output_model():
    g = Graph()
    a = g.tensor("a", [1, 8], TT.INT8, Q)
    b = g.tensor("b", [1, 8], TT.INT8, Q)
    c = g.tensor("c", [1, 8], TT.INT8, Q)
    g.op(OP.RESHAPE, [a], [b], BO.ReshapeOptions, schema.ReshapeOptionsT())
    return g.finish([a], [c])


def reshape_chain_model():
    # in -> reshape -> reshape -> softmax: both reshapes run in place.
    g = Graph()
    a = g.tensor("a", [1, 2, 5], TT.INT8, Q)
    b = g.tensor("b", [1, 10], TT.INT8, Q)
    c = g.tensor("c", [10], TT.INT8, Q)
    d = g.tensor("d", [10], TT.INT8, QOUT_SOFTMAX)
    g.op(OP.RESHAPE, [a], [b], BO.ReshapeOptions, schema.ReshapeOptionsT())
    g.op(OP.RESHAPE, [b], [c], BO.ReshapeOptions, schema.ReshapeOptionsT())
    g.op(OP.SOFTMAX, [c], [d], BO.SoftmaxOptions, softmax_opts())
    return g.finish([a], [d])


# (name, model bytes, expected status sentence fragment or None for "loads", words)
CASES = [
    ("unsupported ops are all named", unsupported_ops(), ["LSH_PROJECTION", "HASHTABLE_LOOKUP", "operator 1"]),
    ("valid conv loads", conv_model(), None),
    ("conv output shape disagrees", conv_model(out_shape=(1, 3, 3, 4)), ["window gives"]),
    ("conv filter channels", conv_model(w_shape=(4, 3, 3, 3)), ["does not fit input channels"]),
    ("conv stride 0", conv_model(stride=0), ["must be >= 1"]),
    ("conv fused TANH", conv_model(act=ACT.TANH), ["activation 4"]),
    ("conv weights zero point", conv_model(w_zp=5), ["non-zero zero point"]),
    ("conv int16 activations, zero point 3", conv_model(in_type=TT.INT16), ["zero point 3"]),
    ("hybrid conv loads", conv_model(in_type=TT.FLOAT32), None),
    ("hybrid conv weights zero point", conv_model(in_type=TT.FLOAT32, w_zp=5),
     ["hybrid int8 weights are symmetric"]),
    ("softmax 4095 loads", softmax_model(4095), None),
    ("softmax 4096 refused", softmax_model(4096), ["at most 4095"]),
    ("softmax output quant", softmax_model(10, quant(0.01, 0)), ["1/256"]),
    ("pool quant differs", pool_model(quant(0.1, 3)), ["quantization differ"]),
    ("depthwise multiplier", dw_model(1, 4), ["depth multiplier"]),
    ("fc input does not split", fc_model((1, 7), 4), ["does not split"]),
    ("add broadcast", add_model((1, 2, 3), (1, 3, 3), (1, 3, 3)), ["does not broadcast"]),
    ("add output shape", add_model((1, 1, 3), (1, 2, 1), (1, 2, 2)), ["broadcast to"]),
    ("reshape changes quant", reshape_model(quant(0.1, 0)), ["cannot change quantization"]),
    ("cycle", cycle_model(), ["before any operator writes it"]),
    ("tensor written twice", written_twice_model(), ["already written"]),
    ("output never written", unwritten_output_model(), ["never written"]),
    ("reshape chain loads", reshape_chain_model(), None),
]

# The element-wise operators' refusals live beside this file.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from elementwise_cases import ELEMENTWISE_CASES  # noqa: E402

CASES += ELEMENTWISE_CASES

# The data-movement operators' refusals (PAD, TRANSPOSE, slices, ...).
from shape_cases import SHAPE_CASES  # noqa: E402

CASES += SHAPE_CASES

# Gathers, fills, casts, selects (GATHER, SHAPE, FILL, CAST, SELECT_V2, ...).
from index_cases import INDEX_CASES  # noqa: E402

CASES += INDEX_CASES

from reduce_cases import REDUCE_CASES  # noqa: E402

CASES += REDUCE_CASES

# Hybrid (float activations, int8 weights): tests/lower/hybrid_cases.py.
from hybrid_cases import HYBRID_CASES  # noqa: E402

CASES += HYBRID_CASES

# 16x8 (int16 activations, int8 weights): tests/lower/s16_cases.py.
from s16_cases import S16_CASES  # noqa: E402

CASES += S16_CASES

# Stateful operators and variable tensors: tests/lower/rnn_cases.py.
from rnn_cases import RNN_CASES  # noqa: E402

CASES += RNN_CASES

# Control flow and resource variables: tests/lower/control_cases.py.
from control_cases import CONTROL_CASES  # noqa: E402

CASES += CONTROL_CASES

# TFLite Micro's Signal library (CUSTOM operators): tests/lower/signal_cases.py.
from signal_cases import SIGNAL_CASES  # noqa: E402

CASES += SIGNAL_CASES


def main():
    mote = sys.argv[1]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, model, words in CASES:
            path = os.path.join(tmp, "m.tflite")
            with open(path, "wb") as f:
                f.write(model)
            r = subprocess.run([mote, "inspect", path], capture_output=True, text=True)
            lines = r.stderr.strip().splitlines()
            if words is None:
                ok = r.returncode == 0
            else:
                ok = (r.returncode == 1 and len(lines) == 1
                      and all(w in lines[0] for w in words))
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {name}: rc={r.returncode} stderr={r.stderr.strip()!r}")
    print(f"lower: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
