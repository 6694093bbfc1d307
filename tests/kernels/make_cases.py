#!/usr/bin/env python3
"""Generate tests/kernels/cases/kernels_s8.bin: int8 kernel cases whose
expected outputs come from TensorFlow Lite Micro's Python interpreter.

Each case is a tiny single-operator int8 .tflite model built with the TFLite
schema object API and run by tflite_micro; mote never computes an expected
value. The case file records the operator's raw parameters (shapes, strides,
padding, scales, zero points, activation), its input, constant tensors and
TFLM's output bytes. The C test derives multipliers and clamps with mote's
own quant.c (inputs, not expectations) and compares final bytes.

Run:  .venv/bin/python tests/kernels/make_cases.py   (fixed seeds; the output
is committed and only needs regenerating when cases change)

File format (little-endian):
  "MKC1", u32 case count, then per case:
  i32 op, i32 n_ints, i32[n_ints], i32 n_floats, f32[n_floats],
  i32 n_bufs, then per buffer: i32 element size (1 or 4), i32 count, data.
The per-op layout of ints/floats/buffers is documented in OP_LAYOUT below and
mirrored in test_kernels.c.
"""
import math
import os
import struct
import sys

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as schema
from tflite_micro.python.tflite_micro import runtime

OP_CONV, OP_DW, OP_FC, OP_AVG, OP_MAX, OP_ADD, OP_SOFTMAX = range(7)

OP_LAYOUT = """
conv / dw ints: in n h w c, filter n h w c, out n h w c, stride_h stride_w,
                dil_h dil_w, pad_h pad_w, in_zp out_zp, act, has_bias,
                depth_multiplier, n_filter_scales
          floats: in_scale out_scale filter_scales...
          bufs: input(i8) filter(i8) bias(i32, maybe empty) expected(i8)
fc ints: batches depth out_c in_zp out_zp act has_bias n_filter_scales
   floats: in_scale out_scale filter_scales...   bufs: as conv
avg/max ints: in n h w c, out n h w c, stride_h stride_w pad_h pad_w
              filter_h filter_w zp act       floats: scale
              bufs: input expected
add ints: in1 n h w c, in2 n h w c, out n h w c, zp1 zp2 zp_out act
    floats: s1 s2 s_out      bufs: in1 in2 expected
softmax ints: rows depth   floats: beta in_scale   bufs: input expected
"""

ACT_NONE, ACT_RELU, ACT_RELU_N1_TO_1, ACT_RELU6 = 0, 1, 2, 3
ACTS = [ACT_NONE, ACT_RELU, ACT_RELU_N1_TO_1, ACT_RELU6]


# ---- model building ------------------------------------------------------

class ModelBuilder:
    def __init__(self):
        self.tensors = []
        self.buffers = [schema.BufferT()]  # buffer 0: the empty sentinel

    def tensor(self, shape, ttype, scales, zps, data=None, qdim=0):
        t = schema.TensorT()
        t.shape = [int(d) for d in shape]
        t.type = ttype
        t.name = "t%d" % len(self.tensors)
        q = schema.QuantizationParametersT()
        q.scale = [float(s) for s in scales]
        q.zeroPoint = [int(z) for z in zps]
        q.quantizedDimension = qdim
        t.quantization = q
        t.buffer = 0
        if data is not None:
            b = schema.BufferT()
            b.data = np.frombuffer(np.ascontiguousarray(data).tobytes(), dtype=np.uint8)
            self.buffers.append(b)
            t.buffer = len(self.buffers) - 1
        self.tensors.append(t)
        return len(self.tensors) - 1

    def finish(self, opcode, opt_type, options, op_inputs, op_outputs, graph_inputs):
        code = schema.OperatorCodeT()
        code.builtinCode = opcode
        code.deprecatedBuiltinCode = min(opcode, 127)
        code.version = 1
        op = schema.OperatorT()
        op.opcodeIndex = 0
        op.inputs = list(op_inputs)
        op.outputs = list(op_outputs)
        op.builtinOptionsType = opt_type
        op.builtinOptions = options
        sg = schema.SubGraphT()
        sg.tensors = self.tensors
        sg.inputs = list(graph_inputs)
        sg.outputs = list(op_outputs)
        sg.operators = [op]
        m = schema.ModelT()
        m.version = 3
        m.operatorCodes = [code]
        m.subgraphs = [sg]
        m.buffers = self.buffers
        m.description = "mote kernel test case"
        b = flatbuffers.Builder(4096)
        b.Finish(m.Pack(b), file_identifier=b"TFL3")
        return bytes(b.Output())


