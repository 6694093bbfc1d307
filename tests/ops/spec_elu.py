"""ELU test spec: the float32 draws of spec_unary_f32.py; int8 with any
per-tensor scales and zero points (input scales 1e-3 to 1, output scale
the input's times 0.1 to 10, so the negative branch spans -1 over few or
many output steps and large inputs saturate). Rank 0-6. Edge cases: every
int8 value (the whole table) at assorted scales and extreme zero points."""

import numpy as np

import spec_unary_f32
from draws import Case, common_desc, log_uniform, rand_zp
from spec_ew import rand_data, rand_shape, unary_model
from tflite_builder import OP, TT, quant

OPERATOR = "ELU"
KERNELS = {"int8": "ELU_S8", "float32": "ELU_F32"}
ORACLES = {"float32": "tflm"}  # LiteRT's reference resolver has no ELU


def _case(x, si, zi, so, zo):
    model = unary_model(OP.ELU, TT.INT8, TT.INT8, list(x.shape), quant(si, zi), quant(so, zo))
    return Case(model, [x], common_desc(shape=list(x.shape), si=si, zi=zi, so=so, zo=zo))


def draw(rng, dtype):
    if dtype == "float32":
        return spec_unary_f32.draw(OPERATOR, OP.ELU, rng)
    shape = rand_shape(rng)
    si = log_uniform(rng, -3, 0)
    so = si * log_uniform(rng, -1, 1)
    return _case(rand_data(rng, "int8", shape), si, rand_zp(rng), so, rand_zp(rng))


def _edge(si, zi, so, zo):
    def make(rng):
        return _case(np.arange(-128, 128).astype(np.int8).reshape(16, 16), si, zi, so, zo)
    return make


def edges(dtype):
    if dtype == "float32":
        return spec_unary_f32.edges(OPERATOR, OP.ELU)
    return [_edge(si, zi, so, zo) for si, zi, so, zo in
            [(0.05, 0, 0.05, 0), (0.1, 127, 1.0 / 128, 127), (0.02, -128, 0.02, -128),
             (1.0, 0, 1.0 / 100, 100), (0.003, 5, 0.03, -7), (0.5, -30, 2.0, 60)]]
