#!/usr/bin/env python3
"""Generate oracle cases for the float32 reference kernels.

Each case is a one-operator float32 .tflite model built with the TFLite schema
object API and run by LiteRT's interpreter with the *reference* builtin op
resolver (BUILTIN_REF), so the expected outputs come from TFLite's reference
float kernels, never from mote. Parameters, inputs and expected outputs are
written to tests/kernels_f32/cases/<op>.bin, which test_kernels_f32.c reads.

Run from the repository root (regenerates the committed files; seeds are
fixed, so the output is reproducible for a given LiteRT version):

    .venv/bin/python tests/kernels_f32/make_cases.py

File format, all little-endian:
    magic   4 bytes  b"MF32"
    ncases  int32
    then per case:
        name     int32 length, then that many ASCII bytes
        ints     int32 count, then int32 values     (shapes, geometry, flags)
        scalars  int32 count, then float32 values   (act_min, act_max / beta)
        arrays   int32 count, then per array: int32 length, float32 values
The meaning of ints / scalars / arrays per operator is documented beside
each write_* function below and mirrored in test_kernels_f32.c. A bias
array of length 0 means "no bias" (NULL).
"""

import os
import struct
import sys

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as schema
from ai_edge_litert.interpreter import Interpreter, OpResolverType

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "cases")

INF = float("inf")
AF = schema.ActivationFunctionType
# (schema enum, act_min, act_max, short name)
ACTS = [
    (AF.NONE, -INF, INF, "none"),
    (AF.RELU, 0.0, INF, "relu"),
    (AF.RELU6, 0.0, 6.0, "relu6"),
    (AF.RELU_N1_TO_1, -1.0, 1.0, "relun1"),
]
SAME, VALID = schema.Padding.SAME, schema.Padding.VALID


# ---- model building -------------------------------------------------------

def _tensor(shape, name, buffer_index):
    t = schema.TensorT()
    t.shape = [int(s) for s in shape]
    t.type = schema.TensorType.FLOAT32
    t.buffer = buffer_index
    t.name = name
    return t