def run_tflm(model, inputs):
    interp = runtime.Interpreter.from_bytes(model, arena_size=1 << 20)
    for i, x in enumerate(inputs):
        interp.set_input(x, i)
    interp.invoke()
    return np.array(interp.get_output(0)).astype(np.int8)


I8, I32 = schema.TensorType.INT8, schema.TensorType.INT32


# ---- geometry ------------------------------------------------------------

def out_and_pad(size, k, stride, dil, same):
    """TFLite output size and leading padding (any odd extra goes last)."""
    eff = (k - 1) * dil + 1
    if same:
        out = (size + stride - 1) // stride
    else:
        out = (size - eff + stride) // stride
    total = max((out - 1) * stride + eff - size, 0)
    return out, total // 2


# ---- case file -----------------------------------------------------------

class CaseFile:
    def __init__(self):
        self.chunks = []
        self.count = {}

    def add(self, op, ints, floats, bufs):
        out = [struct.pack("<ii", op, len(ints)), struct.pack("<%di" % len(ints), *ints),
               struct.pack("<i", len(floats)),
               np.asarray(floats, dtype="<f4").tobytes(), struct.pack("<i", len(bufs))]
        for b in bufs:
            b = np.asarray(b)
            if b.dtype == np.int8:
                out.append(struct.pack("<ii", 1, b.size) + b.tobytes())
            else:
                out.append(struct.pack("<ii", 4, b.size) + b.astype("<i4").tobytes())
        self.chunks.append(b"".join(out))
        self.count[op] = self.count.get(op, 0) + 1

    def write(self, path):
        with open(path, "wb") as f:
            f.write(b"MKC1" + struct.pack("<I", len(self.chunks)))
            for c in self.chunks:
                f.write(c)


def f32(x):
    return float(np.float32(x))


def rand_i8(rng, shape, lo=-128, hi=127):
    return rng.integers(lo, hi + 1, size=shape).astype(np.int8)


# ---- CONV_2D / DEPTHWISE_CONV_2D ----------------------------------------

