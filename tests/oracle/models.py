"""Randomized single-operator .tflite model builders for the oracle suite.

Every generator takes a numpy Generator and returns a Case: the model bytes,
one input array per model input (in input order) and a one-line description
of the parameters drawn, so a failing case can be read without re-running it.
A generator raises Invalid when the shapes it drew cannot form a valid model
(an output size <= 0); the driver then draws again from the same generator,
which keeps every case reproducible from (seed, kernel, case index).

Models are written with the TFLite schema's object API, the way the converter
lays them out: schema version 3, buffer 0 empty, every constant in its own
buffer, builtin_code and deprecated_builtin_code both filled in.
"""

import math
from dataclasses import dataclass, field

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as schema

OP = schema.BuiltinOperator
TT = schema.TensorType
ACT = schema.ActivationFunctionType
PAD = schema.Padding

ACT_NAMES = {ACT.NONE: "NONE", ACT.RELU: "RELU", ACT.RELU_N1_TO_1: "RELU_N1_TO_1",
             ACT.RELU6: "RELU6"}
PAD_NAMES = {PAD.SAME: "SAME", PAD.VALID: "VALID"}
ACTIVATIONS = [ACT.NONE, ACT.RELU, ACT.RELU6, ACT.RELU_N1_TO_1]

NP_OF_TT = {TT.FLOAT32: np.float32, TT.INT8: np.int8, TT.INT32: np.int32}


class Invalid(Exception):
    """The drawn parameters cannot form a valid model; draw again."""


@dataclass
class Case:
    model: bytes
    inputs: list
    desc: str
    output_dtype: type = np.int8
    meta: dict = field(default_factory=dict)


class _AlignedBufferT(schema.BufferT):
    """A BufferT whose data is 16-byte aligned in the file, as the TFLite
    converter writes it, so a runtime may read int32/float constants in place."""

    def Pack(self, builder):
        data = None
        if self.data is not None and len(self.data) > 0:
            raw = bytes(self.data)
            builder.StartVector(1, len(raw), 16)
            builder.head = builder.head - len(raw)
            builder.Bytes[builder.head:builder.head + len(raw)] = raw
            data = builder.EndVector(len(raw))
        schema.BufferStart(builder)
        if data is not None:
            schema.BufferAddData(builder, data)
        return schema.BufferEnd(builder)


def quant(scale, zero_point, dim=0):
    """Per-tensor (scalars) or per-axis (sequences) quantization parameters."""
    q = schema.QuantizationParametersT()
    q.scale = [float(s) for s in np.atleast_1d(scale)]
    q.zeroPoint = [int(z) for z in np.atleast_1d(zero_point)]
    q.quantizedDimension = dim
    return q


class Graph:
    """Collects tensors, constants and one or more operators of one subgraph."""

    def __init__(self):
        self.buffers = [_AlignedBufferT()]  # buffer 0: the empty sentinel
        self.tensors = []
        self.ops = []
        self.opcodes = []

    def _tensor(self, name, shape, ttype, buffer, q):
        t = schema.TensorT()
        t.name = name
        t.shape = [int(d) for d in shape]
        t.type = ttype
        t.buffer = buffer
        t.quantization = q
        self.tensors.append(t)
        return len(self.tensors) - 1

    def tensor(self, name, shape, ttype, q=None):
        return self._tensor(name, shape, ttype, 0, q)

    def const(self, name, array, ttype, q=None):
        arr = np.ascontiguousarray(array, dtype=NP_OF_TT[ttype])
        b = _AlignedBufferT()
        b.data = arr.tobytes()
        self.buffers.append(b)
        return self._tensor(name, arr.shape, ttype, len(self.buffers) - 1, q)

    def op(self, code, inputs, outputs, opt_type=0, opt=None):
        if code not in self.opcodes:
            self.opcodes.append(code)
        o = schema.OperatorT()
        o.opcodeIndex = self.opcodes.index(code)
        o.inputs = list(inputs)
        o.outputs = list(outputs)
        o.builtinOptionsType = opt_type
        o.builtinOptions = opt
        self.ops.append(o)

    def finish(self, inputs, outputs):
        sg = schema.SubGraphT()
        sg.tensors = self.tensors
        sg.inputs = list(inputs)
        sg.outputs = list(outputs)
        sg.operators = self.ops
        sg.name = "main"
        m = schema.ModelT()
        m.version = 3
        m.description = "mote oracle"
        m.subgraphs = [sg]
        m.buffers = self.buffers
        m.operatorCodes = []
        for code in self.opcodes:
            oc = schema.OperatorCodeT()
            oc.builtinCode = code
            oc.deprecatedBuiltinCode = min(code, 127)
            oc.version = 1
            m.operatorCodes.append(oc)
        builder = flatbuffers.Builder(0)
        builder.Finish(m.Pack(builder), b"TFL3")
        return bytes(builder.Output())


