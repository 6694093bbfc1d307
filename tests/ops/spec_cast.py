"""CAST test spec: from each type ops.def gives (int8, int16, float32,
int32, bool, uint32) to a random one of float32, int8, int16, int32, uint32 and
bool, rank 1-4. Integers take the whole range (wrapping when narrowed);
floats stay inside the target's range (C++ leaves the rest undefined).
Edge cases: each target once."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_data, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "CAST"
ORACLES = {"float32": "tflm"}
KERNELS = {t: "CAST" for t in ("int8", "int16", "float32", "int32", "bool", "uint32")}
TARGETS = ["float32", "int8", "int16", "int32", "uint32", "bool"]


def _tt(t):
    return TT.UINT32 if t == "uint32" else tt(t)


def _data(rng, dtype, to, shape):
    if dtype == "uint32":
        return rng.integers(0, 2**32, size=shape, dtype=np.uint64).astype(np.uint32)
    if dtype != "float32":
        return rand_data(rng, dtype, shape)
    lim = {"int8": 127, "int16": 32767, "int32": 2.0e9, "uint32": 4.0e9}.get(to, 1e6)
    lo = 0 if to == "uint32" else -lim
    x = rng.uniform(lo, lim, size=shape) / (10.0 ** int(rng.integers(0, 4)))
    x[rng.random(size=shape) < 0.1] = 0.0
    return x.astype(np.float32)


def _case(rng, dtype, to, shape):
    gr = Graph()
    ti = gr.tensor("input", shape, _tt(dtype))
    to_t = gr.tensor("output", shape, _tt(to))
    o = schema.CastOptionsT()
    o.inDataType, o.outDataType = _tt(dtype), _tt(to)
    gr.op(OP.CAST, [ti], [to_t], OPT.CastOptions, o)
    return Case(gr.finish([ti], [to_t]), [_data(rng, dtype, to, shape)],
                common_desc(shape=shape, to=to))


def draw(rng, dtype):
    to = TARGETS[int(rng.integers(0, len(TARGETS)))]
    return _case(rng, dtype, to, rand_shape(rng, int(rng.integers(1, 5))))


def edges(dtype):
    return [lambda rng, t=t: _case(rng, dtype, t, [3, 5]) for t in TARGETS]