def conv_case(cf, rng, depthwise, n, h, w, cin, cout_or_dm, kh, kw, sh, sw, dh, dw, same,
              act, has_bias, per_channel, in_zp=None, out_zp=None, out_gain=None):
    if depthwise:
        dm = cout_or_dm
        cout = cin * dm
        fshape = (1, kh, kw, cout)
        qdim = 3
    else:
        dm = 1
        cout = cout_or_dm
        fshape = (cout, kh, kw, cin)
        qdim = 0
    oh, ph = out_and_pad(h, kh, sh, dh, same)
    ow, pw = out_and_pad(w, kw, sw, dw, same)
    if oh < 1 or ow < 1:
        return False
    in_scale = f32(rng.uniform(0.005, 0.1))
    in_zp = int(rng.integers(-128, 128)) if in_zp is None else in_zp
    out_zp = int(rng.integers(-128, 128)) if out_zp is None else out_zp
    nscales = cout if per_channel else 1
    fscales = [f32(s) for s in rng.uniform(0.001, 0.03, size=nscales)]
    taps = kh * kw * (1 if depthwise else cin)
    gain = rng.uniform(0.3, 3.0) if out_gain is None else out_gain
    out_scale = f32(in_scale * float(np.mean(fscales)) * math.sqrt(taps) * 60.0 * 70.0
                    / 128.0 * gain)
    x = rand_i8(rng, (n, h, w, cin))
    wts = rand_i8(rng, fshape, -127, 127)
    bias = rng.integers(-6000, 6000, size=cout).astype(np.int32) if has_bias else None

    mb = ModelBuilder()
    ti = mb.tensor((n, h, w, cin), I8, [in_scale], [in_zp])
    tw = mb.tensor(fshape, I8, fscales, [0] * nscales, wts, qdim)
    inputs = [ti, tw]
    if has_bias:
        bscales = [in_scale * fscales[c if per_channel else 0] for c in range(cout)] \
            if per_channel else [in_scale * fscales[0]]
        inputs.append(mb.tensor((cout,), I32, bscales, [0] * len(bscales), bias, 0))
    elif not depthwise:
        # An omitted optional input is index -1. TFLM's DEPTHWISE_CONV_2D
        # crashes on that in Prepare, so there the bias is left out instead.
        inputs.append(-1)
    to = mb.tensor((n, oh, ow, cout), I8, [out_scale], [out_zp])
    pad = schema.Padding.SAME if same else schema.Padding.VALID
    if depthwise:
        o = schema.DepthwiseConv2DOptionsT()
        o.depthMultiplier = dm
        opcode, otype = schema.BuiltinOperator.DEPTHWISE_CONV_2D, \
            schema.BuiltinOptions.DepthwiseConv2DOptions
    else:
        o = schema.Conv2DOptionsT()
        opcode, otype = schema.BuiltinOperator.CONV_2D, schema.BuiltinOptions.Conv2DOptions
    o.padding, o.strideH, o.strideW = pad, sh, sw
    o.dilationHFactor, o.dilationWFactor = dh, dw
    o.fusedActivationFunction = act
    model = mb.finish(opcode, otype, o, inputs, [to], [ti])
    y = run_tflm(model, [x])
    assert y.shape == (n, oh, ow, cout), (y.shape, (n, oh, ow, cout))
    ints = [n, h, w, cin, fshape[0], kh, kw, fshape[3], n, oh, ow, cout, sh, sw, dh, dw,
            ph, pw, in_zp, out_zp, act, 1 if has_bias else 0, dm, nscales]
    cf.add(OP_DW if depthwise else OP_CONV, ints, [in_scale, out_scale] + fscales,
           [x, wts, bias if has_bias else np.zeros(0, np.int32), y])
    return True


def conv_cases(cf, rng, depthwise, count):
    # Fixed cases first: SAME with odd padding totals, dilation, stride.
    fixed = [
        # n h w cin cout/dm kh kw sh sw dh dw same
        (1, 6, 6, 3, 2 if depthwise else 4, 4, 4, 1, 1, 1, 1, True),  # total 3: 1 + 2
        (1, 7, 5, 2, 3 if depthwise else 3, 3, 2, 2, 2, 1, 1, True),
        (1, 9, 9, 2, 2 if depthwise else 3, 3, 3, 1, 1, 2, 2, True),  # dilation 2
        (1, 9, 8, 3, 3 if depthwise else 2, 3, 2, 1, 2, 3, 2, False),
        (2, 5, 5, 4, 1 if depthwise else 5, 3, 3, 2, 2, 1, 1, True),
        (1, 1, 1, 5, 2 if depthwise else 7, 1, 1, 1, 1, 1, 1, False),
        (1, 8, 8, 3, 3 if depthwise else 2, 2, 2, 2, 2, 2, 2, True),
        (1, 4, 10, 1, 2 if depthwise else 1, 2, 5, 1, 3, 1, 2, True),
    ]
    made = 0
    for i, (n, h, w, cin, co, kh, kw, sh, sw, dh, dw, same) in enumerate(fixed):
        made += conv_case(cf, rng, depthwise, n, h, w, cin, co, kh, kw, sh, sw, dh, dw, same,
                          ACTS[i % 4], i % 3 != 2, i % 4 != 3)
    while made < count:
        n = int(rng.integers(1, 3))
        h, w = int(rng.integers(1, 10)), int(rng.integers(1, 10))
        cin = int(rng.integers(1, 6))
        co = int(rng.integers(1, 4)) if depthwise else int(rng.integers(1, 7))
        kh, kw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        sh, sw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        dh, dw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        same = bool(rng.integers(0, 2))
        made += conv_case(cf, rng, depthwise, n, h, w, cin, co, kh, kw, sh, sw, dh, dw, same,
                          int(rng.choice(ACTS)), bool(rng.integers(0, 4)),
                          bool(rng.integers(0, 4)))
    # Extremes: zero points at the ends of the range, heavy saturation.
    conv_case(cf, rng, depthwise, 1, 5, 5, 3, 2, 3, 3, 1, 1, 1, 1, True, ACT_NONE, True, True,
              in_zp=-128, out_zp=127, out_gain=0.05)
    conv_case(cf, rng, depthwise, 1, 5, 5, 3, 2, 3, 3, 1, 1, 1, 1, True, ACT_RELU6, True, True,
              in_zp=127, out_zp=-128, out_gain=20.0)


