"""Draws shared by the float32 unary maths specs (spec_floor.py ...
spec_elu.py): rank 0-6, values over each function's useful domain (positive
for SQRT / RSQRT / LOG), and a fixed edge vector per function. Expected
outputs from LiteRT's reference kernels (1e-5 relative). Not an operator
spec itself (no OPERATOR)."""

import numpy as np

from draws import Case, common_desc, log_uniform
from spec_ew import rand_shape, unary_model
from tflite_builder import TT, schema

# The options table the converter writes for each operator (None: none).
OPTIONS = {"SQUARE": ("SquareOptions", schema.SquareOptionsT),
           "EXP": ("ExpOptions", schema.ExpOptionsT),
           "COS": ("CosOptions", schema.CosOptionsT)}
POSITIVE = ("SQRT", "RSQRT", "LOG")


def case(name, op, x):
    from tflite_builder import OPT
    opt_type, opt = 0, None
    if name in OPTIONS:
        opt_type, opt = getattr(OPT, OPTIONS[name][0]), OPTIONS[name][1]()
    model = unary_model(op, TT.FLOAT32, TT.FLOAT32, list(x.shape), None, None, opt_type, opt)
    return Case(model, [x], common_desc(shape=list(x.shape)))


def draw(name, op, rng):
    shape = rand_shape(rng)
    scale = log_uniform(rng, -2, 1.5)
    if name in POSITIVE:
        x = (np.abs(rng.standard_normal(size=shape)) * scale + 1e-3).astype(np.float32)
    elif name == "EXP":
        x = (rng.standard_normal(size=shape) * min(scale, 8.0)).astype(np.float32)
    elif name in ("ROUND", "FLOOR", "CEIL") and rng.random() < 0.3:
        x = (rng.integers(-40, 40, size=shape) / 2.0).astype(np.float32)  # ties
    else:
        x = (rng.standard_normal(size=shape) * scale).astype(np.float32)
    return case(name, op, x)


_EDGES = {
    "ROUND": [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999997, 1e8, -3.7, 0.0],
    "FLOOR": [0.5, -0.5, -0.0, 1e8, -1e-8, 3.0, -3.0],
    "CEIL": [0.5, -0.5, -0.0, 1e8, -1e-8, 3.0, -3.0],
    "SQRT": [0.0, 1e-30, 1.0, 4.0, 1e30],
    "RSQRT": [1e-30, 1.0, 4.0, 1e30, 0.25],
    "LOG": [1e-30, 1.0, 2.718281828, 1e30],
    "EXP": [0.0, -80.0, 80.0, 1.0, -1.0],
    "ELU": [0.0, -0.0, -1e-8, -20.0, 3.0, -1.0],
}


def edges(name, op):
    v = _EDGES.get(name, [0.0, -0.0, 1.0, -1.0, 3.14159265, 100.0, -1e-8])
    x = np.array(v, np.float32)
    return [lambda rng: case(name, op, x)]
