"""RESIZE_BILINEAR test spec: [n, h, w, c] inputs resized up and down (also
to 1 x 1 and from 1 x 1), align_corners / half_pixel_centers / neither;
int8 (same quantization in and out) and float32."""

import numpy as np

from draws import Case, common_desc, rand_float, rand_zp
from spec_reduce import rand_input
from tflite_builder import OP, OPT, TT, Graph, quant, schema

OPERATOR = "RESIZE_BILINEAR"
KERNELS = {"int8": "RESIZE_BILINEAR_S8", "float32": "RESIZE_BILINEAR_F32"}
TT_OF = {"int8": TT.INT8, "int16": TT.INT16, "float32": TT.FLOAT32}


def resize_case(op, dtype, rng, shape, oh, ow, mode):
    x = rand_float(rng, shape) if dtype == "float32" else rand_input(rng, dtype, shape)
    g = Graph()
    q = None if dtype == "float32" else quant(0.05, rand_zp(rng) if dtype == "int8" else 0)
    ti = g.tensor("input", list(shape), TT_OF[dtype], q)
    tsz = g.const("size", np.array([oh, ow], np.int32), TT.INT32)
    to = g.tensor("output", [shape[0], oh, ow, shape[3]], TT_OF[dtype], q)
    if op == OP.RESIZE_BILINEAR:
        o, ot = schema.ResizeBilinearOptionsT(), OPT.ResizeBilinearOptions
    else:
        o, ot = schema.ResizeNearestNeighborOptionsT(), OPT.ResizeNearestNeighborOptions
    o.alignCorners = mode == 1
    o.halfPixelCenters = mode == 2
    g.op(op, [ti, tsz], [to], ot, o)
    return Case(g.finish([ti], [to]), [x], common_desc(
        shape=list(shape), size=[oh, ow],
        mode=["plain", "align_corners", "half_pixel_centers"][mode]))


def draw_resize(op, rng, dtype):
    shape = [int(rng.integers(1, 3)), int(rng.integers(1, 9)), int(rng.integers(1, 9)),
             int(rng.integers(1, 6))]
    oh = int(rng.integers(1, 17))
    ow = oh if rng.random() < 0.3 else int(rng.integers(1, 17))
    return resize_case(op, dtype, rng, shape, oh, ow, int(rng.integers(0, 3)))


def edges_resize(op, dtype):
    pts = [([1, 2, 2, 1], 4, 4), ([1, 4, 4, 3], 2, 2), ([1, 1, 1, 2], 3, 5), ([1, 5, 7, 2], 1, 1),
           ([2, 3, 3, 4], 7, 9), ([1, 10, 10, 1], 10, 10)]
    return [lambda rng, p=p, m=m: resize_case(op, dtype, rng, p[0], p[1], p[2], m)
            for p in pts for m in range(3)]


def draw(rng, dtype):
    return draw_resize(OP.RESIZE_BILINEAR, rng, dtype)


def edges(dtype):
    return edges_resize(OP.RESIZE_BILINEAR, dtype)
