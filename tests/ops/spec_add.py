"""ADD test spec.

Random draws: output rank 1-4, each operand of any lower or equal rank with
any dimension broadcast (size 1), operand 2 sometimes a constant (a
bias-add), every fused activation, scales a decade and a half apart.
Edge cases: the usual broadcast patterns (per-channel vector, complementary
broadcasts, scalar-like [1,1,1,1]) and very different input scales.
int16 (zero points 0, as SUB): rank 0-6 broadcasting (spec_ew.py draws).
"""

import numpy as np

import spec_binary_i32
from draws import (Case, common_desc, f32, log_uniform, rand_act, rand_float,
                   rand_float_uniform, rand_i8_uniform, rand_int8, rand_zp)
from spec_ew import act_desc, binary_case, rand_bcast_shapes, rand_data, rand_q
from tflite_builder import ACT, ACT_NAMES, OP, OPT, TT, Graph, quant, schema

OPERATOR = "ADD"
KERNELS = {"int8": "ADD_S8", "int16": "ADD_S16", "float32": "ADD_F32",
           "int32": "ADD_I32"}

_EDGE_ACTS = [ACT.NONE, ACT.RELU, ACT.RELU_N1_TO_1, ACT.RELU6]
_EDGE_SHAPES = [
    ([1, 4, 5, 3], [1, 4, 5, 3]), ([1, 4, 5, 3], [1, 1, 1, 3]), ([1, 1, 1, 3], [1, 4, 5, 3]),
    ([1, 4, 1, 3], [1, 1, 5, 1]), ([2, 3, 4, 2], [2, 1, 4, 1]), ([2, 1, 1, 1], [1, 3, 2, 4]),
    ([5, 3], [3]), ([7], [7]), ([6, 1], [1, 4]), ([3, 4, 5], [4, 1]), ([1], [2, 3, 3]),
    ([2, 3, 4, 5], [2, 3, 4, 5]), ([2, 3, 4, 5], [1, 1, 1, 1]),
]
# (a shape, b shape, activation, (scale a, scale b, scale out))
_EDGE_SCALES = [([1, 3, 3, 4], [1, 3, 3, 4], ACT.NONE, (0.001, 0.2, 0.05)),
                ([1, 3, 3, 4], [4], ACT.RELU, (0.3, 0.002, 0.6)),
                ([2, 8], [2, 8], ACT.NONE, (0.05, 0.05, 0.001)),
                ([2, 8], [1, 8], ACT.RELU6, (0.05, 0.05, 0.05))]


def _shapes(rng):
    rank = int(rng.integers(1, 5))
    top = {1: 65, 2: 17, 3: 9, 4: 7}[rank]
    out = [int(rng.integers(1, top)) for _ in range(rank)]
    if rng.random() < 0.3:
        return list(out), list(out)

    def operand():
        r = int(rng.integers(1, rank + 1))
        return [d if rng.random() < 0.6 else 1 for d in out[rank - r:]]

    return operand(), operand()


def _model(ttype, qa, qb, qo, a_val, b_val, act, const_b):
    """ADD of two operands; a constant operand 2 is baked into the model and
    is not a model input."""
    out_shape = list(np.broadcast_shapes(a_val.shape, b_val.shape))
    a_shape, b_shape = list(a_val.shape), list(b_val.shape)
    gr = Graph()
    ta = gr.tensor("a", a_shape, ttype, qa)
    tb = gr.const("b", b_val, ttype, qb) if const_b else gr.tensor("b", b_shape, ttype, qb)
    to = gr.tensor("output", out_shape, ttype, qo)
    o = schema.AddOptionsT()
    o.fusedActivationFunction = act
    gr.op(OP.ADD, [ta, tb], [to], OPT.AddOptions, o)
    inputs = [a_val] if const_b else [a_val, b_val]
    model = gr.finish([ta] if const_b else [ta, tb], [to])
    desc = common_desc(a=a_shape, b=b_shape, out=out_shape, const_b=const_b,
                       act=ACT_NAMES[act])
    return model, inputs, desc


def _int8(a, b, act, const_b, sa, sb, so, za, zb, zo):
    model, inputs, desc = _model(TT.INT8, quant(sa, za), quant(sb, zb), quant(so, zo), a, b,
                                 act, const_b)
    desc += " " + common_desc(sa=sa, za=za, sb=sb, zb=zb, so=so, zo=zo)
    return Case(model, inputs, desc)


