"""QUANTIZE test spec.

float32 -> int8 / int16 (values spread over and beyond the output range,
exact halves), int8 -> int8 / int16 and int16 -> int8 / int16 requantize
with scale ratios from 1e-3 to 1e3 and any zero point, int32 -> int8 /
int16 (an accumulator-like input: scale ratios 1e-6 to 3, zero point 0 or
up to +-2^20, values spread over 1.5 times the output range). Rank 0-6.
Edge cases: same quantization (identity), a zero-point shift only, ratio
exactly 2 and 0.5, values at the int8/int16 extremes, rounding halves;
int32 extremes (INT32_MIN, INT32_MAX with zero point 0 and a ratio below 1:
the range where TFLite Micro's int32 arithmetic does not overflow).
"""

import numpy as np

from draws import Case, common_desc, log_uniform
from spec_ew import rand_data, rand_q, rand_shape, unary_model
from tflite_builder import OP, TT, TT_OF_TYPE, quant

OPERATOR = "QUANTIZE"
KERNELS = {"int8": "REQUANTIZE_S8", "int16": "REQUANTIZE_S16", "int32": "REQUANTIZE_S32",
           "float32": "QUANTIZE_F32"}


def _case(dtype, out, x, si, zi, so, zo):
    qi = None if dtype == "float32" else quant(si, zi)
    model = unary_model(OP.QUANTIZE, TT_OF_TYPE[dtype], TT_OF_TYPE[out], list(x.shape), qi,
                        quant(so, zo))
    return Case(model, [x], common_desc(shape=list(x.shape), out=out, si=si, zi=zi, so=so, zo=zo))


def draw(rng, dtype):
    shape = rand_shape(rng)
    out = str(rng.choice(["int8", "int16"]))
    so, zo = rand_q(rng, out)
    if dtype == "float32":
        qmax = 127 if out == "int8" else 32767
        # Values up to ~1.5 times the output range, centred on its middle.
        span = so * qmax * float(rng.uniform(0.1, 1.5))
        x = (rng.uniform(-1, 1, size=shape) * span - zo * so).astype(np.float32)
        if rng.random() < 0.3:  # exact halves of a step
            k = rng.integers(-qmax, qmax, size=shape)
            x = ((k + 0.5) * so).astype(np.float32)
        return _case(dtype, out, x, 0.0, 0, so, zo)
    if dtype == "int32":
        return _draw_i32(rng, out, shape, so, zo)
    si, zi = rand_q(rng, dtype)
    so = si * log_uniform(rng, -3, 3) if rng.random() < 0.8 else so
    return _case(dtype, out, rand_data(rng, dtype, shape), si, zi, so, zo)


def _draw_i32(rng, out, shape, so, zo):
    qmax = 127 if out == "int8" else 32767
    ratio = log_uniform(rng, -6, 0.5)  # input scale / output scale
    si = so * ratio
    zi = 0 if rng.random() < 0.6 else int(rng.integers(-(1 << 20), (1 << 20) + 1))
    span = qmax * float(rng.uniform(0.1, 1.5)) / ratio
    x = np.rint(rng.uniform(-1, 1, size=shape) * span) + zi
    x = np.clip(x, -(1 << 31), (1 << 31) - 1).astype(np.int64).astype(np.int32)
    return _case("int32", out, x, si, zi, so, zo)


def _edge_i32(out, ratio, zi):
    def make(rng):
        x = np.array([-(1 << 31), (1 << 31) - 1, 0, 1, -1, 12345, -12345, 1 << 24, -(1 << 24),
                      (1 << 30) + 3], dtype=np.int64)
        if zi != 0:
            x = np.clip(x // 256 + zi, -(1 << 31), (1 << 31) - 1)
        so = 0.05 if out == "int8" else 0.0004
        return _case("int32", out, x.astype(np.int32).reshape(2, 5), so * ratio, zi, so,
                     -7 if out == "int8" else 11)
    return make


def _edge(dtype, out, ratio, zshift, shape=(2, 3, 5)):
    def make(rng):
        if dtype == "float32":
            x = (np.arange(-40, 40, dtype=np.float32) * 0.25).reshape(2, 5, 8)
            return _case(dtype, out, x, 0.0, 0, 0.5, zshift)
        lo, hi = (-128, 127) if dtype == "int8" else (-32768, 32767)
        x = np.linspace(lo, hi, num=int(np.prod(shape))).astype(NP[dtype]).reshape(shape)
        x.flat[0], x.flat[-1] = lo, hi
        si = 0.02 if dtype == "int8" else 0.0005
        zi = 3 if dtype == "int8" else 0
        return _case(dtype, out, x, si, zi, si * ratio, zshift)
    return make


NP = {"int8": np.int8, "int16": np.int16}


def edges(dtype):
    outs = ["int8", "int16"]
    if dtype == "int32":
        return [_edge_i32(o, r, z) for o in outs for r, z in
                [(1e-9, 0), (1.0 / 3.0e6, 0), (0.7, 0), (1e-4, 1000), (0.999, -3)]]
    return [_edge(dtype, o, r, z) for o in outs for r, z in
            [(1.0, 3), (1.0, -5), (2.0, 0), (0.5, 1), (1.0 / 3.0, -100), (3.0, 7)]]
