"""DEPTHWISE_CONV_2D test spec: spec_conv_2d.py's draws with the depthwise
filter layout [1, kh, kw, in_c * depth_multiplier] and depth multipliers 1-3.
A missing bias is always left out (TFLM crashes on index -1 there)."""

import spec_conv_2d as conv

OPERATOR = "DEPTHWISE_CONV_2D"
KERNELS = {"int8": "DEPTHWISE_CONV_2D_S8", "int16": "DEPTHWISE_CONV_2D_S16",
           "float32": "DEPTHWISE_CONV_2D_F32"}
EXTRA_KERNELS = {"int8_w4": "DEPTHWISE_CONV_2D_S8_I4",
                 "float32_hybrid": "DEPTHWISE_CONV_2D_HYBRID"}


def draw(rng, dtype):
    if dtype == "float32_hybrid":
        import spec_hybrid
        return spec_hybrid.draw_conv(rng, True)
    if dtype == "int8_w4":
        return conv.draw_int8(rng, True, True)
    if dtype == "int16":
        return conv.draw_int16(rng, True)
    return conv.draw_int8(rng, True) if dtype == "int8" else conv.draw_float(rng, True)


def edges(dtype):
    if dtype == "float32_hybrid":
        import spec_hybrid
        return spec_hybrid.edges_conv(True)
    return conv.make_edges_int16(True) if dtype == "int16" else conv.make_edges(dtype, True)
