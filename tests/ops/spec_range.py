"""RANGE test spec (beyond TFLite Micro: against LiteRT): constant
scalar start, limit and delta, int32 or float32, delta of either sign,
1-64 values. Edge cases: one value, a negative delta, a fractional float
delta."""

import numpy as np

from draws import Case, Invalid, common_desc
from spec_datamove import tt
from tflite_builder import OP, OPT, Graph, schema

OPERATOR = "RANGE"
ORACLES = {"int32": "litert", "float32": "litert"}
KERNELS = {"int32": "RANGE", "float32": "RANGE"}


def _case(rng, dtype, start, limit, delta):
    np_t = np.float32 if dtype == "float32" else np.int32
    n = len(np.arange(np_t(start), np_t(limit), np_t(delta), dtype=np_t))
    if dtype == "float32":
        n = int(np.ceil(np.abs((np_t(limit) - np_t(start)) / np_t(delta))))
    if n < 1:
        raise Invalid()
    gr = Graph()
    ts = gr.const("start", np.array(start, dtype=np_t), tt(dtype))
    tl = gr.const("limit", np.array(limit, dtype=np_t), tt(dtype))
    td = gr.const("delta", np.array(delta, dtype=np_t), tt(dtype))
    for t in (ts, tl, td):
        gr.tensors[t].shape = []  # scalars (const() writes rank 1)
    to = gr.tensor("output", [n], tt(dtype))
    gr.op(OP.RANGE, [ts, tl, td], [to], OPT.RangeOptions, schema.RangeOptionsT())
    # A model needs an input (mote refuses a model without one): an unused one.
    tu = gr.tensor("unused", [1], tt(dtype))
    return Case(gr.finish([tu], [to]), [np.zeros([1], dtype=np_t)],
                common_desc(start=start, limit=limit, delta=delta))


def draw(rng, dtype):
    if dtype == "float32":
        start = float(np.float32(rng.uniform(-50, 50)))
        delta = float(np.float32(rng.uniform(0.05, 5))) * (1 if rng.random() < 0.7 else -1)
        limit = float(np.float32(start + delta * rng.uniform(0.5, 64)))
    else:
        start = int(rng.integers(-1000, 1000))
        delta = int(rng.integers(1, 20)) * (1 if rng.random() < 0.7 else -1)
        limit = start + delta * int(rng.integers(1, 64)) - int(np.sign(delta)) * int(
            rng.integers(0, abs(delta)))
    return _case(rng, dtype, start, limit, delta)


def edges(dtype):
    if dtype == "float32":
        return [lambda rng: _case(rng, dtype, 0.0, 1.0, 1.0),
                lambda rng: _case(rng, dtype, 3.0, -2.0, -0.5),
                lambda rng: _case(rng, dtype, 0.1, 1.0, 0.1)]
    return [lambda rng: _case(rng, dtype, 0, 1, 1),
            lambda rng: _case(rng, dtype, 10, -7, -3),
            lambda rng: _case(rng, dtype, -5, 20, 4)]