# ---- FULLY_CONNECTED -----------------------------------------------------

def fc_case(cf, rng, batches, depth, out_c, act, has_bias, per_channel, gain=None):
    in_scale = f32(rng.uniform(0.005, 0.1))
    in_zp = int(rng.integers(-128, 128))
    out_zp = int(rng.integers(-128, 128))
    nscales = out_c if per_channel else 1
    fscales = [f32(s) for s in rng.uniform(0.001, 0.03, size=nscales)]
    gain = rng.uniform(0.3, 3.0) if gain is None else gain
    out_scale = f32(in_scale * float(np.mean(fscales)) * math.sqrt(depth) * 60.0 * 70.0 / 128.0
                    * gain)
    x = rand_i8(rng, (batches, depth))
    wts = rand_i8(rng, (out_c, depth), -127, 127)
    bias = rng.integers(-20000, 20000, size=out_c).astype(np.int32) if has_bias else None
    mb = ModelBuilder()
    ti = mb.tensor((batches, depth), I8, [in_scale], [in_zp])
    tw = mb.tensor((out_c, depth), I8, fscales, [0] * nscales, wts, 0)
    inputs = [ti, tw]
    if has_bias:
        if per_channel:
            bscales = [f32(in_scale * s) for s in fscales]
        else:
            # TFLM checks bias_scale against input_scale * filter_scale.
            bscales = [float(np.float64(in_scale) * np.float64(fscales[0]))]
        inputs.append(mb.tensor((out_c,), I32, bscales, [0] * len(bscales), bias, 0))
    else:
        inputs.append(-1)
    to = mb.tensor((batches, out_c), I8, [out_scale], [out_zp])
    o = schema.FullyConnectedOptionsT()
    o.fusedActivationFunction = act
    model = mb.finish(schema.BuiltinOperator.FULLY_CONNECTED,
                      schema.BuiltinOptions.FullyConnectedOptions, o, inputs, [to], [ti])
    y = run_tflm(model, [x])
    assert y.shape == (batches, out_c)
    cf.add(OP_FC, [batches, depth, out_c, in_zp, out_zp, act, 1 if has_bias else 0, nscales],
           [in_scale, out_scale] + fscales,
           [x, wts, bias if has_bias else np.zeros(0, np.int32), y])


# Search helpers for fc_multiplier_cases only: a Python model of the
# requantization picks accumulators where a float-product multiplier and a
# double-product one disagree. The expected bytes still come from TFLM.

def _quantize_multiplier(real):
    q, e = math.frexp(real)
    qf = int(math.floor(abs(q) * 2.0 ** 31 + 0.5)) * (1 if q >= 0 else -1)
    if qf == 1 << 31:
        qf //= 2
        e += 1
    return (0, 0) if e < -31 else (qf, e)


def _requantize(acc, m, shift):
    x = acc << shift if shift > 0 else acc
    ab = x * m
    nudge = (1 << 30) if ab >= 0 else 1 - (1 << 30)
    hi = abs(ab + nudge) >> 31
    hi = hi if ab + nudge >= 0 else -hi
    e = -shift if shift < 0 else 0
    mask = (1 << e) - 1
    rem, thr = hi & mask, (mask >> 1) + (1 if hi < 0 else 0)
    return (hi >> e) + (1 if rem > thr else 0)


