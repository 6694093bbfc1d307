"""Shared draws of the element-wise operator specs (spec_quantize.py,
spec_multiply.py, ...): shapes of rank 0-6 with broadcasting, int8 / int16
quantization, random data of every type, and the one- and two-input models.
Not an operator spec itself (no OPERATOR).
"""

import numpy as np

from draws import Case, common_desc, log_uniform, rand_act, rand_zp
from tflite_builder import ACT_NAMES, NP_OF_TT, TT, TT_OF_TYPE, Graph, quant

NP_OF_TYPE = {"int8": np.int8, "int16": np.int16, "float32": np.float32}


def rand_shape(rng, max_rank=6):
    """Rank 0-max_rank, small dimensions, element count at most a few thousand."""
    r = rng.random()
    rank = 0 if r < 0.04 else int(rng.integers(1, max_rank + 1))
    top = {0: 1, 1: 65, 2: 17, 3: 9, 4: 7, 5: 5, 6: 4}[rank]
    return [int(rng.integers(1, top + 1)) for _ in range(rank)]


def rand_bcast_shapes(rng, max_rank=6):
    """Two operand shapes that broadcast: same shape (30%), or each a suffix
    of the output shape with some dimensions set to 1; either may be rank 0."""
    out = rand_shape(rng, max_rank)
    if rng.random() < 0.3:
        return list(out), list(out)

    def operand():
        r = int(rng.integers(0, len(out) + 1))
        return [d if rng.random() < 0.6 else 1 for d in out[len(out) - r:]]

    return operand(), operand()


def rand_data(rng, dtype, shape, fscale=None):
    if dtype == "int8":
        return rng.integers(-128, 128, size=shape).astype(np.int8)
    if dtype == "int16":
        if rng.random() < 0.3:  # a narrow band, to exercise fine rounding
            c = int(rng.integers(-30000, 30000))
            w = int(rng.integers(1, 600))
            return rng.integers(max(-32768, c - w), min(32767, c + w) + 1,
                                size=shape).astype(np.int16)
        return rng.integers(-32768, 32768, size=shape).astype(np.int16)
    if fscale is None:
        fscale = log_uniform(rng, -2, 1.5)
    return (rng.standard_normal(size=shape) * fscale).astype(np.float32)


def rand_q(rng, dtype, zp0=False, lo=-3, hi=0):
    """(scale, zero point) for an int8 / int16 tensor; int16 zero points are
    0 when zp0 (symmetric operators), else anywhere in int16."""
    if dtype == "int16":
        s = log_uniform(rng, lo - 2, hi - 2)
        z = 0 if zp0 else int(rng.choice([0, 0, int(rng.integers(-32768, 32768))]))
        return s, z
    return log_uniform(rng, lo, hi), rand_zp(rng)


def unary_model(op, in_tt, out_tt, shape, qi, qo, opt_type=0, opt=None, out_shape=None):
    gr = Graph()
    ti = gr.tensor("input", shape, in_tt, qi)
    to = gr.tensor("output", shape if out_shape is None else out_shape, out_tt, qo)
    gr.op(op, [ti], [to], opt_type, opt)
    return gr.finish([ti], [to])


def binary_case(op, dtype, a, b, qa, qb, qo, opt_type=0, opt=None, const_b=False, desc="",
                out_tt=None):
    """A two-input operator; a constant operand 2 is baked into the model."""
    tt = TT_OF_TYPE[dtype]
    out_shape = list(np.broadcast_shapes(a.shape, b.shape))
    gr = Graph()
    ta = gr.tensor("a", list(a.shape), tt, qa)
    tb = gr.const("b", b, tt, qb) if const_b else gr.tensor("b", list(b.shape), tt, qb)
    to = gr.tensor("output", out_shape, tt if out_tt is None else out_tt, qo)
    gr.op(op, [ta, tb], [to], opt_type, opt)
    model = gr.finish([ta] if const_b else [ta, tb], [to])
    d = common_desc(a=list(a.shape), b=list(b.shape), out=out_shape, const_b=const_b)
    return Case(model, [a] if const_b else [a, b], (d + " " + desc).strip())


def act_desc(act):
    return "act=" + ACT_NAMES[act]


__all__ = ["NP_OF_TT", "rand_act", "quant"]
