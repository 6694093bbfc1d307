#!/usr/bin/env python3
"""Build the small valid models fuzz_mutate starts from.

Each model is written with every scalar field physically present (the
flatbuffers builder's ForceDefaults), so the fuzzer can patch any option,
index or quantization field in place: a field left at its default would
have no bytes to patch. The models are tiny (a few KB) and cover every
operator and both element types mote runs.

    .venv/bin/python tests/fuzz/make_models.py    # writes tests/fuzz/models/*.tflite
                                                  # and tests/fuzz/mutate_models.h
"""
import os

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as S

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(1234)


class Graph:
    def __init__(self):
        self.tensors, self.buffers, self.ops, self.codes = [], [S.BufferT()], [], []

    def tensor(self, shape, ttype, data=None, scale=None, zp=None, qdim=0):
        t = S.TensorT()
        t.shape = list(shape)
        t.type = ttype
        t.name = "t%d" % len(self.tensors)
        t.buffer = 0
        if data is not None:
            b = S.BufferT()
            b.data = np.frombuffer(np.ascontiguousarray(data).tobytes(), np.uint8)
            self.buffers.append(b)
            t.buffer = len(self.buffers) - 1
        if scale is not None:
            q = S.QuantizationParametersT()
            q.scale = [float(x) for x in np.atleast_1d(scale)]
            q.zeroPoint = [int(x) for x in np.atleast_1d(zp if zp is not None else 0)]
            q.quantizedDimension = qdim
            t.quantization = q
        self.tensors.append(t)
        return len(self.tensors) - 1

    def op(self, code, ins, outs, opt_type=0, opts=None):
        if code not in self.codes:
            self.codes.append(code)
        o = S.OperatorT()
        o.opcodeIndex = self.codes.index(code)
        o.inputs, o.outputs = list(ins), list(outs)
        o.builtinOptionsType = opt_type
        o.builtinOptions = opts
        self.ops.append(o)

    def pack(self, inputs, outputs):
        m = S.ModelT()
        m.version = 3
        m.description = "mote fuzz seed"
        oc = []
        for c in self.codes:
            x = S.OperatorCodeT()
            x.builtinCode = c
            x.deprecatedBuiltinCode = min(c, 127)
            x.version = 1
            oc.append(x)
        m.operatorCodes = oc
        sg = S.SubGraphT()
        sg.tensors, sg.operators = self.tensors, self.ops
        sg.inputs, sg.outputs = list(inputs), list(outputs)
        sg.name = "main"
        m.subgraphs = [sg]
        m.buffers = self.buffers
        b = flatbuffers.Builder(4096)
        b.ForceDefaults(True)
        b.Finish(m.Pack(b), file_identifier=b"TFL3")
        return bytes(b.Output())


def conv_opts(pad, sw, sh, act, dw=1, dh=1):
    o = S.Conv2DOptionsT()
    o.padding, o.strideW, o.strideH, o.fusedActivationFunction = pad, sw, sh, act
    o.dilationWFactor, o.dilationHFactor = dw, dh
    return o


def dw_opts(pad, sw, sh, mult, act, dw=1, dh=1):
    o = S.DepthwiseConv2DOptionsT()
    o.padding, o.strideW, o.strideH, o.depthMultiplier = pad, sw, sh, mult
    o.fusedActivationFunction, o.dilationWFactor, o.dilationHFactor = act, dw, dh
    return o


def pool_opts(pad, s, f, act):
    o = S.Pool2DOptionsT()
    o.padding, o.strideW, o.strideH = pad, s, s
    o.filterWidth, o.filterHeight, o.fusedActivationFunction = f, f, act
    return o


def fc_opts(act):
    o = S.FullyConnectedOptionsT()
    o.fusedActivationFunction = act
    return o


def add_opts(act):
    o = S.AddOptionsT()
    o.fusedActivationFunction = act
    return o


def softmax_opts(beta):
    o = S.SoftmaxOptionsT()
    o.beta = beta
    return o


def reshape_opts(shape):
    o = S.ReshapeOptionsT()
    o.newShape = list(shape)
    return o


I8, F32, I32 = S.TensorType.INT8, S.TensorType.FLOAT32, S.TensorType.INT32
OP, BO = S.BuiltinOperator, S.BuiltinOptions
SAME, VALID = S.Padding.SAME, S.Padding.VALID


