"""RELU6 test spec: the RELU draws (spec_relu.py) on RELU6; quantized, the
output's quantization is the input's (as the converter writes it) and
sometimes differs (TFLite Micro then still clamps in the input's units)."""

import numpy as np

import spec_relu
from draws import Case, common_desc
from spec_ew import rand_data, rand_q, rand_shape, unary_model
from tflite_builder import OP, TT_OF_TYPE, quant

OPERATOR = "RELU6"
KERNELS = {"int8": "CLAMP_S8", "int16": "CLAMP_S16", "float32": "RELU6_F32"}


def _case(dtype, x, si=0.0, zi=0, so=None, zo=None):
    tt = TT_OF_TYPE[dtype]
    if dtype == "float32":
        return Case(unary_model(OP.RELU6, tt, tt, list(x.shape), None, None), [x],
                    common_desc(shape=list(x.shape)))
    so, zo = (si, zi) if so is None else (so, zo)
    model = unary_model(OP.RELU6, tt, tt, list(x.shape), quant(si, zi), quant(so, zo))
    return Case(model, [x], common_desc(shape=list(x.shape), si=si, zi=zi, so=so, zo=zo))


def draw(rng, dtype):
    x = rand_data(rng, dtype, rand_shape(rng), fscale=float(rng.choice([1.0, 4.0, 10.0])))
    if dtype == "float32":
        return _case(dtype, x)
    si, zi = rand_q(rng, dtype, False, lo=-3, hi=-0.5)
    if rng.random() < 0.1:
        so, zo = rand_q(rng, dtype, False)
        return _case(dtype, x, si, zi, so, zo)
    return _case(dtype, x, si, zi)


def edges(dtype):
    if dtype == "float32":
        x = np.array([-0.0, 0.0, -1e-30, 1e-30, -7.0, 7.0, 5.999, 6.0, 6.5, -3.5], np.float32)
        return [lambda rng: _case(dtype, x)]
    lo, hi = (-128, 127) if dtype == "int8" else (-32768, 32767)
    x = np.linspace(lo, hi, 64).astype(np.int8 if dtype == "int8" else np.int16)
    k = 1.0 if dtype == "int8" else 1.0 / 256
    pts = [(6.0 / 255 * k, lo), (0.1 * k, 0), (0.01 * k, hi), (1.0 * k, -5), (0.0235 * k, lo),
           (0.5 * k, 3)]
    return [lambda rng, p=p: _case(dtype, x, *p) for p in pts]


assert spec_relu  # the shared structure; RELU6 has its own draws