# ---- random draws -----------------------------------------------------------

def log_uniform(rng, lo_exp, hi_exp):
    return float(10.0 ** rng.uniform(lo_exp, hi_exp))


def rand_zp(rng):
    """Mostly near the middle (so outputs spread both ways), sometimes anywhere
    in [-128, 127] including the extremes."""
    if rng.random() < 0.7:
        return int(rng.integers(-64, 65))
    return int(rng.integers(-128, 128))


def rand_act(rng):
    """NONE most often; a fused clamp otherwise."""
    return int(rng.choice(ACTIVATIONS, p=[0.4, 0.2, 0.2, 0.2]))


def rand_int8(rng, shape):
    """Int8 activations: usually the full range, sometimes a narrow band
    around a random centre, so both saturated and fine-grained paths run."""
    if rng.random() < 0.7:
        return rng.integers(-128, 128, size=shape, dtype=np.int64).astype(np.int8)
    centre = int(rng.integers(-100, 100))
    width = int(rng.integers(1, 40))
    lo, hi = max(-128, centre - width), min(127, centre + width)
    return rng.integers(lo, hi + 1, size=shape, dtype=np.int64).astype(np.int8)


def rand_float(rng, shape, scale=None):
    if scale is None:
        scale = log_uniform(rng, -2, 1)
    return (rng.standard_normal(size=shape) * scale).astype(np.float32)


def rand_weights_int8(rng, shape):
    """Symmetric int8 weights in [-127, 127] with a random magnitude."""
    mag = int(rng.choice([127, 127, 64, 16, 3]))
    return rng.integers(-mag, mag + 1, size=shape, dtype=np.int64).astype(np.int8)


def conv_out_size(size, k, stride, dilation, padding):
    eff = (k - 1) * dilation + 1
    if padding == PAD.SAME:
        return (size + stride - 1) // stride
    return (size - eff + stride) // stride


def pick_output_scale(rng, in_scale, w_scales, x, w, depth):
    """An output scale that puts the typical accumulator a few tens of steps
    from the zero point, varied by a decade either way, so outputs neither
    all saturate nor all collapse to one value."""
    xs = float(np.std(x.astype(np.float64))) + 1.0
    ws = float(np.std(w.astype(np.float64))) + 0.5
    real = math.sqrt(depth) * xs * ws * in_scale * float(np.mean(w_scales))
    if rng.random() < 0.05:
        # Rarely, an extreme scale: requantization multipliers far above 1
        # (positive shifts) or below 2^-31 (flushed to zero by TFLite).
        return real * log_uniform(rng, -3, 6)
    return real / rng.uniform(8, 80) * log_uniform(rng, -0.7, 0.7)


def rand_bias_int32(rng, n, depth):
    mag = 127 * 127 * max(1, int(math.sqrt(depth))) // int(rng.choice([1, 4, 32]))
    return rng.integers(-mag, mag + 1, size=n, dtype=np.int64).astype(np.int32)


def common_desc(**kw):
    parts = []
    for k, v in kw.items():
        if isinstance(v, float):
            v = "%.6g" % v
        elif isinstance(v, (list, tuple, np.ndarray)) and len(v) and isinstance(
                v[0], (float, np.floating)):
            v = "[" + ",".join("%.4g" % x for x in v) + "]"
        parts.append("%s=%s" % (k, v))
    return " ".join(parts)


# ---- CONV_2D / DEPTHWISE_CONV_2D -----------------------------------------------