def _int16(rng, sa_shape, sb_shape, act, const_b, scales=None):
    a, b = rand_data(rng, "int16", sa_shape), rand_data(rng, "int16", sb_shape)
    if scales is None:
        sa = rand_q(rng, "int16", True)[0]
        sb = sa * log_uniform(rng, -1.5, 1.5)
        so = max(sa, sb) * log_uniform(rng, -0.5, 1)
    else:
        sa, sb, so = scales
    o = schema.AddOptionsT()
    o.fusedActivationFunction = act
    return binary_case(OP.ADD, "int16", a, b, quant(sa, 0), quant(sb, 0), quant(so, 0),
                       OPT.AddOptions, o, const_b,
                       "%s sa=%.4g sb=%.4g so=%.4g" % (act_desc(act), sa, sb, so))


def draw(rng, dtype):
    if dtype == "int32":
        return spec_binary_i32.draw("ADD", OP.ADD, rng)
    if dtype == "int16":
        sa, sb = rand_bcast_shapes(rng)
        return _int16(rng, sa, sb, rand_act(rng), bool(rng.random() < 0.2))
    a_shape, b_shape = _shapes(rng)
    if dtype == "int8":
        sa = log_uniform(rng, -3, 0)
        sb = sa * log_uniform(rng, -1.5, 1.5)
        so = max(sa, sb) * log_uniform(rng, -0.5, 1)
        za, zb, zo = rand_zp(rng), rand_zp(rng), rand_zp(rng)
        act = rand_act(rng)
        a, b = rand_int8(rng, a_shape), rand_int8(rng, b_shape)
        return _int8(a, b, act, bool(rng.random() < 0.25), sa, sb, so, za, zb, zo)
    act = rand_act(rng)
    a, b = rand_float(rng, a_shape), rand_float(rng, b_shape)
    model, inputs, desc = _model(TT.FLOAT32, None, None, None, a, b, act,
                                 bool(rng.random() < 0.25))
    return Case(model, inputs, desc)


def _edge_int8(rng, s1, s2, act, scales=None):
    if scales is None:
        sa, sb = f32(rng.uniform(0.005, 0.1)), f32(rng.uniform(0.005, 0.1))
        so = f32((sa + sb) * rng.uniform(0.4, 2.0))
    else:
        sa, sb, so = (f32(s) for s in scales)
    za, zb, zo = (int(z) for z in rng.integers(-128, 128, size=3))
    a, b = rand_i8_uniform(rng, s1), rand_i8_uniform(rng, s2)
    return _int8(a, b, act, False, sa, sb, so, za, zb, zo)


def _edge_float(rng, s1, s2, act):
    scale = 10.0 if act == ACT.RELU6 else 4.0  # large enough to reach the clamps
    a, b = rand_float_uniform(rng, s1, scale), rand_float_uniform(rng, s2, scale)
    model, inputs, desc = _model(TT.FLOAT32, None, None, None, a, b, act, False)
    return Case(model, inputs, desc)


_EDGE16 = [([2, 3, 4], [2, 3, 4], None), ([1, 4, 4, 3], [3], None), ([5], [], None),
           ([], [2, 2, 2, 2, 2, 2], None), ([2, 1, 3, 1, 2, 1], [1, 4, 1, 3, 1, 2], None),
           ([3, 7], [7], (1e-4, 2e-3, 5e-4)), ([3, 7], [7], (3e-4, 3e-4, 1e-5))]


def edges(dtype):
    if dtype == "int32":
        return spec_binary_i32.edges("ADD", OP.ADD)
    if dtype == "int16":
        return [lambda rng, e=e, a=a: _int16(rng, e[0], e[1], a, False, e[2])
                for e, a in zip(_EDGE16, _EDGE_ACTS * 2)]
    out = []
    for i, (s1, s2) in enumerate(_EDGE_SHAPES):
        fn = _edge_int8 if dtype == "int8" else _edge_float
        out.append(lambda rng, s1=s1, s2=s2, a=_EDGE_ACTS[i % 4], fn=fn: fn(rng, s1, s2, a))
    if dtype == "int8":
        for s1, s2, act, scales in _EDGE_SCALES:
            out.append(lambda rng, s1=s1, s2=s2, a=act, sc=scales: _edge_int8(rng, s1, s2, a,
                                                                              sc))
    return out