def fc_multiplier_cases(cf, rng, count):
    """Per-tensor FC whose outputs depend on whether input_scale *
    filter_scale is formed in double (PopulateConvolutionQuantizationParams)
    or in float (older GetQuantizedConvolutionMultipler): TFLM decides which
    is right. Input 0 with zero point 0 and zero weights make each channel's
    accumulator its bias."""
    made = 0
    while made < count:
        in_s, f_s = f32(rng.uniform(0.01, 0.1)), f32(rng.uniform(0.001, 0.01))
        out_s = f32(in_s * f_s * 2.0 ** 20 * rng.uniform(1.0, 2.0))
        real_d = in_s * f_s / out_s
        real_f = float(np.float32(np.float32(in_s) * np.float32(f_s))) / out_s
        md, mf = _quantize_multiplier(real_d), _quantize_multiplier(real_f)
        if md == mf:
            continue
        accs = []
        for k in list(range(-120, -60)) + list(range(60, 120)):
            centre = int(round((k + 0.5) / real_f))
            for acc in range(centre - 40, centre + 41):
                if _requantize(acc, *mf) != _requantize(acc, *md):
                    accs.append(acc)
        if not accs:
            continue
        accs = [int(a) for a in rng.permutation(accs)[:16]]
        out_c = len(accs)
        bias = np.array(accs, np.int32)
        x = np.zeros((1, 1), np.int8)
        wts = np.zeros((out_c, 1), np.int8)
        mb = ModelBuilder()
        ti = mb.tensor((1, 1), I8, [in_s], [0])
        tw = mb.tensor((out_c, 1), I8, [f_s], [0], wts, 0)
        tb = mb.tensor((out_c,), I32, [float(np.float64(in_s) * np.float64(f_s))], [0], bias, 0)
        to = mb.tensor((1, out_c), I8, [out_s], [0])
        o = schema.FullyConnectedOptionsT()
        model = mb.finish(schema.BuiltinOperator.FULLY_CONNECTED,
                          schema.BuiltinOptions.FullyConnectedOptions, o, [ti, tw, tb], [to],
                          [ti])
        y = run_tflm(model, [x])
        cf.add(OP_FC, [1, 1, out_c, 0, 0, ACT_NONE, 1, 1], [in_s, out_s, f_s], [x, wts, bias, y])
        made += 1


def fc_cases(cf, rng, count):
    i = 0
    for per_channel in (False, True):
        for has_bias in (False, True):
            for act in ACTS:
                fc_case(cf, rng, int(rng.integers(1, 4)), int(rng.integers(1, 40)),
                        int(rng.integers(1, 12)), act, has_bias, per_channel)
                i += 1
    # Long rows: large accumulators expose low-bit multiplier differences.
    for k in range(8):
        fc_case(cf, rng, 3, 300 + 37 * k, 9, ACT_NONE, bool(k & 1), bool(k & 2),
                gain=rng.uniform(0.05, 0.5))
        i += 1
    while i < count:
        fc_case(cf, rng, int(rng.integers(1, 5)), int(rng.integers(1, 64)),
                int(rng.integers(1, 16)), int(rng.choice(ACTS)), bool(rng.integers(0, 2)),
                bool(rng.integers(0, 2)))
        i += 1


# ---- pools ---------------------------------------------------------------

def pool_case(cf, rng, is_max, n, h, w, c, fh, fw, sh, sw, same, act):
    oh, ph = out_and_pad(h, fh, sh, 1, same)
    ow, pw = out_and_pad(w, fw, sw, 1, same)
    if oh < 1 or ow < 1:
        return False
    scale = f32(rng.uniform(0.01, 0.1))
    zp = int(rng.integers(-128, 128))
    x = rand_i8(rng, (n, h, w, c))
    mb = ModelBuilder()
    ti = mb.tensor((n, h, w, c), I8, [scale], [zp])
    to = mb.tensor((n, oh, ow, c), I8, [scale], [zp])
    o = schema.Pool2DOptionsT()
    o.padding = schema.Padding.SAME if same else schema.Padding.VALID
    o.strideH, o.strideW, o.filterHeight, o.filterWidth = sh, sw, fh, fw
    o.fusedActivationFunction = act
    opcode = schema.BuiltinOperator.MAX_POOL_2D if is_max else \
        schema.BuiltinOperator.AVERAGE_POOL_2D
    model = mb.finish(opcode, schema.BuiltinOptions.Pool2DOptions, o, [ti], [to], [ti])
    y = run_tflm(model, [x])
    assert y.shape == (n, oh, ow, c)
    cf.add(OP_MAX if is_max else OP_AVG,
           [n, h, w, c, n, oh, ow, c, sh, sw, ph, pw, fh, fw, zp, act], [scale], [x, y])
    return True


