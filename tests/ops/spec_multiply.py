"""MUL test spec (src/ops/multiply.c).

Random draws: broadcasting shapes of rank 0-6, operand 2 sometimes a
constant, every fused activation; int8 scales 1e-3..1 with any zero point,
int16 symmetric (zero points 0), output scales so the product lands from
well inside to far outside the output range.
Edge cases: same shapes, scalar operands, per-channel vectors, a product
multiplier above one (positive shift), tiny output multipliers.
"""

import spec_binary_i32
from draws import log_uniform, rand_act
from spec_ew import act_desc, binary_case, rand_bcast_shapes, rand_data, rand_q
from tflite_builder import ACT, OP, OPT, quant, schema

OPERATOR = "MUL"
KERNELS = {"int8": "MUL_S8", "int16": "MUL_S16", "float32": "MUL_F32",
           "int32": "MUL_I32"}


def _opts(act):
    o = schema.MulOptionsT()
    o.fusedActivationFunction = act
    return o


def _case(rng, dtype, sa_shape, sb_shape, act, const_b, scales=None):
    a, b = rand_data(rng, dtype, sa_shape), rand_data(rng, dtype, sb_shape)
    if dtype == "float32":
        return binary_case(OP.MUL, dtype, a, b, None, None, None, OPT.MulOptions, _opts(act),
                           const_b, act_desc(act))
    if scales is None:
        (sa, za), (sb, zb) = rand_q(rng, dtype, True), rand_q(rng, dtype, True)
        qmax = 127.0 if dtype == "int8" else 32767.0
        so = sa * sb * qmax * log_uniform(rng, -0.5, 2.5)
        zo = rand_q(rng, dtype, True)[1]
    else:
        (sa, za), (sb, zb), (so, zo) = scales
    desc = "%s sa=%.4g za=%d sb=%.4g zb=%d so=%.4g zo=%d" % (act_desc(act), sa, za, sb, zb, so, zo)
    return binary_case(OP.MUL, dtype, a, b, quant(sa, za), quant(sb, zb), quant(so, zo),
                       OPT.MulOptions, _opts(act), const_b, desc)


def draw(rng, dtype):
    if dtype == "int32":
        return spec_binary_i32.draw("MUL", OP.MUL, rng)
    sa, sb = rand_bcast_shapes(rng)
    return _case(rng, dtype, sa, sb, rand_act(rng), bool(rng.random() < 0.2))


_SHAPES = [([2, 3, 4], [2, 3, 4]), ([1, 4, 4, 3], [3]), ([5], []), ([], [2, 2, 2, 2, 2, 2]),
           ([2, 1, 3, 1, 2, 1], [1, 4, 1, 3, 1, 2])]


def edges(dtype):
    if dtype == "int32":
        return spec_binary_i32.edges("MUL", OP.MUL)
    out = [lambda rng, s=s, a=a: _case(rng, dtype, s[0], s[1], a, False)
           for s, a in zip(_SHAPES, [ACT.NONE, ACT.RELU, ACT.RELU6, ACT.RELU_N1_TO_1, ACT.NONE])]
    if dtype == "int8":
        for sc in [((0.5, 0), (0.5, 0), (0.01, 0)), ((1e-3, 10), (1e-3, -10), (0.9, 5)),
                   ((0.02, -128), (0.05, 127), (0.002, -128))]:
            out.append(lambda rng, sc=sc: _case(rng, dtype, [3, 7], [7], ACT.NONE, False, sc))
    if dtype == "int16":
        for sc in [((1e-3, 0), (1e-3, 0), (1e-7, 0)), ((1e-4, 0), (3e-4, 0), (0.3, 0))]:
            out.append(lambda rng, sc=sc: _case(rng, dtype, [3, 7], [7], ACT.NONE, False, sc))
    return out