def _conv_geometry(rng, depthwise):
    n = int(rng.integers(1, 3))
    h, w = int(rng.integers(1, 13)), int(rng.integers(1, 13))
    ic = int(rng.integers(1, 10))
    if depthwise:
        mult = int(rng.integers(1, 4))
        oc = ic * mult
    else:
        mult = 1
        oc = int(rng.integers(1, 10))
    kh, kw = int(rng.integers(1, 6)), int(rng.integers(1, 6))
    sh, sw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    dh, dw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    if rng.random() < 0.3:
        dh = dw = 1
    padding = PAD.SAME if rng.random() < 0.5 else PAD.VALID
    oh = conv_out_size(h, kh, sh, dh, padding)
    ow = conv_out_size(w, kw, sw, dw, padding)
    if oh <= 0 or ow <= 0:
        raise Invalid("output size <= 0")
    act = rand_act(rng)
    has_bias = rng.random() < 0.75
    return dict(n=n, h=h, w=w, ic=ic, oc=oc, mult=mult, kh=kh, kw=kw, sh=sh, sw=sw,
                dh=dh, dw=dw, padding=padding, oh=oh, ow=ow, act=act, has_bias=has_bias)


def _conv_options(g, depthwise):
    if depthwise:
        o = schema.DepthwiseConv2DOptionsT()
        o.depthMultiplier = g["mult"]
        opt_type = schema.BuiltinOptions.DepthwiseConv2DOptions
    else:
        o = schema.Conv2DOptionsT()
        opt_type = schema.BuiltinOptions.Conv2DOptions
    o.padding = g["padding"]
    o.strideH, o.strideW = g["sh"], g["sw"]
    o.dilationHFactor, o.dilationWFactor = g["dh"], g["dw"]
    o.fusedActivationFunction = g["act"]
    return opt_type, o


def _conv_inputs(rng, ti, tf, tb, depthwise):
    """Operator inputs; a missing bias is either left out or given as the
    optional-tensor index -1. DEPTHWISE_CONV_2D only accepts the first form
    (TFLite refuses -1 there and TFLM crashes on it)."""
    if tb is not None:
        return [ti, tf, tb]
    if depthwise or rng.random() < 0.5:
        return [ti, tf]
    return [ti, tf, -1]


def _conv_desc(g, depthwise):
    keys = ["n", "h", "w", "ic", "oc"] + (["mult"] if depthwise else []) + [
        "kh", "kw", "sh", "sw", "dh", "dw"]
    return common_desc(**{k: g[k] for k in keys}, padding=PAD_NAMES[g["padding"]],
                       act=ACT_NAMES[g["act"]], bias=g["has_bias"])


def _gen_conv_int8(rng, depthwise):
    g = _conv_geometry(rng, depthwise)
    in_shape = [g["n"], g["h"], g["w"], g["ic"]]
    if depthwise:
        f_shape = [1, g["kh"], g["kw"], g["oc"]]
        qdim, depth = 3, g["kh"] * g["kw"]
    else:
        f_shape = [g["oc"], g["kh"], g["kw"], g["ic"]]
        qdim, depth = 0, g["kh"] * g["kw"] * g["ic"]
    out_shape = [g["n"], g["oh"], g["ow"], g["oc"]]

    x = rand_int8(rng, in_shape)
    w = rand_weights_int8(rng, f_shape)
    in_scale = log_uniform(rng, -3, 0)
    in_zp = rand_zp(rng)
    base = log_uniform(rng, -3, -0.5)
    w_scales = base * 10.0 ** rng.uniform(-0.5, 0.5, size=g["oc"])
    out_scale = pick_output_scale(rng, in_scale, w_scales, x.astype(np.int32) - in_zp, w, depth)
    out_zp = rand_zp(rng)

    gr = Graph()
    ti = gr.tensor("input", in_shape, TT.INT8, quant(in_scale, in_zp))
    tf = gr.const("filter", w, TT.INT8, quant(w_scales, [0] * g["oc"], qdim))
    tb = None
    if g["has_bias"]:
        b = rand_bias_int32(rng, g["oc"], depth)
        tb = gr.const("bias", b, TT.INT32, quant(in_scale * w_scales, [0] * g["oc"], 0))
    to = gr.tensor("output", out_shape, TT.INT8, quant(out_scale, out_zp))
    opt_type, opt = _conv_options(g, depthwise)
    gr.op(OP.DEPTHWISE_CONV_2D if depthwise else OP.CONV_2D,
          _conv_inputs(rng, ti, tf, tb, depthwise), [to], opt_type, opt)
    desc = _conv_desc(g, depthwise) + " " + common_desc(
        in_scale=in_scale, in_zp=in_zp, out_scale=out_scale, out_zp=out_zp,
        w_scale0=float(w_scales[0]))
    return Case(gr.finish([ti], [to]), [x], desc, np.int8)


