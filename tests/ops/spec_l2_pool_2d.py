"""L2_POOL_2D test spec (float32 only, as TFLite Micro): windows 1-5,
strides 1-3, SAME and VALID, fused activations."""

import numpy as np

from draws import Case, Invalid, common_desc, conv_out_size, rand_act, rand_float
from tflite_builder import ACT, OP, OPT, PAD, TT, Graph, schema

OPERATOR = "L2_POOL_2D"
KERNELS = {"float32": "L2_POOL_2D_F32"}


def pool_case(x, fh, fw, sh, sw, pad, act):
    oh = conv_out_size(x.shape[1], fh, sh, 1, pad)
    ow = conv_out_size(x.shape[2], fw, sw, 1, pad)
    if oh < 1 or ow < 1:
        raise Invalid()
    g = Graph()
    ti = g.tensor("input", list(x.shape), TT.FLOAT32)
    to = g.tensor("output", [x.shape[0], oh, ow, x.shape[3]], TT.FLOAT32)
    o = schema.Pool2DOptionsT()
    o.padding, o.strideW, o.strideH, o.filterWidth, o.filterHeight = pad, sw, sh, fw, fh
    o.fusedActivationFunction = act
    g.op(OP.L2_POOL_2D, [ti], [to], OPT.Pool2DOptions, o)
    return Case(g.finish([ti], [to]), [x], common_desc(
        shape=list(x.shape), filter=[fh, fw], stride=[sh, sw],
        pad="SAME" if pad == PAD.SAME else "VALID", act=int(act)))


def draw(rng, dtype):
    shape = [int(rng.integers(1, 3)), int(rng.integers(1, 12)), int(rng.integers(1, 12)),
             int(rng.integers(1, 6))]
    fh, fw = int(rng.integers(1, 6)), int(rng.integers(1, 6))
    sh, sw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    pad = PAD.SAME if rng.random() < 0.5 else PAD.VALID
    return pool_case(rand_float(rng, shape), fh, fw, sh, sw, pad, rand_act(rng))


def edges(dtype):
    return [lambda rng: pool_case(rand_float(rng, [1, 4, 4, 2]), 2, 2, 2, 2, PAD.VALID, ACT.NONE),
            lambda rng: pool_case(rand_float(rng, [1, 5, 5, 3]), 3, 3, 2, 2, PAD.SAME, ACT.RELU6),
            lambda rng: pool_case(np.zeros((1, 3, 3, 1), np.float32), 2, 2, 1, 1, PAD.SAME,
                                  ACT.NONE),
            lambda rng: pool_case(rand_float(rng, [1, 1, 1, 4]), 1, 1, 1, 1, PAD.VALID,
                                  ACT.RELU_N1_TO_1)]
