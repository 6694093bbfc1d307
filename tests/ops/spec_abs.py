"""ABS test spec: float32, rank 0-6, values of every magnitude; edge case
with signed zeros and infinities. int8 (any zero points) and int16 (zero
points 0): output scale equal to the input's (no rescale) 30% of the time,
else 0.3x-3x; edges over the whole range."""

import numpy as np

from draws import Case, common_desc, log_uniform
from spec_ew import rand_data, rand_q, rand_shape, unary_model
from tflite_builder import OP, TT, TT_OF_TYPE, quant

OPERATOR = "ABS"
KERNELS = {"int8": "ABS_S8", "int16": "ABS_S16", "float32": "ABS_F32"}
_OP = OP.ABS


def case(op, x):
    return Case(unary_model(op, TT.FLOAT32, TT.FLOAT32, list(x.shape), None, None), [x],
                common_desc(shape=list(x.shape)))


def _qcase(dtype, x, si, zi, so, zo):
    tt = TT_OF_TYPE[dtype]
    model = unary_model(_OP, tt, tt, list(x.shape), quant(si, zi), quant(so, zo))
    return Case(model, [x], common_desc(shape=list(x.shape), si=si, zi=zi, so=so, zo=zo))


def draw(rng, dtype):
    x = rand_data(rng, dtype, rand_shape(rng))
    if dtype == "float32":
        return case(_OP, x)
    si, zi = rand_q(rng, dtype, True)
    so = si if rng.random() < 0.3 else si * log_uniform(rng, -0.5, 0.5)
    zo = rand_q(rng, dtype, True)[1]
    return _qcase(dtype, x, si, zi, so, zo)


def edges(dtype):
    if dtype != "float32":
        lo, hi = (-128, 127) if dtype == "int8" else (-32768, 32767)
        x = np.linspace(lo, hi, 256).astype(np.int8 if dtype == "int8" else np.int16)
        m = 1.0 if dtype == "int8" else 1e-3
        pts = [(0.05, 0, 0.05, 0), (0.05, 0, 0.1, 0), (0.02, 0, 0.007, 0)]
        if dtype == "int8":
            pts += [(0.05, -128, 0.05, -128), (0.05, 127, 0.04, 127), (0.1, 20, 0.3, -100)]
        return [lambda rng, p=p: _qcase(dtype, x, p[0] * m, p[1], p[2] * m, p[3]) for p in pts]
    x = np.array([-0.0, 0.0, np.inf, -np.inf, 1e-38, -1e-38, 3.4e38, -3.4e38], np.float32)
    return [lambda rng: case(_OP, x)]