def _gen_conv_float(rng, depthwise):
    g = _conv_geometry(rng, depthwise)
    in_shape = [g["n"], g["h"], g["w"], g["ic"]]
    if depthwise:
        f_shape = [1, g["kh"], g["kw"], g["oc"]]
    else:
        f_shape = [g["oc"], g["kh"], g["kw"], g["ic"]]
    out_shape = [g["n"], g["oh"], g["ow"], g["oc"]]
    x = rand_float(rng, in_shape)
    # TFLite's CONV_2D refuses a model without bias; its depthwise does not.
    has_bias = g["has_bias"] or not depthwise
    gr = Graph()
    ti = gr.tensor("input", in_shape, TT.FLOAT32)
    tf = gr.const("filter", rand_float(rng, f_shape, 0.5), TT.FLOAT32)
    tb = gr.const("bias", rand_float(rng, [g["oc"]]), TT.FLOAT32) if has_bias else None
    to = gr.tensor("output", out_shape, TT.FLOAT32)
    opt_type, opt = _conv_options(g, depthwise)
    gr.op(OP.DEPTHWISE_CONV_2D if depthwise else OP.CONV_2D,
          _conv_inputs(rng, ti, tf, tb, depthwise), [to], opt_type, opt)
    return Case(gr.finish([ti], [to]), [x], _conv_desc(g, depthwise), np.float32)


def gen_conv2d_int8(rng):
    return _gen_conv_int8(rng, False)


def gen_depthwise_conv2d_int8(rng):
    return _gen_conv_int8(rng, True)


def gen_conv2d_float(rng):
    return _gen_conv_float(rng, False)


def gen_depthwise_conv2d_float(rng):
    return _gen_conv_float(rng, True)


# ---- FULLY_CONNECTED ----------------------------------------------------------