def pool_cases(cf, rng, is_max, count):
    fixed = [(1, 6, 6, 3, 4, 4, 1, 1, True), (1, 7, 7, 2, 3, 3, 2, 2, True),
             (2, 5, 8, 3, 2, 3, 2, 3, True), (1, 9, 9, 1, 3, 3, 3, 3, False),
             (1, 4, 4, 5, 4, 4, 1, 1, False), (1, 5, 5, 2, 5, 5, 2, 2, True)]
    made = 0
    for i, f in enumerate(fixed):
        made += pool_case(cf, rng, is_max, *f, ACTS[i % 4])
    while made < count:
        made += pool_case(cf, rng, is_max, int(rng.integers(1, 3)), int(rng.integers(1, 10)),
                          int(rng.integers(1, 10)), int(rng.integers(1, 6)),
                          int(rng.integers(1, 5)), int(rng.integers(1, 5)),
                          int(rng.integers(1, 4)), int(rng.integers(1, 4)),
                          bool(rng.integers(0, 2)), int(rng.choice(ACTS)))


# ---- ADD -----------------------------------------------------------------

def pad4(shape):
    return [1] * (4 - len(shape)) + list(shape)


def add_case(cf, rng, s1, s2, act, scales=None):
    out_shape = list(np.broadcast_shapes(tuple(s1), tuple(s2)))
    if scales is None:
        sc1, sc2 = f32(rng.uniform(0.005, 0.1)), f32(rng.uniform(0.005, 0.1))
        sco = f32((sc1 + sc2) * rng.uniform(0.4, 2.0))
    else:
        sc1, sc2, sco = (f32(s) for s in scales)
    zp1, zp2, zpo = (int(z) for z in rng.integers(-128, 128, size=3))
    a, b = rand_i8(rng, s1), rand_i8(rng, s2)
    mb = ModelBuilder()
    t1 = mb.tensor(s1, I8, [sc1], [zp1])
    t2 = mb.tensor(s2, I8, [sc2], [zp2])
    to = mb.tensor(out_shape, I8, [sco], [zpo])
    o = schema.AddOptionsT()
    o.fusedActivationFunction = act
    model = mb.finish(schema.BuiltinOperator.ADD, schema.BuiltinOptions.AddOptions, o,
                      [t1, t2], [to], [t1, t2])
    y = run_tflm(model, [a, b])
    assert list(y.shape) == out_shape
    cf.add(OP_ADD, pad4(s1) + pad4(s2) + pad4(out_shape) + [zp1, zp2, zpo, act],
           [sc1, sc2, sco], [a, b, y])


def add_cases(cf, rng, count):
    shapes = [
        ([1, 4, 5, 3], [1, 4, 5, 3]), ([1, 4, 5, 3], [1, 1, 1, 3]), ([1, 1, 1, 3], [1, 4, 5, 3]),
        ([1, 4, 1, 3], [1, 1, 5, 1]), ([2, 3, 4, 2], [2, 1, 4, 1]), ([2, 1, 1, 1], [1, 3, 2, 4]),
        ([5, 3], [3]), ([7], [7]), ([6, 1], [1, 4]), ([3, 4, 5], [4, 1]), ([1], [2, 3, 3]),
        ([2, 3, 4, 5], [2, 3, 4, 5]),
    ]
    for i, (s1, s2) in enumerate(shapes):
        add_case(cf, rng, s1, s2, ACTS[i % 4])
    # Very different input scales; output scale near the inputs' limit.
    add_case(cf, rng, [1, 3, 3, 4], [1, 3, 3, 4], ACT_NONE, (0.001, 0.2, 0.05))
    add_case(cf, rng, [1, 3, 3, 4], [4], ACT_RELU, (0.3, 0.002, 0.6))
    add_case(cf, rng, [2, 8], [2, 8], ACT_NONE, (0.05, 0.05, 0.001))
    add_case(cf, rng, [2, 8], [1, 8], ACT_RELU6, (0.05, 0.05, 0.05))
    made = len(shapes) + 4
    while made < count:
        rank = int(rng.integers(1, 5))
        out = [int(d) for d in rng.integers(1, 6, size=rank)]
        s1 = [d if rng.integers(0, 3) else 1 for d in out]
        s2 = [d if rng.integers(0, 3) else 1 for d in out]
        s2 = s2[int(rng.integers(0, rank)):] or [1]
        add_case(cf, rng, s1, s2, int(rng.choice(ACTS)))
        made += 1


