"""SELECT_V2 test spec: a BOOL condition, x and y (quantized alike),
output rank 1-5 (TFLite Micro's limit), each of the three broadcast
independently (dimensions kept or 1, lower rank too). Edge cases: no
broadcasting, a scalar-like condition, x and y broadcast both ways."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "SELECT_V2"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "SELECT", "int16": "SELECT", "float32": "SELECT"}


def _sub(rng, out):
    r = int(rng.integers(1, len(out) + 1))
    return [d if rng.random() < 0.6 else 1 for d in out[len(out) - r:]]


def _case(rng, dtype, out, sc, sx, sy):
    q = rand_quant(rng, dtype)
    gr = Graph()
    tc = gr.tensor("cond", sc, TT.BOOL)
    tx = gr.tensor("x", sx, tt(dtype), q)
    ty = gr.tensor("y", sy, tt(dtype), q)
    to = gr.tensor("output", out, tt(dtype), q)
    gr.op(OP.SELECT_V2, [tc, tx, ty], [to], OPT.SelectV2Options, schema.SelectV2OptionsT())
    ins = [rand_data(rng, "bool", sc), rand_data(rng, dtype, sx), rand_data(rng, dtype, sy)]
    return Case(gr.finish([tc, tx, ty], [to]), ins, common_desc(out=out, c=sc, x=sx, y=sy))


def draw(rng, dtype):
    full = rand_shape(rng, int(rng.integers(1, 5)))
    sc, sx, sy = _sub(rng, full), _sub(rng, full), _sub(rng, full)
    return _case(rng, dtype, [int(d) for d in np.broadcast_shapes(sc, sx, sy)], sc, sx, sy)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [2, 3], [2, 3], [2, 3], [2, 3]),
            lambda rng: _case(rng, dtype, [3, 4], [1], [3, 4], [3, 4]),
            lambda rng: _case(rng, dtype, [3, 4], [3, 1], [1, 4], [3, 1])]