def _fc_geometry(rng):
    rank = int(rng.integers(2, 5))
    shape = [int(rng.integers(1, 5)) for _ in range(rank - 1)] + [int(rng.integers(1, 33))]
    keep = bool(rng.random() < 0.5)
    depth = shape[-1]
    # Without keep_num_dims TFLite flattens the input to [numel / depth, depth],
    # so depth may span the last two dimensions.
    if not keep and rank >= 3 and rng.random() < 0.25:
        depth = shape[-1] * shape[-2]
    oc = int(rng.integers(1, 17))
    numel = int(np.prod(shape))
    out_shape = shape[:-1] + [oc] if keep else [numel // depth, oc]
    act = rand_act(rng)
    has_bias = bool(rng.random() < 0.75)
    return dict(shape=shape, depth=depth, oc=oc, keep=keep, out_shape=out_shape, act=act,
                has_bias=has_bias)


def _fc_options(g):
    o = schema.FullyConnectedOptionsT()
    o.fusedActivationFunction = g["act"]
    o.keepNumDims = g["keep"]
    return schema.BuiltinOptions.FullyConnectedOptions, o


def _fc_desc(g):
    return common_desc(in_shape=list(g["shape"]), depth=g["depth"], oc=g["oc"],
                       keep_num_dims=g["keep"], act=ACT_NAMES[g["act"]], bias=g["has_bias"])


def gen_fully_connected_int8(rng):
    g = _fc_geometry(rng)
    per_channel = bool(rng.random() < 0.5)
    x = rand_int8(rng, g["shape"])
    w = rand_weights_int8(rng, [g["oc"], g["depth"]])
    in_scale, in_zp = log_uniform(rng, -3, 0), rand_zp(rng)
    base = log_uniform(rng, -3, -0.5)
    if per_channel:
        w_scales = base * 10.0 ** rng.uniform(-0.5, 0.5, size=g["oc"])
        wq = quant(w_scales, [0] * g["oc"], 0)
    else:
        w_scales = np.array([base])
        wq = quant(base, 0)
    out_scale = pick_output_scale(rng, in_scale, w_scales, x.astype(np.int32) - in_zp, w,
                                  g["depth"])
    out_zp = rand_zp(rng)

    gr = Graph()
    ti = gr.tensor("input", g["shape"], TT.INT8, quant(in_scale, in_zp))
    tw = gr.const("weights", w, TT.INT8, wq)
    tb = None
    if g["has_bias"]:
        b = rand_bias_int32(rng, g["oc"], g["depth"])
        bs = in_scale * w_scales
        tb = gr.const("bias", b, TT.INT32,
                      quant(bs, [0] * len(bs), 0) if per_channel else quant(bs[0], 0))
    to = gr.tensor("output", g["out_shape"], TT.INT8, quant(out_scale, out_zp))
    opt_type, opt = _fc_options(g)
    gr.op(OP.FULLY_CONNECTED, _conv_inputs(rng, ti, tw, tb, False), [to], opt_type, opt)
    desc = _fc_desc(g) + " " + common_desc(per_channel=per_channel, in_scale=in_scale,
                                           in_zp=in_zp, out_scale=out_scale, out_zp=out_zp)
    return Case(gr.finish([ti], [to]), [x], desc, np.int8)


def gen_fully_connected_float(rng):
    g = _fc_geometry(rng)
    x = rand_float(rng, g["shape"])
    gr = Graph()
    ti = gr.tensor("input", g["shape"], TT.FLOAT32)
    tw = gr.const("weights", rand_float(rng, [g["oc"], g["depth"]], 0.5), TT.FLOAT32)
    tb = gr.const("bias", rand_float(rng, [g["oc"]]), TT.FLOAT32) if g["has_bias"] else None
    to = gr.tensor("output", g["out_shape"], TT.FLOAT32)
    opt_type, opt = _fc_options(g)
    gr.op(OP.FULLY_CONNECTED, _conv_inputs(rng, ti, tw, tb, False), [to], opt_type, opt)
    return Case(gr.finish([ti], [to]), [x], _fc_desc(g), np.float32)


# ---- AVERAGE_POOL_2D / MAX_POOL_2D ---------------------------------------------

def _pool_geometry(rng):
    n = int(rng.integers(1, 3))
    h, w, c = int(rng.integers(1, 13)), int(rng.integers(1, 13)), int(rng.integers(1, 10))
    fh, fw = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    sh, sw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    padding = PAD.SAME if rng.random() < 0.5 else PAD.VALID
    oh = conv_out_size(h, fh, sh, 1, padding)
    ow = conv_out_size(w, fw, sw, 1, padding)
    if oh <= 0 or ow <= 0:
        raise Invalid("output size <= 0")
    act = rand_act(rng)
    return dict(n=n, h=h, w=w, c=c, fh=fh, fw=fw, sh=sh, sw=sw, padding=padding, oh=oh,
                ow=ow, act=act)


def _pool_model(rng, code, ttype, q):
    g = _pool_geometry(rng)
    in_shape = [g["n"], g["h"], g["w"], g["c"]]
    out_shape = [g["n"], g["oh"], g["ow"], g["c"]]
    gr = Graph()
    ti = gr.tensor("input", in_shape, ttype, q)
    to = gr.tensor("output", out_shape, ttype, q)
    o = schema.Pool2DOptionsT()
    o.padding = g["padding"]
    o.strideH, o.strideW = g["sh"], g["sw"]
    o.filterHeight, o.filterWidth = g["fh"], g["fw"]
    o.fusedActivationFunction = g["act"]
    gr.op(code, [ti], [to], schema.BuiltinOptions.Pool2DOptions, o)
    desc = common_desc(**{k: g[k] for k in ["n", "h", "w", "c", "fh", "fw", "sh", "sw"]},
                       padding=PAD_NAMES[g["padding"]], act=ACT_NAMES[g["act"]])
    return gr.finish([ti], [to]), in_shape, desc


def _gen_pool_int8(rng, code):
    scale, zp = log_uniform(rng, -3, 0), rand_zp(rng)
    model, in_shape, desc = _pool_model(rng, code, TT.INT8, quant(scale, zp))
    x = rand_int8(rng, in_shape)
    return Case(model, [x], desc + " " + common_desc(scale=scale, zp=zp), np.int8)


def _gen_pool_float(rng, code):
    model, in_shape, desc = _pool_model(rng, code, TT.FLOAT32, None)
    return Case(model, [rand_float(rng, in_shape)], desc, np.float32)


def gen_average_pool2d_int8(rng):
    return _gen_pool_int8(rng, OP.AVERAGE_POOL_2D)


def gen_max_pool2d_int8(rng):
    return _gen_pool_int8(rng, OP.MAX_POOL_2D)


def gen_average_pool2d_float(rng):
    return _gen_pool_float(rng, OP.AVERAGE_POOL_2D)


def gen_max_pool2d_float(rng):
    return _gen_pool_float(rng, OP.MAX_POOL_2D)


# ---- ADD ------------------------------------------------------------------------

def _add_shapes(rng):
    rank = int(rng.integers(1, 5))
    top = {1: 65, 2: 17, 3: 9, 4: 7}[rank]
    out = [int(rng.integers(1, top)) for _ in range(rank)]
    if rng.random() < 0.3:
        return out, list(out), list(out)

    def operand():
        r = int(rng.integers(1, rank + 1))
        return [d if rng.random() < 0.6 else 1 for d in out[rank - r:]]

    a, b = operand(), operand()
    # The output is the broadcast of the operands; recompute it so a dim that
    # both operands dropped to 1 does not leave the output larger than either.
    out = list(np.broadcast_shapes(tuple(a), tuple(b)))
    return out, a, b


def _add_model(rng, ttype, qa, qb, qo, a_val, b_val, act):
    """ADD of two operands; operand 2 is sometimes a constant (a bias-add),
    in which case it is baked into the model and not a model input."""
    out_shape, a_shape, b_shape = (list(np.broadcast_shapes(a_val.shape, b_val.shape)),
                                   list(a_val.shape), list(b_val.shape))
    const_b = bool(rng.random() < 0.25)
    gr = Graph()
    ta = gr.tensor("a", a_shape, ttype, qa)
    tb = gr.const("b", b_val, ttype, qb) if const_b else gr.tensor("b", b_shape, ttype, qb)
    to = gr.tensor("output", out_shape, ttype, qo)
    o = schema.AddOptionsT()
    o.fusedActivationFunction = act
    gr.op(OP.ADD, [ta, tb], [to], schema.BuiltinOptions.AddOptions, o)
    inputs = [a_val] if const_b else [a_val, b_val]
    model = gr.finish([ta] if const_b else [ta, tb], [to])
    desc = common_desc(a=a_shape, b=b_shape, out=out_shape, const_b=const_b,
                       act=ACT_NAMES[act])
    return model, inputs, desc


def gen_add_int8(rng):
    _, a_shape, b_shape = _add_shapes(rng)
    sa = log_uniform(rng, -3, 0)
    sb = sa * log_uniform(rng, -1.5, 1.5)
    so = max(sa, sb) * log_uniform(rng, -0.5, 1)
    za, zb, zo = rand_zp(rng), rand_zp(rng), rand_zp(rng)
    act = rand_act(rng)
    a, b = rand_int8(rng, a_shape), rand_int8(rng, b_shape)
    model, inputs, desc = _add_model(rng, TT.INT8, quant(sa, za), quant(sb, zb),
                                     quant(so, zo), a, b, act)
    desc += " " + common_desc(sa=sa, za=za, sb=sb, zb=zb, so=so, zo=zo)
    return Case(model, inputs, desc, np.int8)


def gen_add_float(rng):
    _, a_shape, b_shape = _add_shapes(rng)
    act = rand_act(rng)
    a, b = rand_float(rng, a_shape), rand_float(rng, b_shape)
    model, inputs, desc = _add_model(rng, TT.FLOAT32, None, None, None, a, b, act)
    return Case(model, inputs, desc, np.float32)


# ---- RESHAPE ----------------------------------------------------------------------

def _factorize(rng, numel, rank):
    """A random shape of the given rank whose element count is numel."""
    dims = [1] * rank
    n = numel
    p = 2
    primes = []
    while p * p <= n:
        while n % p == 0:
            primes.append(p)
            n //= p
        p += 1
    if n > 1:
        primes.append(n)
    for f in primes:
        dims[int(rng.integers(0, rank))] *= f
    return dims


def _gen_reshape(rng, ttype):
    in_rank = int(rng.integers(1, 5))
    in_shape = [int(rng.integers(1, 7)) for _ in range(in_rank)]
    numel = int(np.prod(in_shape))
    out_rank = int(rng.choice([1, 2, 3, 4, 4, 5]))
    out_shape = _factorize(rng, numel, out_rank)
    spec = list(out_shape)
    if rng.random() < 0.3:
        spec[int(rng.integers(0, out_rank))] = -1
    mode = str(rng.choice(["options", "tensor", "both"]))
    q = quant(log_uniform(rng, -3, 0), rand_zp(rng)) if ttype == TT.INT8 else None

    gr = Graph()
    ti = gr.tensor("input", in_shape, ttype, q)
    ins = [ti]
    if mode in ("tensor", "both"):
        ins.append(gr.const("shape", np.array(spec, dtype=np.int32), TT.INT32))
    to = gr.tensor("output", out_shape, ttype, q)
    o = schema.ReshapeOptionsT()
    if mode in ("options", "both"):
        o.newShape = list(spec)
    gr.op(OP.RESHAPE, ins, [to], schema.BuiltinOptions.ReshapeOptions, o)
    x = rand_int8(rng, in_shape) if ttype == TT.INT8 else rand_float(rng, in_shape)
    desc = common_desc(in_shape=in_shape, out_shape=out_shape, spec=spec, mode=mode)
    return Case(gr.finish([ti], [to]), [x], desc, NP_OF_TT[ttype])


def gen_reshape_int8(rng):
    return _gen_reshape(rng, TT.INT8)


def gen_reshape_float(rng):
    return _gen_reshape(rng, TT.FLOAT32)


# ---- SOFTMAX --------------------------------------------------------------------

def _softmax_shape(rng):
    rank = int(rng.integers(1, 5))
    r = rng.random()
    if r < 0.1:
        depth = 1
    elif r < 0.8:
        depth = int(rng.integers(2, 41))
    else:
        depth = int(rng.integers(41, 301))
    lead = [int(rng.integers(1, 4)) for _ in range(rank - 1)]
    return lead + [depth]


def _softmax_model(shape, ttype, qi, qo, beta):
    gr = Graph()
    ti = gr.tensor("input", shape, ttype, qi)
    to = gr.tensor("output", shape, ttype, qo)
    o = schema.SoftmaxOptionsT()
    o.beta = beta
    gr.op(OP.SOFTMAX, [ti], [to], schema.BuiltinOptions.SoftmaxOptions, o)
    return gr.finish([ti], [to])


def gen_softmax_int8(rng):
    shape = _softmax_shape(rng)
    beta = float(np.float32(rng.uniform(0.1, 2.0)))
    scale, zp = log_uniform(rng, -4, 0.7), rand_zp(rng)
    model = _softmax_model(shape, TT.INT8, quant(scale, zp), quant(1.0 / 256, -128), beta)
    desc = common_desc(shape=shape, beta=beta, in_scale=scale, in_zp=zp)
    return Case(model, [rand_int8(rng, shape)], desc, np.int8)


def gen_softmax_float(rng):
    shape = _softmax_shape(rng)
    beta = float(np.float32(rng.uniform(0.1, 2.0)))
    model = _softmax_model(shape, TT.FLOAT32, None, None, beta)
    x = rand_float(rng, shape, log_uniform(rng, -1, 1))
    return Case(model, [x], common_desc(shape=shape, beta=beta), np.float32)


# Kernel name -> generator. The int8 kernels are compared with TFLM byte for
# byte; the float ones with TFLite's reference kernels within a tolerance.
GENERATORS = {
    "conv2d_int8": gen_conv2d_int8,
    "depthwise_conv2d_int8": gen_depthwise_conv2d_int8,
    "fully_connected_int8": gen_fully_connected_int8,
    "average_pool2d_int8": gen_average_pool2d_int8,
    "max_pool2d_int8": gen_max_pool2d_int8,
    "add_int8": gen_add_int8,
    "reshape_int8": gen_reshape_int8,
    "softmax_int8": gen_softmax_int8,
    "conv2d_float": gen_conv2d_float,
    "depthwise_conv2d_float": gen_depthwise_conv2d_float,
    "fully_connected_float": gen_fully_connected_float,
    "average_pool2d_float": gen_average_pool2d_float,
    "max_pool2d_float": gen_max_pool2d_float,
    "add_float": gen_add_float,
    "reshape_float": gen_reshape_float,
    "softmax_float": gen_softmax_float,
}
