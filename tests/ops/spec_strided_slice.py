"""STRIDED_SLICE test spec: input rank 1-4 (TFLite Micro's limit), begin /
end anywhere in [-dim-2, dim+2] (negative indices, clamping), strides
+-1..3, random begin / end masks, some axes shrunk (with a positive stride
and an in-range begin, where TFLite Micro writes the element). The output
shape is what TFLite's rules give; draws giving an empty output are redrawn.
Edge cases: full reversal, every other element, shrink to a scalar row."""

import math

import numpy as np

from draws import Case, Invalid, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema


OPERATOR = "STRIDED_SLICE"
KERNELS = {"int8": "STRIDED", "int16": "STRIDED", "float32": "STRIDED", "int32": "STRIDED",
           "bool": "STRIDED"}


def _clamp(v, lo, hi):
    return max(lo, min(hi, v))


def out_shape(shape, b, e, s, bm, em, sm):
    out = []
    for k, d in enumerate(shape):
        start = b[k] + d if b[k] < 0 else b[k]
        start = _clamp(start, 0, d) if s[k] > 0 else _clamp(start, -1, d - 1)
        if bm >> k & 1:
            start = 0 if s[k] > 0 else d - 1
        if sm >> k & 1:
            continue
        end = e[k] + d if e[k] < 0 else e[k]
        end = _clamp(end, 0, d) if s[k] > 0 else _clamp(end, -1, d - 1)
        if em >> k & 1:
            end = d if s[k] > 0 else -1
        out.append(max(0, math.ceil((end - start) / s[k])))
    return out


def _case(rng, dtype, shape, b, e, s, bm=0, em=0, sm=0):
    q = rand_quant(rng, dtype)
    oshape = out_shape(shape, b, e, s, bm, em, sm)
    if 0 in oshape:
        raise Invalid()
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    tb = gr.const("begin", np.array(b, dtype=np.int32), TT.INT32)
    te = gr.const("end", np.array(e, dtype=np.int32), TT.INT32)
    ts = gr.const("strides", np.array(s, dtype=np.int32), TT.INT32)
    to = gr.tensor("output", oshape, tt(dtype), q)
    o = schema.StridedSliceOptionsT()
    o.beginMask, o.endMask, o.shrinkAxisMask = bm, em, sm
    gr.op(OP.STRIDED_SLICE, [ti, tb, te, ts], [to], OPT.StridedSliceOptions, o)
    desc = common_desc(shape=shape, begin=b, end=e, strides=s, bm=bm, em=em, sm=sm, out=oshape)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], desc)


def draw(rng, dtype):
    rank = int(rng.integers(1, 5))
    shape = rand_shape(rng, rank, {1: 12, 2: 8, 3: 6, 4: 5}[rank])
    b = [int(rng.integers(-d - 2, d + 3)) for d in shape]
    e = [int(rng.integers(-d - 2, d + 3)) for d in shape]
    s = [int(rng.choice([1, 1, 1, 2, 3, -1, -2])) for _ in shape]
    bm = int(rng.integers(0, 1 << rank)) if rng.random() < 0.4 else 0
    em = int(rng.integers(0, 1 << rank)) if rng.random() < 0.4 else 0
    sm = 0
    if rng.random() < 0.3:
        k = int(rng.integers(0, rank))
        s[k] = 1
        b[k] = int(rng.integers(-shape[k], shape[k]))
        bm &= ~(1 << k) if rng.random() < 0.7 else bm
        sm = 1 << k
    return _case(rng, dtype, shape, b, e, s, bm, em, sm)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [2, 3, 4], [0, 0, 0], [0, 0, 0], [-1, -1, -1], 7, 7),
            lambda rng: _case(rng, dtype, [10], [0], [10], [2]),
            lambda rng: _case(rng, dtype, [3, 4], [1, 0], [2, 4], [1, 1], 0, 0, 1),
            lambda rng: _case(rng, dtype, [1, 6, 6, 2], [0, 1, 1, 0], [1, -1, -1, 2],
                              [1, 2, 2, 1])]
