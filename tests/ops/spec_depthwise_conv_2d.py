"""DEPTHWISE_CONV_2D test spec: spec_conv_2d.py's draws with the depthwise
filter layout [1, kh, kw, in_c * depth_multiplier] and depth multipliers 1-3.
A missing bias is always left out (TFLM crashes on index -1 there)."""

import spec_conv_2d as conv

OPERATOR = "DEPTHWISE_CONV_2D"
KERNELS = {"int8": "DEPTHWISE_CONV_2D_S8", "float32": "DEPTHWISE_CONV_2D_F32"}


def draw(rng, dtype):
    return conv.draw_int8(rng, True) if dtype == "int8" else conv.draw_float(rng, True)


def edges(dtype):
    return conv.make_edges(dtype, True)
