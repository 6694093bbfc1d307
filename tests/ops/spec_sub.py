"""SUB test spec.

Random draws: broadcasting shapes of rank 0-6, operand 2 sometimes a
constant, every fused activation; int8 scales a decade and a half apart with
any zero point, int16 symmetric (zero points 0).
Edge cases: fixed broadcast patterns, very different input scales, an
output scale far below the inputs'.
"""

import spec_binary_i32
from draws import log_uniform, rand_act
from spec_ew import act_desc, binary_case, rand_bcast_shapes, rand_data, rand_q
from tflite_builder import ACT, OP, OPT, quant, schema

OPERATOR = "SUB"
KERNELS = {"int8": "SUB_S8", "int16": "SUB_S16", "float32": "SUB_F32",
           "int32": "SUB_I32"}


def _opts(act):
    o = schema.SubOptionsT()
    o.fusedActivationFunction = act
    return o


def _case(rng, dtype, sa_shape, sb_shape, act, const_b, scales=None):
    a, b = rand_data(rng, dtype, sa_shape), rand_data(rng, dtype, sb_shape)
    if dtype == "float32":
        return binary_case(OP.SUB, dtype, a, b, None, None, None, OPT.SubOptions, _opts(act),
                           const_b, act_desc(act))
    if scales is None:
        sa, za = rand_q(rng, dtype, True)
        sb = sa * log_uniform(rng, -1.5, 1.5)
        zb = rand_q(rng, dtype, True)[1]
        so = max(sa, sb) * log_uniform(rng, -0.5, 1)
        zo = rand_q(rng, dtype, True)[1]
    else:
        (sa, za), (sb, zb), (so, zo) = scales
    desc = "%s sa=%.4g za=%d sb=%.4g zb=%d so=%.4g zo=%d" % (act_desc(act), sa, za, sb, zb, so, zo)
    return binary_case(OP.SUB, dtype, a, b, quant(sa, za), quant(sb, zb), quant(so, zo),
                       OPT.SubOptions, _opts(act), const_b, desc)


def draw(rng, dtype):
    if dtype == "int32":
        return spec_binary_i32.draw("SUB", OP.SUB, rng)
    sa, sb = rand_bcast_shapes(rng)
    return _case(rng, dtype, sa, sb, rand_act(rng), bool(rng.random() < 0.2))


_SHAPES = [([2, 3, 4], [2, 3, 4]), ([1, 4, 4, 3], [3]), ([5], []), ([], [2, 2, 2, 2, 2, 2]),
           ([2, 1, 3, 1, 2, 1], [1, 4, 1, 3, 1, 2]), ([6, 1], [1, 4])]


def edges(dtype):
    if dtype == "int32":
        return spec_binary_i32.edges("SUB", OP.SUB)
    acts = [ACT.NONE, ACT.RELU, ACT.RELU6, ACT.RELU_N1_TO_1, ACT.NONE, ACT.RELU]
    out = [lambda rng, s=s, a=a: _case(rng, dtype, s[0], s[1], a, False)
           for s, a in zip(_SHAPES, acts)]
    if dtype == "int8":
        for sc in [((0.001, 0), (0.2, 5), (0.05, -3)), ((0.3, 100), (0.002, -100), (0.6, 0)),
                   ((0.05, -128), (0.05, 127), (0.001, 0))]:
            out.append(lambda rng, sc=sc: _case(rng, dtype, [3, 7], [7], ACT.NONE, False, sc))
    if dtype == "int16":
        for sc in [((1e-4, 0), (2e-3, 0), (5e-4, 0)), ((3e-4, 0), (3e-4, 0), (1e-5, 0))]:
            out.append(lambda rng, sc=sc: _case(rng, dtype, [3, 7], [7], ACT.NONE, False, sc))
    return out
