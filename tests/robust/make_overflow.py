#!/usr/bin/env python3
"""Models whose sizes or geometry overflow, for tests/robust/test_overflow.c.

tests/data/hostile/ (the reader's corpus) already has a shape past 32 bits,
one past 64 bits, short and long buffers and buffer offsets outside the file;
it checks the reader alone. These add what only the whole load path
(mote_model_init: reader, lowering, planner) can refuse, and the size cases
the reader corpus lacks. Every file is tiny: huge tensors here are
activations, which have no bytes in the file.

    .venv/bin/python tests/robust/make_overflow.py   # writes tests/robust/data/
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fuzz"))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
from status_names import require as require_status  # noqa: E402  (include/mote/status.h)
import numpy as np  # noqa: E402
from ai_edge_litert import schema_py_generated as S  # noqa: E402
from make_models import (Graph, I8, I32, F32, OP, BO, SAME, VALID, add_opts,  # noqa: E402
                         conv_opts, dw_opts, fc_opts, pool_opts, reshape_opts, s8,
                         softmax_opts)

BIG = 2**31 - 1
I16, I64 = S.TensorType.INT16, S.TensorType.INT64
CASES = []


def case(name, status, why, cause=""):
    """status: the expected status name, or "A|32:B" for A with a 64-bit
    size_t and B with a 32-bit one (make test-32bit). cause: text the
    refusal message must contain (the real cause, not just any status)."""
    def wrap(fn):
        for part in status.split("|32:"):
            require_status(part)
        CASES.append((name, status, cause, why, fn))
        return fn
    return wrap


def q(g, shape, ttype=I8, data=None):
    return g.tensor(shape, ttype, data, scale=0.05, zp=0) if ttype == I8 else \
        g.tensor(shape, ttype, data)


def add_model(sa, sb, so, ttype=I8):
    g = Graph()
    a, b, o = q(g, sa, ttype), q(g, sb, ttype), q(g, so, ttype)
    g.op(OP.ADD, [a, b], [o], BO.AddOptions, add_opts(0))
    return g.pack([a, b], [o])


@case("bytes_over_31bit", "MOTE_E_OVERFLOW", "FLOAT32 [1,1,1,2^29]: elements fit, 2^31 bytes do not", "larger than 2^31-1 elements or bytes")
def _():
    return add_model([1, 1, 1, 2**29], [1, 1, 1, 1], [1, 1, 1, 2**29], F32)


@case("int32_bias_bytes_over", "MOTE_E_OVERFLOW", "constant INT32 [2^29] bias with a 16-byte buffer: size refused before the buffer", "larger than 2^31-1 elements or bytes")
def _():
    g = Graph()
    x = q(g, [1, 4, 4, 2])
    w = g.tensor([4, 1, 1, 2], I8, s8((4, 1, 1, 2)), scale=0.01, zp=0)
    b = g.tensor([2**29], I32, np.zeros(4, np.int32), scale=0.0005, zp=0)
    o = q(g, [1, 4, 4, 4])
    g.op(OP.CONV_2D, [x, w, b], [o], BO.Conv2DOptions, conv_opts(VALID, 1, 1, 0))
    return g.pack([x], [o])


@case("rank6_over_64bit", "MOTE_E_OVERFLOW", "rank-6 shape of 2^31-1 each: 2^186 elements", "larger than 2^31-1 elements or bytes")
def _():
    return add_model([BIG] * 6, [1] * 6, [BIG] * 6)


@case("const_huge_short_buffer", "MOTE_E_OVERFLOW", "constant [65536,65536] INT8 holding 4 bytes", "larger than 2^31-1 elements or bytes")
def _():
    g = Graph()
    a = q(g, [1, 4])
    b = g.tensor([65536, 65536], I8, np.zeros(4, np.int8), scale=0.05, zp=0)
    o = q(g, [1, 4])
    g.op(OP.ADD, [a, b], [o], BO.AddOptions, add_opts(0))
    return g.pack([a], [o])


@case("const_filter_short_buffer", "MOTE_E_SHAPE", "conv filter [4,3,3,3] (108 bytes) with a 100-byte buffer", "holds 100 bytes")
def _():
    g = Graph()
    x = q(g, [1, 5, 5, 3])
    w = g.tensor([4, 3, 3, 3], I8, s8(100), scale=0.01, zp=0)
    o = q(g, [1, 5, 5, 4])
    g.op(OP.CONV_2D, [x, w, -1], [o], BO.Conv2DOptions, conv_opts(SAME, 1, 1, 0))
    return g.pack([x], [o])


@case("largest_tensor_ok", "MOTE_OK", "INT8 [1,1,1,2^31-1] reshaped in place: the largest tensor, accepted (not run)")
def _():
    g = Graph()
    x = q(g, [1, 1, 1, BIG])
    shp = g.tensor([1], I32, np.array([BIG], np.int32))
    o = q(g, [BIG])
    g.op(OP.RESHAPE, [x, shp], [o], BO.ReshapeOptions, reshape_opts([BIG]))
    return g.pack([x], [o])


def add_kept_model(sa, sb, so, ttype=I8):
    """ADD(a, b) -> t, then ADD(t, a) -> o: input a is still read after the
    first ADD, so the planner cannot run it in place over a, and a, b and t
    are live together there."""
    g = Graph()
    a, b, t, o = q(g, sa, ttype), q(g, sb, ttype), q(g, so, ttype), q(g, so, ttype)
    g.op(OP.ADD, [a, b], [t], BO.AddOptions, add_opts(0))
    g.op(OP.ADD, [t, a], [o], BO.AddOptions, add_opts(0))
    return g.pack([a, b], [o])


@case("two_largest_plan_over_4gb", "MOTE_E_OVERFLOW", "2^31-1 + 1 + 2^31-1 bytes live at once, aligned: past 4 GiB", "more than 4 GB")
def _():
    return add_kept_model([1, 1, 1, BIG], [1, 1, 1, 1], [1, 1, 1, BIG])


@case("arena_sum_over_32bit", "MOTE_OK|32:MOTE_E_OVERFLOW", "activations 2^32-48 bytes (the plan fits 4 GiB) + state: the arena size passes SIZE_MAX on a 32-bit size_t only")
def _():
    return add_kept_model([1, 1, 1, BIG - 31], [1, 1, 1, 1], [1, 1, 1, BIG - 31])


@case("plan_over_4gb", "MOTE_E_OVERFLOW", "three live 2 GiB activations: the plan passes 4 GiB", "more than 4 GB")
def _():
    return add_model([1, 1, 1, BIG], [1, 1, 1, BIG], [1, 1, 1, BIG])


@case("conv_dilation_int32", "MOTE_E_PARAM", "3x3 filter, dilation 2^31-1: past int16, where TFLite's reference arithmetic overflows (fuzz_mutate finding)", "at most 32767")
def _():
    g = Graph()
    x = q(g, [1, 9, 9, 3])
    w = g.tensor([4, 3, 3, 3], I8, s8((4, 3, 3, 3)), scale=0.01, zp=0)
    o = q(g, [1, 9, 9, 4])
    g.op(OP.CONV_2D, [x, w, -1], [o], BO.Conv2DOptions, conv_opts(SAME, 1, 1, 0, BIG, 1))
    return g.pack([x], [o])


@case("pool_filter_int32", "MOTE_E_PARAM", "max pool filter 2^31-1 over width 9, SAME: window end past int32", "32-bit indexing")
def _():
    g = Graph()
    x = q(g, [1, 9, 9, 3])
    o = q(g, [1, 9, 9, 3])
    opts = pool_opts(SAME, 1, 1, 0)
    opts.filterWidth = BIG
    g.op(OP.MAX_POOL_2D, [x], [o], BO.Pool2DOptions, opts)
    return g.pack([x], [o])


@case("pool_stride_huge_ok", "MOTE_OK", "stride 2^31-1, SAME: one output per axis, legal")
def _():
    g = Graph()
    x = q(g, [1, 9, 9, 3])
    o = q(g, [1, 1, 1, 3])
    opts = pool_opts(SAME, BIG, 3, 0)
    g.op(OP.MAX_POOL_2D, [x], [o], BO.Pool2DOptions, opts)
    return g.pack([x], [o])


@case("const_model_input", "MOTE_E_GRAPH", "a constant as model input: the app would write into the model bytes", "model input tensor 0 is a constant")
def _():
    g = Graph()
    a = g.tensor([1, 4], I8, np.zeros(4, np.int8), scale=0.05, zp=0)
    b = q(g, [1, 4])
    o = q(g, [1, 4])
    g.op(OP.ADD, [b, a], [o], BO.AddOptions, add_opts(0))
    return g.pack([a, b], [o])


@case("const_model_output", "MOTE_E_GRAPH", "a constant as model output: outside the arena (fuzz_mutate finding)", "is a constant")
def _():
    g = Graph()
    a = q(g, [1, 4])
    c = g.tensor([1, 4], I8, np.zeros(4, np.int8), scale=0.05, zp=0)
    o = q(g, [1, 4])
    g.op(OP.ADD, [a, c], [o], BO.AddOptions, add_opts(0))
    return g.pack([a], [o, c])


@case("const_f32_unaligned", "MOTE_E_OFFSET", "float32 constant stored at an odd file offset (fuzz_mutate finding: misaligned load)", "not aligned")
def _():
    def build(off):
        g = Graph()
        a = g.tensor([1, 4], F32)
        c = g.tensor([1, 4], F32)
        b = S.BufferT()
        b.offset, b.size = off, 16
        g.buffers.append(b)
        g.tensors[c].buffer = len(g.buffers) - 1
        o = g.tensor([1, 4], F32)
        g.op(OP.ADD, [a, c], [o], BO.AddOptions, add_opts(0))
        return g.pack([a], [o])
    n = len(build(2))                      # u64 fields: the length does not depend on off
    return build(n + 1) + b"\0" + np.arange(4, dtype=np.float32).tobytes()


def _external_at_4_mod_8(build, payload):
    """A model whose one external buffer (offset/size after the flatbuffer)
    starts 4 bytes past a multiple of 8, as TensorFlow 2.21's converter
    leaves 16x8 int64 biases (it aligns buffers to 4 bytes only)."""
    n = len(build(8))                      # u64 fields: the length does not depend on off
    pad = (4 - n) % 8
    return build(n + pad) + b"\0" * pad + payload


@case("bias_i64_at_4_mod_8", "MOTE_OK", "16x8 FULLY_CONNECTED whose int64 bias is 4 but not 8-byte aligned (TensorFlow 2.21's converter output): loads, read with a memcpy")
def _():
    def build(off):
        g = Graph()
        a = g.tensor([1, 4], I16, scale=0.01, zp=0)
        w = g.tensor([3, 4], I8, np.arange(12, dtype=np.int8) - 6, scale=0.02, zp=0)
        bias = g.tensor([3], I64, scale=0.0002, zp=0)
        b = S.BufferT()
        b.offset, b.size = off, 24
        g.buffers.append(b)
        g.tensors[bias].buffer = len(g.buffers) - 1
        o = g.tensor([1, 3], I16, scale=0.02, zp=0)
        g.op(OP.FULLY_CONNECTED, [a, w, bias], [o], BO.FullyConnectedOptions, fc_opts(0))
        return g.pack([a], [o])
    return _external_at_4_mod_8(build, np.array([-5, 0, 7], dtype=np.int64).tobytes())


@case("const_i64_unaligned", "MOTE_E_OFFSET", "int64 constant 4 but not 8-byte aligned feeding EQUAL, whose kernel loads it directly", "4 but not 8-byte aligned")
def _():
    def build(off):
        g = Graph()
        a = g.tensor([1, 3], I64)
        c = g.tensor([1, 3], I64)
        b = S.BufferT()
        b.offset, b.size = off, 24
        g.buffers.append(b)
        g.tensors[c].buffer = len(g.buffers) - 1
        o = g.tensor([1, 3], S.TensorType.BOOL)
        g.op(OP.EQUAL, [a, c], [o])
        return g.pack([a], [o])
    return _external_at_4_mod_8(build, np.array([1, 2, 3], dtype=np.int64).tobytes())


@case("bias_int32_wrap", "MOTE_OK", "biases of 2^31-1 on a positive sum: conv, depthwise and FC wrap, never overflow (fuzz_model finding)")
def _():
    g = Graph()
    top = np.full(2, 2**31 - 1, np.int32)
    x = g.tensor([1, 3, 3, 2], I8, scale=0.05, zp=-128)
    w1 = g.tensor([2, 3, 3, 2], I8, np.full((2, 3, 3, 2), 127, np.int8), scale=0.01, zp=0)
    b1 = g.tensor([2], I32, top, scale=0.0005, zp=0)
    c1 = g.tensor([1, 3, 3, 2], I8, scale=0.05, zp=-128)
    g.op(OP.CONV_2D, [x, w1, b1], [c1], BO.Conv2DOptions, conv_opts(SAME, 1, 1, 0))
    w2 = g.tensor([1, 3, 3, 2], I8, np.full((1, 3, 3, 2), 127, np.int8), scale=0.01, zp=0)
    b2 = g.tensor([2], I32, top, scale=0.0005, zp=0)
    c2 = g.tensor([1, 3, 3, 2], I8, scale=0.05, zp=-128)
    g.op(OP.DEPTHWISE_CONV_2D, [c1, w2, b2], [c2], BO.DepthwiseConv2DOptions,
         dw_opts(SAME, 1, 1, 1, 0))
    w3 = g.tensor([2, 18], I8, np.full((2, 18), 127, np.int8), scale=0.01, zp=0)
    b3 = g.tensor([2], I32, top, scale=0.0005, zp=0)
    r = g.tensor([1, 18], I8, scale=0.05, zp=-128)
    shp = g.tensor([2], I32, np.array([1, 18], np.int32))
    g.op(OP.RESHAPE, [c2, shp], [r], BO.ReshapeOptions, reshape_opts([1, 18]))
    y = g.tensor([1, 2], I8, scale=0.05, zp=-128)
    g.op(OP.FULLY_CONNECTED, [r, w3, b3], [y], BO.FullyConnectedOptions, fc_opts(0))
    return g.pack([x], [y])


# ---- issue 13: accumulator bounds, swept at their limits ------------------
# Each kernel's largest accepted window runs with all-extreme inputs
# (test_overflow.c runs every accepted model with all-minimum, all-maximum
# and zero inputs, under UBSan in make test-asan); one tap beyond is refused
# naming the bound. Weights are all -128 and the input zero point -128, so
# the all-maximum input gives the most negative sum the types allow.

def taps_conv(kh, kw, depthwise=False):
    g = Graph()
    x = g.tensor([1, kh, kw, 1], I8, scale=0.05, zp=-128)
    shape = (1, kh, kw, 1)
    w = g.tensor(list(shape), I8, np.full(shape, -128, np.int8), scale=0.01, zp=0)
    o = g.tensor([1, 1, 1, 1], I8, scale=1000.0, zp=0)
    if depthwise:
        g.op(OP.DEPTHWISE_CONV_2D, [x, w, -1], [o], BO.DepthwiseConv2DOptions,
             dw_opts(VALID, 1, 1, 1, 0))
    else:
        g.op(OP.CONV_2D, [x, w, -1], [o], BO.Conv2DOptions, conv_opts(VALID, 1, 1, 0))
    return g.pack([x], [o])


def fc_depth(depth):
    g = Graph()
    x = g.tensor([1, depth], I8, scale=0.05, zp=-128)
    w = g.tensor([1, depth], I8, np.full((1, depth), -128, np.int8), scale=0.01, zp=0)
    o = g.tensor([1, 1], I8, scale=1000.0, zp=0)
    g.op(OP.FULLY_CONNECTED, [x, w, -1], [o], BO.FullyConnectedOptions, fc_opts(0))
    return g.pack([x], [o])


def avg_pool(h, w, fh, fw, ttype=I8):
    g = Graph()
    x = q(g, [1, h, w, 1], ttype)
    o = q(g, [1, 1, 1, 1], ttype)
    opts = pool_opts(VALID, 1, 1, 0)
    opts.filterHeight, opts.filterWidth = fh, fw
    g.op(OP.AVERAGE_POOL_2D, [x], [o], BO.Pool2DOptions, opts)
    return g.pack([x], [o])


@case("conv_taps_max_ok", "MOTE_OK", "CONV_2D 256x256x1 filter: 65536 taps, the largest accepted; run with extreme inputs")
def _():
    return taps_conv(256, 256)


@case("conv_taps_over", "MOTE_E_PARAM", "CONV_2D 256x257 filter: 65792 taps, one row past the bound", "65792 taps exceeds 65536")
def _():
    return taps_conv(256, 257)


@case("dw_taps_max_ok", "MOTE_OK", "DEPTHWISE_CONV_2D 256x256 filter: 65536 taps, the largest accepted; run with extreme inputs")
def _():
    return taps_conv(256, 256, True)


@case("dw_257x257_int32", "MOTE_E_PARAM", "DEPTHWISE_CONV_2D 257x257 filter: the int32 sum overflowed (issue 13 finding 1)", "66049 taps exceeds 65536")
def _():
    return taps_conv(257, 257, True)


@case("fc_depth_max_ok", "MOTE_OK", "FULLY_CONNECTED depth 65536, the largest accepted; run with extreme inputs")
def _():
    return fc_depth(65536)


@case("fc_depth_over", "MOTE_E_PARAM", "FULLY_CONNECTED depth 65537", "depth 65537 exceeds 65536")
def _():
    return fc_depth(65537)


@case("avgpool_count_max_ok", "MOTE_OK", "AVERAGE_POOL_2D int8 255x65537 window: 16711935 elements, the largest accepted; run with extreme inputs")
def _():
    return avg_pool(255, 65537, 255, 65537)


@case("avgpool_count_over", "MOTE_E_PARAM", "AVERAGE_POOL_2D int8 window of 16711936 in-bounds elements", "16711936 in-bounds elements exceeds 16711935")
def _():
    return avg_pool(256, 65281, 256, 65281)


@case("avgpool_4200_int32", "MOTE_E_PARAM", "AVERAGE_POOL_2D int8 4200x4200 window: the int32 sum overflowed (issue 13 finding 2)", "17640000 in-bounds elements exceeds 16711935")
def _():
    return avg_pool(4200, 4200, 4200, 4200)


@case("avgpool_filter_clipped_ok", "MOTE_OK", "AVERAGE_POOL_2D int8 with a 2^20 x 2^20 filter over a 3x3 input, SAME: only 9 elements are in bounds")
def _():
    g = Graph()
    x = q(g, [1, 3, 3, 1])
    o = q(g, [1, 3, 3, 1])
    opts = pool_opts(SAME, 1, 1, 0)
    opts.filterHeight = opts.filterWidth = 2**20
    g.op(OP.AVERAGE_POOL_2D, [x], [o], BO.Pool2DOptions, opts)
    return g.pack([x], [o])


@case("avgpool_f32_big_ok", "MOTE_OK", "AVERAGE_POOL_2D float32 4200x4200: float sums need no bound (not run: 70 MB)")
def _():
    return avg_pool(4200, 4200, 4200, 4200, F32)


@case("softmax_4095_ok", "MOTE_OK", "int8 SOFTMAX over 4095 values, the largest accepted (sum of exps < 2^31); run with extreme inputs")
def _():
    g = Graph()
    x = g.tensor([1, 4095], I8, scale=0.5, zp=0)
    o = g.tensor([1, 4095], I8, scale=1.0 / 256, zp=-128)
    g.op(OP.SOFTMAX, [x], [o], BO.SoftmaxOptions, softmax_opts(1.0))
    return g.pack([x], [o])


@case("softmax_4096", "MOTE_E_PARAM", "int8 SOFTMAX over 4096 values", "at most 4095")
def _():
    g = Graph()
    x = g.tensor([1, 4096], I8, scale=0.5, zp=0)
    o = g.tensor([1, 4096], I8, scale=1.0 / 256, zp=-128)
    g.op(OP.SOFTMAX, [x], [o], BO.SoftmaxOptions, softmax_opts(1.0))
    return g.pack([x], [o])


@case("add_extreme_ok", "MOTE_OK", "int8 ADD with zero points -128 and 127 and a 2^10 scale ratio; run with extreme inputs")
def _():
    g = Graph()
    a = g.tensor([1, 8], I8, scale=1.0, zp=-128)
    b = g.tensor([1, 8], I8, scale=1.0 / 1024, zp=127)
    o = g.tensor([1, 8], I8, scale=0.01, zp=127)
    g.op(OP.ADD, [a, b], [o], BO.AddOptions, add_opts(1))
    return g.pack([a, b], [o])


# ---- issue 13 finding 3: zero-size tensors, refused at load for every operator

def zero_conv(op, shape_in, ttype=I8):
    g = Graph()
    x = q(g, shape_in, ttype)
    c = shape_in[3] if op == OP.CONV_2D else 2
    if op == OP.CONV_2D:
        w = g.tensor([2, 1, 1, c], ttype, (s8((2, 1, 1, c)) if ttype == I8 else np.ones((2, 1, 1, c), np.float32)),
                     **({"scale": 0.01, "zp": 0} if ttype == I8 else {}))
        oshape = shape_in[:3] + [2]
        o = q(g, oshape, ttype)
        g.op(op, [x, w, -1], [o], BO.Conv2DOptions, conv_opts(VALID, 1, 1, 0))
    else:
        w = g.tensor([1, 1, 1, shape_in[3]], ttype,
                     (s8((1, 1, 1, shape_in[3])) if ttype == I8 else np.ones((1, 1, 1, shape_in[3]), np.float32)),
                     **({"scale": 0.01, "zp": 0} if ttype == I8 else {}))
        o = q(g, shape_in, ttype)
        g.op(op, [x, w, -1], [o], BO.DepthwiseConv2DOptions, dw_opts(VALID, 1, 1, 1, 0))
    return g.pack([x], [o])


@case("zero_conv_batch", "MOTE_E_SHAPE", "CONV_2D int8, batch 0 (issue 13 finding 3)", "tensor 0) has no elements")
def _():
    return zero_conv(OP.CONV_2D, [0, 4, 4, 2])


@case("zero_dw_f32_batch", "MOTE_E_SHAPE", "DEPTHWISE_CONV_2D float32, batch 0", "tensor 0) has no elements")
def _():
    return zero_conv(OP.DEPTHWISE_CONV_2D, [0, 4, 4, 2], F32)


def zero_pool(op, shape, ttype=I8):
    g = Graph()
    x = q(g, shape, ttype)
    o = q(g, [shape[0], 2, 2, shape[3]], ttype)
    g.op(op, [x], [o], BO.Pool2DOptions, pool_opts(VALID, 2, 2, 0))
    return g.pack([x], [o])


@case("zero_avgpool_batch", "MOTE_E_SHAPE", "AVERAGE_POOL_2D int8, batch 0", "tensor 0) has no elements")
def _():
    return zero_pool(OP.AVERAGE_POOL_2D, [0, 4, 4, 2])


@case("zero_maxpool_channels", "MOTE_E_SHAPE", "MAX_POOL_2D int8, 0 channels", "tensor 0) has no elements")
def _():
    return zero_pool(OP.MAX_POOL_2D, [1, 4, 4, 0])


@case("zero_add_channels", "MOTE_E_SHAPE", "ADD int8, 0 channels", "tensor 0) has no elements")
def _():
    return add_model([1, 2, 2, 0], [1, 2, 2, 0], [1, 2, 2, 0])


def zero_fc(ttype):
    g = Graph()
    x = q(g, [0, 4], ttype)
    w = g.tensor([3, 4], ttype, s8((3, 4)) if ttype == I8 else np.ones((3, 4), np.float32),
                 **({"scale": 0.01, "zp": 0} if ttype == I8 else {}))
    o = q(g, [0, 3], ttype)
    g.op(OP.FULLY_CONNECTED, [x, w, -1], [o], BO.FullyConnectedOptions, fc_opts(0))
    return g.pack([x], [o])


@case("zero_fc_rows", "MOTE_E_SHAPE", "FULLY_CONNECTED int8, 0 rows", "tensor 0) has no elements")
def _():
    return zero_fc(I8)


@case("zero_fc_f32_rows", "MOTE_E_SHAPE", "FULLY_CONNECTED float32, 0 rows", "tensor 0) has no elements")
def _():
    return zero_fc(F32)


@case("zero_softmax", "MOTE_E_SHAPE", "SOFTMAX int8 over [1,0]", "tensor 0) has no elements")
def _():
    g = Graph()
    x = q(g, [1, 0])
    o = g.tensor([1, 0], I8, scale=1.0 / 256, zp=-128)
    g.op(OP.SOFTMAX, [x], [o], BO.SoftmaxOptions, softmax_opts(1.0))
    return g.pack([x], [o])


@case("zero_reshape", "MOTE_E_SHAPE", "RESHAPE of [0,4] to [0]", "tensor 0) has no elements")
def _():
    g = Graph()
    x = q(g, [0, 4])
    o = q(g, [0])
    g.op(OP.RESHAPE, [x], [o], BO.ReshapeOptions, reshape_opts([0]))
    return g.pack([x], [o])


# ---- issue 13 finding 5: the real cause, the same status for every operator

@case("relu6_tiny_scale", "MOTE_E_QUANT", "CONV_2D RELU6 with output scale 1e-10: the activation range does not fit the quantization", "range does not fit")
def _():
    g = Graph()
    x = q(g, [1, 3, 3, 2])
    w = g.tensor([2, 1, 1, 2], I8, s8((2, 1, 1, 2)), scale=0.01, zp=0)
    o = g.tensor([1, 3, 3, 2], I8, scale=1e-10, zp=0)
    g.op(OP.CONV_2D, [x, w, -1], [o], BO.Conv2DOptions, conv_opts(VALID, 1, 1, 3))
    return g.pack([x], [o])


def const_where(op, which):
    """which: 'input' (input 0 constant), 'weights' (weights an activation),
    'bias' (bias an activation), 'output' (an operator writes a constant)."""
    g = Graph()
    c_in = which == "input"
    x = g.tensor([1, 4, 4, 2], I8, s8((1, 4, 4, 2)) if c_in else None, scale=0.05, zp=0)
    extra = []
    if op in (OP.CONV_2D, OP.DEPTHWISE_CONV_2D, OP.FULLY_CONNECTED):
        wshape = {OP.CONV_2D: (2, 1, 1, 2), OP.DEPTHWISE_CONV_2D: (1, 1, 1, 2),
                  OP.FULLY_CONNECTED: (2, 32)}[op]
        w = g.tensor(list(wshape), I8, None if which == "weights" else s8(wshape), scale=0.01, zp=0)
        b = g.tensor([2], I32, None if which == "bias" else np.zeros(2, np.int32), scale=0.0005, zp=0)
        if which in ("weights", "bias"):
            extra = [w if which == "weights" else b]
        oshape = [1, 2] if op == OP.FULLY_CONNECTED else [1, 4, 4, 2]
        o = g.tensor(oshape, I8, s8(tuple(oshape)) if which == "output" else None, scale=0.05, zp=0)
        if op == OP.CONV_2D:
            g.op(op, [x, w, b], [o], BO.Conv2DOptions, conv_opts(VALID, 1, 1, 0))
        elif op == OP.DEPTHWISE_CONV_2D:
            g.op(op, [x, w, b], [o], BO.DepthwiseConv2DOptions, dw_opts(VALID, 1, 1, 1, 0))
        else:
            g.op(op, [x, w, b], [o], BO.FullyConnectedOptions, fc_opts(0))
    elif op in (OP.AVERAGE_POOL_2D, OP.MAX_POOL_2D):
        o = g.tensor([1, 2, 2, 2], I8, s8((1, 2, 2, 2)) if which == "output" else None, scale=0.05, zp=0)
        g.op(op, [x], [o], BO.Pool2DOptions, pool_opts(VALID, 2, 2, 0))
    elif op == OP.ADD:
        o = g.tensor([1, 4, 4, 2], I8, s8((1, 4, 4, 2)) if which == "output" else None, scale=0.05, zp=0)
        g.op(op, [x, x], [o], BO.AddOptions, add_opts(0))
    elif op == OP.SOFTMAX:
        o = g.tensor([1, 4, 4, 2], I8, s8((1, 4, 4, 2)) if which == "output" else None,
                     scale=1.0 / 256, zp=-128)
        g.op(op, [x], [o], BO.SoftmaxOptions, softmax_opts(1.0))
    else:
        o = g.tensor([1, 32], I8, s8((1, 32)) if which == "output" else None, scale=0.05, zp=0)
        g.op(op, [x], [o], BO.ReshapeOptions, reshape_opts([1, 32]))
    ins = [t for t in [x] + extra if not (t == x and c_in)]
    y = g.tensor([1, 2], I8, scale=0.05, zp=0)
    if not ins:   # a model needs an input: an unrelated one
        ins = [y]
    outs = [o] if which != "output" else [y]
    return g.pack(ins, outs)


_OPS = [("conv", OP.CONV_2D), ("dw", OP.DEPTHWISE_CONV_2D), ("fc", OP.FULLY_CONNECTED),
        ("avgpool", OP.AVERAGE_POOL_2D), ("maxpool", OP.MAX_POOL_2D), ("add", OP.ADD),
        ("softmax", OP.SOFTMAX), ("reshape", OP.RESHAPE)]
for _n, _op in _OPS:
    if _op in (OP.CONV_2D, OP.DEPTHWISE_CONV_2D, OP.FULLY_CONNECTED, OP.AVERAGE_POOL_2D,
               OP.MAX_POOL_2D):
        case("const_input_" + _n, "MOTE_E_GRAPH", "a constant where %s needs an activation" % _n,
             "must be an activation, but is a constant")(lambda _op=_op: const_where(_op, "input"))
    if _op in (OP.CONV_2D, OP.DEPTHWISE_CONV_2D, OP.FULLY_CONNECTED):
        case("act_weights_" + _n, "MOTE_E_GRAPH", "an activation where %s needs constant weights" % _n,
             "must be a constant, but is an activation")(lambda _op=_op: const_where(_op, "weights"))
        case("act_bias_" + _n, "MOTE_E_GRAPH", "an activation where %s needs a constant bias" % _n,
             "must be a constant, but is an activation")(lambda _op=_op: const_where(_op, "bias"))
    case("const_output_" + _n, "MOTE_E_GRAPH", "%s writes a constant tensor" % _n,
         "writes constant tensor")(lambda _op=_op: const_where(_op, "output"))


# ---- issue 13 finding 4: per-tensor weights cost one requantization entry
# 254 DEPTHWISE_CONV_2D operators share one weights tensor. Per tensor (one
# scale) each step stores 1 entry, not 65536: the state stays small, and
# mote_model_init is quick. Per channel, every step needs its own table,
# and the arena says so (test_overflow.c checks the documented bound).

def shared_dw(n_ops, c, per_channel):
    g = Graph()
    scale = [0.01] * c if per_channel else 0.01
    zp = [0] * c if per_channel else 0
    w = g.tensor([1, 1, 1, c], I8, s8((1, 1, 1, c)), scale=scale, zp=zp, qdim=3)
    x = g.tensor([1, 1, 1, c], I8, scale=0.05, zp=0)
    first = t = x
    for _ in range(n_ops):
        o = g.tensor([1, 1, 1, c], I8, scale=0.05, zp=0)
        g.op(OP.DEPTHWISE_CONV_2D, [t, w, -1], [o], BO.DepthwiseConv2DOptions,
             dw_opts(VALID, 1, 1, 1, 0))
        t = o
    return g.pack([first], [t])


@case("shared_weights_254_per_tensor", "MOTE_OK", "254 DEPTHWISE_CONV_2D sharing one [1,1,1,65536] per-tensor weights tensor: one entry each (was 65536: 83 MB of state)")
def _():
    return shared_dw(254, 65536, False)


@case("shared_weights_254_per_channel", "MOTE_OK", "254 DEPTHWISE_CONV_2D sharing one [1,1,1,4096] per-channel weights tensor: 4096 entries each, counted without wrapping")
def _():
    return shared_dw(254, 4096, True)


def main():
    out = os.path.join(HERE, "data")
    os.makedirs(out, exist_ok=True)
    lines = ["# file\texpected mote_model_init status\tcause (text the message must contain)"
             "\twhy (tests/robust/make_overflow.py)"]
    for name, status, cause, why, fn in CASES:
        with open(os.path.join(out, name + ".tflite"), "wb") as fp:
            fp.write(fn())
        lines.append("%s.tflite\t%s\t%s\t%s" % (name, status, cause, why))
    with open(os.path.join(out, "MANIFEST.tsv"), "w") as fp:
        fp.write("\n".join(lines) + "\n")
    print("%d models in %s" % (len(CASES), out))


if __name__ == "__main__":
    main()
