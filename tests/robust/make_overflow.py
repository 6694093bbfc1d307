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
                         conv_opts, dw_opts, fc_opts, pool_opts, reshape_opts, s8)

BIG = 2**31 - 1
CASES = []


def case(name, status, why):
    """status: the expected status name, or "A|32:B" for A with a 64-bit
    size_t and B with a 32-bit one (make test-32bit)."""
    def wrap(fn):
        for part in status.split("|32:"):
            require_status(part)
        CASES.append((name, status, why, fn))
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


@case("bytes_over_31bit", "MOTE_E_OVERFLOW", "FLOAT32 [1,1,1,2^29]: elements fit, 2^31 bytes do not")
def _():
    return add_model([1, 1, 1, 2**29], [1, 1, 1, 1], [1, 1, 1, 2**29], F32)


@case("int32_bias_bytes_over", "MOTE_E_OVERFLOW", "constant INT32 [2^29] bias with a 16-byte buffer: size refused before the buffer")
def _():
    g = Graph()
    x = q(g, [1, 4, 4, 2])
    w = g.tensor([4, 1, 1, 2], I8, s8((4, 1, 1, 2)), scale=0.01, zp=0)
    b = g.tensor([2**29], I32, np.zeros(4, np.int32), scale=0.0005, zp=0)
    o = q(g, [1, 4, 4, 4])
    g.op(OP.CONV_2D, [x, w, b], [o], BO.Conv2DOptions, conv_opts(VALID, 1, 1, 0))
    return g.pack([x], [o])


@case("rank6_over_64bit", "MOTE_E_OVERFLOW", "rank-6 shape of 2^31-1 each: 2^186 elements")
def _():
    return add_model([BIG] * 6, [1] * 6, [BIG] * 6)


@case("const_huge_short_buffer", "MOTE_E_OVERFLOW", "constant [65536,65536] INT8 holding 4 bytes")
def _():
    g = Graph()
    a = q(g, [1, 4])
    b = g.tensor([65536, 65536], I8, np.zeros(4, np.int8), scale=0.05, zp=0)
    o = q(g, [1, 4])
    g.op(OP.ADD, [a, b], [o], BO.AddOptions, add_opts(0))
    return g.pack([a], [o])


@case("const_filter_short_buffer", "MOTE_E_SHAPE", "conv filter [4,3,3,3] (108 bytes) with a 100-byte buffer")
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


@case("two_largest_plan_over_4gb", "MOTE_E_OVERFLOW", "2^31-1 + 1 + 2^31-1 bytes live at once, aligned: past 4 GiB")
def _():
    return add_model([1, 1, 1, BIG], [1, 1, 1, 1], [1, 1, 1, BIG])


@case("arena_sum_over_32bit", "MOTE_OK|32:MOTE_E_OVERFLOW", "activations 2^32-48 bytes (the plan fits 4 GiB) + state: the arena size passes SIZE_MAX on a 32-bit size_t only")
def _():
    return add_model([1, 1, 1, BIG - 31], [1, 1, 1, 1], [1, 1, 1, BIG - 31])


@case("plan_over_4gb", "MOTE_E_OVERFLOW", "three live 2 GiB activations: the plan passes 4 GiB")
def _():
    return add_model([1, 1, 1, BIG], [1, 1, 1, BIG], [1, 1, 1, BIG])


@case("conv_dilation_int32", "MOTE_E_PARAM", "3x3 filter, dilation 2^31-1: the window overflows int32 (fuzz_mutate finding)")
def _():
    g = Graph()
    x = q(g, [1, 9, 9, 3])
    w = g.tensor([4, 3, 3, 3], I8, s8((4, 3, 3, 3)), scale=0.01, zp=0)
    o = q(g, [1, 9, 9, 4])
    g.op(OP.CONV_2D, [x, w, -1], [o], BO.Conv2DOptions, conv_opts(SAME, 1, 1, 0, BIG, 1))
    return g.pack([x], [o])


@case("pool_filter_int32", "MOTE_E_PARAM", "max pool filter 2^31-1 over width 9, SAME: window end past int32")
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


@case("const_model_input", "MOTE_E_GRAPH", "a constant as model input: the app would write into the model bytes")
def _():
    g = Graph()
    a = g.tensor([1, 4], I8, np.zeros(4, np.int8), scale=0.05, zp=0)
    b = q(g, [1, 4])
    o = q(g, [1, 4])
    g.op(OP.ADD, [b, a], [o], BO.AddOptions, add_opts(0))
    return g.pack([a, b], [o])


@case("const_model_output", "MOTE_E_GRAPH", "a constant as model output: outside the arena (fuzz_mutate finding)")
def _():
    g = Graph()
    a = q(g, [1, 4])
    c = g.tensor([1, 4], I8, np.zeros(4, np.int8), scale=0.05, zp=0)
    o = q(g, [1, 4])
    g.op(OP.ADD, [a, c], [o], BO.AddOptions, add_opts(0))
    return g.pack([a], [o, c])


@case("const_f32_unaligned", "MOTE_E_OFFSET", "float32 constant stored at an odd file offset (fuzz_mutate finding: misaligned load)")
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


def main():
    out = os.path.join(HERE, "data")
    os.makedirs(out, exist_ok=True)
    lines = ["# file\texpected mote_model_init status\twhy (tests/robust/make_overflow.py)"]
    for name, status, why, fn in CASES:
        with open(os.path.join(out, name + ".tflite"), "wb") as fp:
            fp.write(fn())
        lines.append("%s.tflite\t%s\t%s" % (name, status, why))
    with open(os.path.join(out, "MANIFEST.tsv"), "w") as fp:
        fp.write("\n".join(lines) + "\n")
    print("%d models in %s" % (len(CASES), out))


if __name__ == "__main__":
    main()
