"""TILE test spec (beyond TFLite Micro: against LiteRT): rank 1-4, each
dimension repeated 1-3 times (at most 6 loops: mote's limit), constant
int32 (sometimes int64) multiples. Edge cases: no repeat, a size-1
dimension repeated, rank 1."""

import numpy as np

from draws import Case, Invalid, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "TILE"
TYPES = ("int8", "int16", "float32", "int32", "int64", "bool")
ORACLES = {t: "litert" for t in TYPES}
KERNELS = {t: "STRIDED" for t in TYPES}


def _case(rng, dtype, shape, mult, int64=False):
    if sum((m > 1) + (d > 1) for d, m in zip(shape, mult)) > 6:
        raise Invalid()
    q = rand_quant(rng, dtype)
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    tm = gr.const("multiples", np.array(mult, dtype=np.int64 if int64 else np.int32),
                  TT.INT64 if int64 else TT.INT32)
    to = gr.tensor("output", [d * m for d, m in zip(shape, mult)], tt(dtype), q)
    gr.op(OP.TILE, [ti, tm], [to], OPT.TileOptions, schema.TileOptionsT())
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)],
                common_desc(shape=shape, multiples=mult, int64=int64))


def draw(rng, dtype):
    rank = int(rng.integers(1, 5))
    return _case(rng, dtype, rand_shape(rng, rank), [int(rng.integers(1, 4)) for _ in range(rank)],
                 rng.random() < 0.3)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [2, 3], [1, 1]),
            lambda rng: _case(rng, dtype, [1, 3], [4, 2]),
            lambda rng: _case(rng, dtype, [5], [3], True)]
