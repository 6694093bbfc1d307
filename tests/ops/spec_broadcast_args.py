"""BROADCAST_ARGS test spec: two int32 or int64 shape vectors (1-5
values) that broadcast, fed as model inputs (sometimes constant). Edge
cases: equal shapes, a scalar-like [1], different lengths."""

import numpy as np

from draws import Case, common_desc
from spec_datamove import rand_shape, tt
from tflite_builder import OP, Graph

OPERATOR = "BROADCAST_ARGS"
KERNELS = {"int32": "BROADCAST_ARGS", "int64": "BROADCAST_ARGS"}


def _case(rng, dtype, a, b, const=False):
    np_t = np.int32 if dtype == "int32" else np.int64
    n = max(len(a), len(b))
    gr = Graph()
    if const:
        ta = gr.const("s1", np.array(a, dtype=np_t), tt(dtype))
        tb = gr.const("s2", np.array(b, dtype=np_t), tt(dtype))
    else:
        ta, tb = gr.tensor("s1", [len(a)], tt(dtype)), gr.tensor("s2", [len(b)], tt(dtype))
    to = gr.tensor("output", [n], tt(dtype))
    gr.op(OP.BROADCAST_ARGS, [ta, tb], [to])
    desc = common_desc(s1=a, s2=b, const=const)
    if const:  # an unused input: mote refuses a model without one
        tu = gr.tensor("unused", [1], tt(dtype))
        return Case(gr.finish([tu], [to]), [np.zeros([1], dtype=np_t)], desc)
    return Case(gr.finish([ta, tb], [to]), [np.array(a, dtype=np_t), np.array(b, dtype=np_t)],
                desc)


def draw(rng, dtype):
    out = rand_shape(rng, int(rng.integers(1, 6)))
    out = [int(d) * int(rng.choice([1, 1, 1000])) for d in out]
    a = [d if rng.random() < 0.6 else 1 for d in out[len(out) - int(rng.integers(1, len(out) + 1)):]]
    b = [d if rng.random() < 0.6 else 1 for d in out[len(out) - int(rng.integers(1, len(out) + 1)):]]
    return _case(rng, dtype, a, b)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [2, 3], [2, 3]),
            lambda rng: _case(rng, dtype, [1], [4, 5, 6]),
            lambda rng: _case(rng, dtype, [7, 1, 3], [5, 1], const=True)]