def s8(shape):
    return RNG.integers(-127, 128, size=shape, dtype=np.int8)


def chain_s8():
    """conv (per-channel, dilated) -> depthwise (x2) -> avg pool -> reshape -> fc -> softmax."""
    g = Graph()
    x = g.tensor([1, 9, 9, 3], I8, scale=0.02, zp=-5)
    w1 = g.tensor([4, 3, 3, 3], I8, s8((4, 3, 3, 3)), scale=[0.01, 0.02, 0.015, 0.03],
                  zp=[0, 0, 0, 0], qdim=0)
    b1 = g.tensor([4], I32, RNG.integers(-500, 500, 4, dtype=np.int32),
                  scale=[0.0002, 0.0004, 0.0003, 0.0006], zp=[0] * 4)
    c1 = g.tensor([1, 5, 5, 4], I8, scale=0.05, zp=-128)
    g.op(OP.CONV_2D, [x, w1, b1], [c1], BO.Conv2DOptions, conv_opts(SAME, 2, 2, 3, 1, 1))
    w2 = g.tensor([1, 3, 3, 8], I8, s8((1, 3, 3, 8)), scale=[0.01 * (k + 1) for k in range(8)],
                  zp=[0] * 8, qdim=3)
    b2 = g.tensor([8], I32, RNG.integers(-100, 100, 8, dtype=np.int32),
                  scale=[0.0005 * (k + 1) for k in range(8)], zp=[0] * 8)
    c2 = g.tensor([1, 3, 3, 8], I8, scale=0.04, zp=3)
    g.op(OP.DEPTHWISE_CONV_2D, [c1, w2, b2], [c2], BO.DepthwiseConv2DOptions,
         dw_opts(VALID, 1, 1, 2, 1, 1, 1))
    p = g.tensor([1, 2, 2, 8], I8, scale=0.04, zp=3)
    g.op(OP.AVERAGE_POOL_2D, [c2], [p], BO.Pool2DOptions, pool_opts(VALID, 1, 2, 0))
    shp = g.tensor([2], I32, np.array([1, 32], np.int32))
    r = g.tensor([1, 32], I8, scale=0.04, zp=3)
    g.op(OP.RESHAPE, [p, shp], [r], BO.ReshapeOptions, reshape_opts([1, 32]))
    w3 = g.tensor([5, 32], I8, s8((5, 32)), scale=0.01, zp=0)
    b3 = g.tensor([5], I32, RNG.integers(-50, 50, 5, dtype=np.int32), scale=0.0004, zp=0)
    f = g.tensor([1, 5], I8, scale=0.1, zp=-10)
    g.op(OP.FULLY_CONNECTED, [r, w3, b3], [f], BO.FullyConnectedOptions, fc_opts(0))
    y = g.tensor([1, 5], I8, scale=1.0 / 256, zp=-128)
    g.op(OP.SOFTMAX, [f], [y], BO.SoftmaxOptions, softmax_opts(1.0))
    return g.pack([x], [y])


def branch_s8():
    """Two inputs: max pool + broadcast add, conv without bias, fc with keep dims."""
    g = Graph()
    a = g.tensor([1, 6, 6, 2], I8, scale=0.03, zp=1)
    bb = g.tensor([1, 1, 1, 2], I8, scale=0.05, zp=-2)
    s = g.tensor([1, 6, 6, 2], I8, scale=0.06, zp=0)
    g.op(OP.ADD, [a, bb], [s], BO.AddOptions, add_opts(1))
    m = g.tensor([1, 3, 3, 2], I8, scale=0.06, zp=0)
    g.op(OP.MAX_POOL_2D, [s], [m], BO.Pool2DOptions, pool_opts(SAME, 2, 3, 0))
    w = g.tensor([3, 1, 1, 2], I8, s8((3, 1, 1, 2)), scale=[0.02, 0.01, 0.03], zp=[0] * 3, qdim=0)
    c = g.tensor([1, 3, 3, 3], I8, scale=0.07, zp=5)
    g.op(OP.CONV_2D, [m, w, -1], [c], BO.Conv2DOptions, conv_opts(VALID, 1, 1, 0))
    w2 = g.tensor([4, 3], I8, s8((4, 3)), scale=0.02, zp=0)
    o = g.tensor([1, 3, 3, 4], I8, scale=0.09, zp=-1)
    opts = fc_opts(3)
    opts.keepNumDims = True
    g.op(OP.FULLY_CONNECTED, [c, w2, -1], [o], BO.FullyConnectedOptions, opts)
    return g.pack([a, bb], [o])