def run_op(opcode, options_type, options, inputs, out_shape):
    """Build and run a model with one operator.

    inputs: list of (name, array, is_const); array None means an omitted
    optional input (index -1). Returns the output as a float32 array.
    """
    buffers = [schema.BufferT()]  # buffer 0: the empty sentinel
    tensors, op_inputs, graph_inputs, feeds = [], [], [], []
    for name, arr, is_const in inputs:
        if arr is None:
            op_inputs.append(-1)
            continue
        arr = np.asarray(arr, dtype=np.float32)
        buf_index = 0
        if is_const:
            b = schema.BufferT()
            b.data = np.frombuffer(arr.astype("<f4").tobytes(), dtype=np.uint8)
            buffers.append(b)
            buf_index = len(buffers) - 1
        tensors.append(_tensor(arr.shape, name, buf_index))
        op_inputs.append(len(tensors) - 1)
        if not is_const:
            graph_inputs.append(len(tensors) - 1)
            feeds.append(arr)
    tensors.append(_tensor(out_shape, "output", 0))
    out_index = len(tensors) - 1

    code = schema.OperatorCodeT()
    code.builtinCode = opcode
    code.deprecatedBuiltinCode = min(opcode, 127)
    code.version = 1

    op = schema.OperatorT()
    op.opcodeIndex = 0
    op.inputs = op_inputs
    op.outputs = [out_index]
    op.builtinOptionsType = options_type
    op.builtinOptions = options

    sg = schema.SubGraphT()
    sg.tensors = tensors
    sg.inputs = graph_inputs
    sg.outputs = [out_index]
    sg.operators = [op]
    sg.name = "main"

    model = schema.ModelT()
    model.version = 3
    model.operatorCodes = [code]
    model.subgraphs = [sg]
    model.buffers = buffers
    model.description = "mote float32 kernel case"

    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    blob = bytes(builder.Output())

    interp = Interpreter(model_content=blob,
                         experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    interp.allocate_tensors()
    details = interp.get_input_details()
    # get_input_details() follows the subgraph's input order.
    for d, arr in zip(details, feeds):
        interp.set_tensor(d["index"], arr)
    interp.invoke()
    out = interp.get_tensor(interp.get_output_details()[0]["index"])
    if tuple(out.shape) != tuple(out_shape):
        raise RuntimeError("oracle output shape %s, expected %s" % (out.shape, out_shape))
    return out.astype(np.float32)


# ---- geometry, computed as TFLite does -------------------------------------

def out_and_pad(size, k, stride, dil, padding):
    """Output size and padding before the first element along one axis."""
    eff = (k - 1) * dil + 1
    if padding == SAME:
        out = (size + stride - 1) // stride
    else:
        out = (size - eff + stride) // stride
    total = max((out - 1) * stride + eff - size, 0)
    return out, total // 2, total


# ---- case file writing ----------------------------------------------------

class CaseFile:
    def __init__(self, op):
        self.op = op
        self.chunks = []
        self.count = 0

    def add(self, name, ints, scalars, arrays):
        c = [struct.pack("<i", len(name)), name.encode("ascii"),
             struct.pack("<i", len(ints)), struct.pack("<%di" % len(ints), *ints),
             struct.pack("<i", len(scalars)),
             np.asarray(scalars, dtype="<f4").tobytes(),
             struct.pack("<i", len(arrays))]
        for a in arrays:
            a = np.asarray(a, dtype="<f4").ravel() if a is not None else np.zeros(0, "<f4")
            c.append(struct.pack("<i", a.size))
            c.append(a.tobytes())
        self.chunks.append(b"".join(c))
        self.count += 1

    def write(self):
        os.makedirs(OUT_DIR, exist_ok=True)
        path = os.path.join(OUT_DIR, self.op + ".bin")
        data = b"MF32" + struct.pack("<i", self.count) + b"".join(self.chunks)
        with open(path, "wb") as f:
            f.write(data)
        print("%-18s %3d cases %7d bytes" % (self.op + ".bin", self.count, len(data)))
        return len(data)


def dims4(shape):
    """Pad a shape with leading 1s to rank 4 (mote_dims order n, h, w, c)."""
    shape = list(shape)
    return [1] * (4 - len(shape)) + shape


def rand(rng, shape, scale=1.0):
    return (rng.uniform(-1.0, 1.0, size=shape) * scale).astype(np.float32)


# ---- CONV_2D / DEPTHWISE_CONV_2D --------------------------------------------
# ints: input n,h,w,c  filter n,h,w,c  output n,h,w,c
#       stride_h, stride_w, dilation_h, dilation_w, pad_h, pad_w,
#       depth_multiplier, has_bias
# scalars: act_min, act_max
# arrays: input, filter, bias (empty when none), expected output

def conv_geometry(rng, i, kh, kw):
    stride_h, stride_w = [(1, 1), (2, 2), (1, 2), (3, 2), (2, 1)][i % 5]
    dil_h, dil_w = [(1, 1), (1, 1), (2, 2), (1, 3), (2, 1), (1, 1), (3, 3)][i % 7]
    padding = (SAME, VALID)[(i // 2) % 2]
    eff_h, eff_w = (kh - 1) * dil_h + 1, (kw - 1) * dil_w + 1
    h = int(rng.integers(eff_h, eff_h + 6))
    w = int(rng.integers(eff_w, eff_w + 6))
    oh, pad_h, tot_h = out_and_pad(h, kh, stride_h, dil_h, padding)
    ow, pad_w, tot_w = out_and_pad(w, kw, stride_w, dil_w, padding)
    return dict(sh=stride_h, sw=stride_w, dh=dil_h, dw=dil_w, padding=padding,
                h=h, w=w, oh=oh, ow=ow, ph=pad_h, pw=pad_w, odd=(tot_h % 2) or (tot_w % 2))


def conv_cases(rng, depthwise, n_cases):
    cf = CaseFile("depthwise_conv2d" if depthwise else "conv2d")
    odd = 0
    for i in range(n_cases):
        act, act_min, act_max, act_name = ACTS[i % 4]
        kh, kw = [(3, 3), (1, 1), (2, 2), (3, 2), (1, 3), (5, 5), (2, 3)][i % 7]
        g = conv_geometry(rng, i, kh, kw)
        odd += bool(g["odd"] and g["padding"] == SAME)
        n = 2 if i % 6 == 5 else 1
        in_c = int(rng.integers(1, 6))
        has_bias = (i % 5) != 3
        scale = 4.0 if i % 3 == 0 else 1.0
        if act == AF.RELU6:
            scale = 10.0  # values large enough to reach the clamp at 6
        x = rand(rng, (n, g["h"], g["w"], in_c), scale)
        if depthwise:
            dm = (1, 2, 3)[i % 3]
            out_c = in_c * dm
            filt = rand(rng, (1, kh, kw, out_c))
            opcode = schema.BuiltinOperator.DEPTHWISE_CONV_2D
            opt_type = schema.BuiltinOptions.DepthwiseConv2DOptions
            opt = schema.DepthwiseConv2DOptionsT()
            opt.depthMultiplier = dm
        else:
            dm = 1
            out_c = int(rng.integers(1, 6))
            filt = rand(rng, (out_c, kh, kw, in_c))
            opcode = schema.BuiltinOperator.CONV_2D
            opt_type = schema.BuiltinOptions.Conv2DOptions
            opt = schema.Conv2DOptionsT()
        opt.padding = g["padding"]
        opt.strideH, opt.strideW = g["sh"], g["sw"]
        opt.dilationHFactor, opt.dilationWFactor = g["dh"], g["dw"]
        opt.fusedActivationFunction = act
        bias = rand(rng, (out_c,)) if has_bias else None
        # LiteRT's float CONV_2D refuses a missing bias (conv.cc: has_bias),
        # so a no-bias case runs the oracle with an all-zero bias, which adds
        # exactly 0.0f after the sum; mote is then called with bias NULL.
        oracle_bias = bias if has_bias else np.zeros(out_c, np.float32)
        out_shape = (n, g["oh"], g["ow"], out_c)
        y = run_op(opcode, opt_type, opt,
                   [("input", x, False), ("filter", filt, True), ("bias", oracle_bias, True)],
                   out_shape)
        name = "%s_k%dx%d_s%dx%d_d%dx%d_%s_dm%d_%s%s" % (
            "dw" if depthwise else "conv", kh, kw, g["sh"], g["sw"], g["dh"], g["dw"],
            "same" if g["padding"] == SAME else "valid", dm, act_name,
            "" if has_bias else "_nobias")
        ints = list(x.shape) + list(filt.shape) + list(out_shape) + [
            g["sh"], g["sw"], g["dh"], g["dw"], g["ph"], g["pw"], dm, int(has_bias)]
        cf.add(name, ints, [act_min, act_max], [x, filt, bias, y])
    print("  %s: %d SAME cases with an odd padding total" % (cf.op, odd))
    return cf.write()


# ---- FULLY_CONNECTED ------------------------------------------------------
# ints: batches, depth, out_c, has_bias
# scalars: act_min, act_max
# arrays: input, filter, bias (empty when none), expected output

def fc_cases(rng, n_cases):
    cf = CaseFile("fully_connected")
    for i in range(n_cases):
        act, act_min, act_max, act_name = ACTS[i % 4]
        batches = (1, 2, 3)[i % 3]
        depth = int(rng.integers(1, 40))
        out_c = int(rng.integers(1, 12))
        has_bias = (i // 4) % 2 == 0
        scale = 3.0 if i % 5 == 0 else 1.0
        if act == AF.RELU6:
            scale = 10.0  # values large enough to reach the clamp at 6
        x = rand(rng, (batches, depth), scale)
        w = rand(rng, (out_c, depth))
        bias = rand(rng, (out_c,)) if has_bias else None
        opt = schema.FullyConnectedOptionsT()
        opt.fusedActivationFunction = act
        y = run_op(schema.BuiltinOperator.FULLY_CONNECTED,
                   schema.BuiltinOptions.FullyConnectedOptions, opt,
                   [("input", x, False), ("weights", w, True), ("bias", bias, True)],
                   (batches, out_c))
        name = "fc_b%d_d%d_o%d_%s%s" % (batches, depth, out_c, act_name,
                                       "" if has_bias else "_nobias")
        cf.add(name, [batches, depth, out_c, int(has_bias)], [act_min, act_max],
               [x, w, bias, y])
    return cf.write()


# ---- AVERAGE_POOL_2D / MAX_POOL_2D -------------------------------------------
# ints: input n,h,w,c  output n,h,w,c  stride_h, stride_w, pad_h, pad_w,
#       filter_h, filter_w
# scalars: act_min, act_max
# arrays: input, expected output

def pool_cases(rng, is_max, n_cases):
    cf = CaseFile("max_pool" if is_max else "avg_pool")
    odd = 0
    for i in range(n_cases):
        act, act_min, act_max, act_name = ACTS[i % 4]
        fh, fw = [(2, 2), (3, 3), (1, 1), (2, 3), (3, 1), (4, 4), (1, 2)][i % 7]
        sh, sw = [(1, 1), (2, 2), (1, 2), (3, 3), (2, 1)][i % 5]
        padding = (SAME, VALID)[(i // 2) % 2]
        n = 2 if i % 6 == 5 else 1
        h = int(rng.integers(fh, fh + 6))
        w = int(rng.integers(fw, fw + 6))
        c = int(rng.integers(1, 6))
        oh, ph, th = out_and_pad(h, fh, sh, 1, padding)
        ow, pw, tw = out_and_pad(w, fw, sw, 1, padding)
        odd += bool(padding == SAME and (th % 2 or tw % 2))
        scale = 8.0 if i % 3 == 0 else 1.0
        if act == AF.RELU6:
            scale = 10.0  # values large enough to reach the clamp at 6
        x = rand(rng, (n, h, w, c), scale)
        opt = schema.Pool2DOptionsT()
        opt.padding = padding
        opt.strideH, opt.strideW = sh, sw
        opt.filterHeight, opt.filterWidth = fh, fw
        opt.fusedActivationFunction = act
        opcode = (schema.BuiltinOperator.MAX_POOL_2D if is_max
                  else schema.BuiltinOperator.AVERAGE_POOL_2D)
        y = run_op(opcode, schema.BuiltinOptions.Pool2DOptions, opt,
                   [("input", x, False)], (n, oh, ow, c))
        name = "%s_f%dx%d_s%dx%d_%s_%s" % ("max" if is_max else "avg", fh, fw, sh, sw,
                                          "same" if padding == SAME else "valid", act_name)
        ints = list(x.shape) + [n, oh, ow, c, sh, sw, ph, pw, fh, fw]
        cf.add(name, ints, [act_min, act_max], [x, y])
    print("  %s: %d SAME cases with an odd padding total" % (cf.op, odd))
    return cf.write()


# ---- ADD ------------------------------------------------------------------
# ints: in1 n,h,w,c  in2 n,h,w,c  output n,h,w,c (inputs padded to rank 4)
# scalars: act_min, act_max
# arrays: in1, in2, expected output

def add_cases(rng, n_cases):
    cf = CaseFile("add")
    for i in range(n_cases):
        act, act_min, act_max, act_name = ACTS[i % 4]
        out = [int(rng.integers(1, 4)), int(rng.integers(1, 5)),
               int(rng.integers(1, 5)), int(rng.integers(1, 7))]
        kind = i % 5
        if kind == 0:            # same shape, no broadcasting
            s1, s2 = list(out), list(out)
        elif kind == 1:          # in2 is a lower-rank tensor (per-channel vector or [w,c])
            s1 = list(out)
            s2 = out[3:] if i % 2 else out[2:]
        elif kind == 2:          # in1 broadcasts
            s1 = [d if rng.random() < 0.5 else 1 for d in out]
            s2 = list(out)
        elif kind == 3:          # both broadcast, in complementary dims
            mask = [rng.random() < 0.5 for _ in out]
            s1 = [d if m else 1 for d, m in zip(out, mask)]
            s2 = [1 if m else d for d, m in zip(out, mask)]
        else:                    # scalar-like in2 of rank 4
            s1, s2 = list(out), [1, 1, 1, 1]
        scale = 4.0 if i % 3 == 0 else 1.0
        if act == AF.RELU6:
            scale = 10.0  # values large enough to reach the clamp at 6
        a = rand(rng, s1, scale)
        b = rand(rng, s2, scale)
        full = list(np.broadcast_shapes(tuple(s1), tuple(s2)))
        full = dims4(full)
        opt = schema.AddOptionsT()
        opt.fusedActivationFunction = act
        y = run_op(schema.BuiltinOperator.ADD, schema.BuiltinOptions.AddOptions, opt,
                   [("in1", a, False), ("in2", b, False)], tuple(full))
        name = "add_%s_%s_%s" % ("x".join(map(str, s1)), "x".join(map(str, s2)), act_name)
        ints = dims4(s1) + dims4(s2) + full
        cf.add(name, ints, [act_min, act_max], [a, b, y])
    return cf.write()


# ---- SOFTMAX --------------------------------------------------------------
# ints: rows, depth
# scalars: beta
# arrays: input, expected output

def softmax_cases(rng, n_cases):
    cf = CaseFile("softmax")
    betas = [1.0, 0.5, 2.0, 0.1, 1.7, 0.00390625, 3.0]
    for i in range(n_cases):
        beta = betas[i % len(betas)]
        rows = (1, 2, 4)[i % 3]
        depth = int(rng.integers(1, 30))
        scale = (1.0, 5.0, 20.0)[(i // 3) % 3]
        x = rand(rng, (rows, depth), scale)
        opt = schema.SoftmaxOptionsT()
        opt.beta = beta
        y = run_op(schema.BuiltinOperator.SOFTMAX, schema.BuiltinOptions.SoftmaxOptions,
                   opt, [("input", x, False)], (rows, depth))
        name = "softmax_r%d_d%d_beta%g_x%g" % (rows, depth, beta, scale)
        cf.add(name, [rows, depth], [beta], [x, y])
    return cf.write()


def main():
    total = 0
    total += conv_cases(np.random.default_rng(1001), False, 36)
    total += conv_cases(np.random.default_rng(1002), True, 36)
    total += fc_cases(np.random.default_rng(1003), 24)
    total += pool_cases(np.random.default_rng(1004), False, 30)
    total += pool_cases(np.random.default_rng(1005), True, 30)
    total += add_cases(np.random.default_rng(1006), 30)
    total += softmax_cases(np.random.default_rng(1007), 24)
    print("total %d bytes" % total)
    if total > 512 * 1024:
        sys.exit("case files too large")


if __name__ == "__main__":
    main()