# ---- SOFTMAX -------------------------------------------------------------

def softmax_case(cf, rng, rows, depth, beta, in_scale, x=None):
    in_scale = f32(in_scale)
    if x is None:
        x = rand_i8(rng, (rows, depth))
    in_zp = int(rng.integers(-128, 128))
    mb = ModelBuilder()
    ti = mb.tensor((rows, depth), I8, [in_scale], [in_zp])
    to = mb.tensor((rows, depth), I8, [1.0 / 256.0], [-128])
    o = schema.SoftmaxOptionsT()
    o.beta = beta
    model = mb.finish(schema.BuiltinOperator.SOFTMAX, schema.BuiltinOptions.SoftmaxOptions, o,
                      [ti], [to], [ti])
    y = run_tflm(model, [x])
    cf.add(OP_SOFTMAX, [rows, depth], [f32(beta), in_scale], [x, y])


def softmax_cases(cf, rng, count):
    fixed = [
        (1, 10, 1.0, 0.1), (3, 10, 1.0, 0.0625), (2, 1, 1.0, 0.1), (4, 37, 1.0, 0.25),
        (2, 100, 1.0, 0.5), (2, 12, 2.0, 0.05), (2, 12, 0.5, 0.3), (1, 255, 1.0, 0.2),
        (2, 20, 1.0, 0.02), (1, 16, 1.0, 1.0), (1, 16, 1.0, 8.0), (2, 9, 0.25, 0.01),
    ]
    for f in fixed:
        softmax_case(cf, rng, *f)
    # Large spreads: one element far above the rest, and both int8 extremes.
    x = np.full((3, 12), -128, np.int8)
    x[0, 3] = 127
    x[1, :6] = 127
    x[2, ::2] = 127
    softmax_case(cf, rng, 3, 12, 1.0, 0.1, x)
    softmax_case(cf, rng, 3, 12, 1.0, 0.02, x.copy())
    # Flat rows: every element equal.
    softmax_case(cf, rng, 2, 40, 1.0, 0.1, np.full((2, 40), 5, np.int8))
    softmax_case(cf, rng, 1, 256, 1.0, 0.1, np.zeros((1, 256), np.int8))
    made = len(fixed) + 4
    while made < count:
        softmax_case(cf, rng, int(rng.integers(1, 4)), int(rng.integers(1, 120)),
                     float(rng.choice([1.0, 1.0, 0.5, 2.0])),
                     float(np.exp(rng.uniform(np.log(0.01), np.log(1.0)))))
        made += 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "cases", "kernels_s8.bin")
    cf = CaseFile()
    conv_cases(cf, np.random.default_rng(1001), False, 36)
    conv_cases(cf, np.random.default_rng(1002), True, 36)
    fc_cases(cf, np.random.default_rng(1003), 36)
    fc_multiplier_cases(cf, np.random.default_rng(1008), 4)
    pool_cases(cf, np.random.default_rng(1004), False, 30)
    pool_cases(cf, np.random.default_rng(1005), True, 30)
    add_cases(cf, np.random.default_rng(1006), 36)
    softmax_cases(cf, np.random.default_rng(1007), 36)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    cf.write(out)
    names = ["conv", "depthwise", "fc", "avg_pool", "max_pool", "add", "softmax"]
    print("wrote %s: %s" % (os.path.relpath(out), ", ".join(
        "%s %d" % (names[k], v) for k, v in sorted(cf.count.items()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