def chain_f32():
    """The float chain: conv -> depthwise -> max pool -> reshape -> fc -> add -> softmax."""
    g = Graph()
    f = lambda shape: RNG.standard_normal(shape).astype(np.float32) * 0.3
    x = g.tensor([1, 7, 7, 2], F32)
    w1 = g.tensor([3, 3, 3, 2], F32, f((3, 3, 3, 2)))
    b1 = g.tensor([3], F32, f(3))
    c1 = g.tensor([1, 3, 3, 3], F32)
    g.op(OP.CONV_2D, [x, w1, b1], [c1], BO.Conv2DOptions, conv_opts(VALID, 2, 2, 1, 1, 1))
    w2 = g.tensor([1, 2, 2, 3], F32, f((1, 2, 2, 3)))
    b2 = g.tensor([3], F32, f(3))
    c2 = g.tensor([1, 2, 2, 3], F32)
    g.op(OP.DEPTHWISE_CONV_2D, [c1, w2, b2], [c2], BO.DepthwiseConv2DOptions,
         dw_opts(SAME, 2, 2, 1, 3, 2, 2))
    p = g.tensor([1, 1, 1, 3], F32)
    g.op(OP.MAX_POOL_2D, [c2], [p], BO.Pool2DOptions, pool_opts(VALID, 2, 2, 0))
    q = g.tensor([1, 2, 2, 3], F32)
    g.op(OP.AVERAGE_POOL_2D, [c2], [q], BO.Pool2DOptions, pool_opts(SAME, 1, 2, 2))
    shp = g.tensor([2], I32, np.array([1, 12], np.int32))
    r = g.tensor([1, 12], F32)
    g.op(OP.RESHAPE, [q, shp], [r], BO.ReshapeOptions, reshape_opts([1, 12]))
    w3 = g.tensor([3, 12], F32, f((3, 12)))
    b3 = g.tensor([3], F32, f(3))
    fc = g.tensor([1, 3], F32)
    g.op(OP.FULLY_CONNECTED, [r, w3, b3], [fc], BO.FullyConnectedOptions, fc_opts(0))
    pr = g.tensor([1, 3], F32)
    g.op(OP.RESHAPE, [p, shp], [pr], BO.ReshapeOptions, reshape_opts([1, 3]))
    s = g.tensor([1, 3], F32)
    g.op(OP.ADD, [fc, pr], [s], BO.AddOptions, add_opts(0))
    y = g.tensor([1, 3], F32)
    g.op(OP.SOFTMAX, [s], [y], BO.SoftmaxOptions, softmax_opts(0.5))
    return g.pack([x], [y])


MODELS = [("chain_s8", chain_s8), ("branch_s8", branch_s8), ("chain_f32", chain_f32)]


def main():
    os.makedirs(os.path.join(HERE, "models"), exist_ok=True)
    lines = ["/* Generated by tests/fuzz/make_models.py: the base models fuzz_mutate",
             " * patches. Do not edit. */", "#ifndef MUTATE_MODELS_H", "#define MUTATE_MODELS_H",
             "#include <stddef.h>", "#include <stdint.h>", ""]
    names = []
    for name, fn in MODELS:
        data = fn()
        with open(os.path.join(HERE, "models", name + ".tflite"), "wb") as fp:
            fp.write(data)
        # 16-byte aligned like a model in flash; the fuzzer copies it anyway.
        lines.append("static const uint8_t mm_%s[%d] __attribute__((aligned(16))) = {" %
                     (name, len(data)))
        for i in range(0, len(data), 16):
            lines.append("    " + ", ".join("0x%02x" % v for v in data[i:i + 16]) + ",")
        lines.append("};")
        names.append(name)
        print("%s: %d bytes" % (name, len(data)))
    lines.append("static const struct { const uint8_t *p; size_t n; } mutate_models[] = {")
    for n in names:
        lines.append("    {mm_%s, sizeof mm_%s}," % (n, n))
    lines += ["};", "#define N_MUTATE_MODELS (sizeof mutate_models / sizeof mutate_models[0])",
              "", "#endif", ""]
    with open(os.path.join(HERE, "mutate_models.h"), "w") as fp:
        fp.write("\n".join(lines))


if __name__ == "__main__":
    main()
