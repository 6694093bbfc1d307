"""RSQRT test spec: the float32 draws of spec_unary_f32.py; int8 and int16
(zero points 0) with inputs at or above the input zero point (TFLite Micro
fails the invoke below it: mote's MOTE_E_PARAM there is
tests/ops/test_bad_index.py's), input scales 1e-4 to 1 (int16: 1e-6 to
1e-2), output scales drawn so the results spread over 0.3 to 2 times the
output range, some draws with many values at the zero point (1 / sqrt(0):
the type's largest value). Rank 0-6. Edge cases: every int8 value from the
zero point up, int16 0..32767 in steps, extreme zero points, a saturating
output scale."""

import numpy as np

import spec_unary_f32
from draws import Case, common_desc, log_uniform, rand_zp
from spec_ew import rand_shape, unary_model
from tflite_builder import OP, TT_OF_TYPE, quant

OPERATOR = "RSQRT"
KERNELS = {"int8": "RSQRT_S8", "int16": "RSQRT_S16", "float32": "RSQRT_F32"}
QMAX = {"int8": 127, "int16": 32767}
NP = {"int8": np.int8, "int16": np.int16}


def _case(dtype, x, si, zi, so, zo):
    model = unary_model(OP.RSQRT, TT_OF_TYPE[dtype], TT_OF_TYPE[dtype], list(x.shape),
                        quant(si, zi), quant(so, zo))
    return Case(model, [x], common_desc(shape=list(x.shape), si=si, zi=zi, so=so, zo=zo))


def _out_q(rng, dtype, si, zo, spread):
    # Largest result 1 / sqrt(si) (v = 1) lands near spread * (qmax - zo).
    return (1.0 / np.sqrt(si)) / (spread * max(QMAX[dtype] - zo, 8))


def draw(rng, dtype):
    if dtype == "float32":
        return spec_unary_f32.draw(OPERATOR, OP.RSQRT, rng)
    shape = rand_shape(rng)
    if dtype == "int8":
        si, zi, zo = log_uniform(rng, -4, 0), rand_zp(rng), rand_zp(rng)
    else:
        si, zi, zo = log_uniform(rng, -6, -2), 0, 0
    so = _out_q(rng, dtype, si, zo, float(rng.uniform(0.3, 2.0)))
    hi = QMAX[dtype]
    if rng.random() < 0.3:  # small values: the steep part, and zeros
        top = min(hi, zi + int(rng.integers(1, 40)))
    else:
        top = hi
    x = rng.integers(zi, top + 1, size=shape).astype(NP[dtype])
    return _case(dtype, x, si, zi, float(so), zo)


def _edge(dtype, si, zi, zo, spread):
    def make(rng):
        hi = QMAX[dtype]
        if dtype == "int8":
            x = np.arange(zi, hi + 1).astype(np.int8)
        else:
            x = np.concatenate([np.arange(0, 300), np.arange(300, hi + 1, 97),
                                [hi]]).astype(np.int16)
        return _case(dtype, x, si, zi, float(_out_q(rng, dtype, si, zo, spread)), zo)
    return make


def edges(dtype):
    if dtype == "float32":
        return spec_unary_f32.edges(OPERATOR, OP.RSQRT)
    if dtype == "int8":
        return [_edge(dtype, si, zi, zo, sp) for si, zi, zo, sp in
                [(0.01, 0, 0, 1.0), (0.5, -128, -128, 1.0), (1e-4, 127, 5, 1.0),
                 (0.02, -20, 127, 1.0), (0.003, 10, -100, 5.0), (0.9, 0, -128, 0.2)]]
    return [_edge(dtype, si, 0, 0, sp) for si, sp in
            [(1e-4, 1.0), (3e-6, 1.0), (0.01, 4.0), (1e-5, 0.25)]]
