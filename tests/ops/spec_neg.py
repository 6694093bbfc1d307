"""NEG test spec: the ABS draws (spec_abs.py) on NEG, float32."""

import numpy as np

import spec_abs
from spec_ew import rand_data, rand_shape
from tflite_builder import OP

OPERATOR = "NEG"
KERNELS = {"float32": "NEG_F32"}


def draw(rng, dtype):
    return spec_abs.case(OP.NEG, rand_data(rng, dtype, rand_shape(rng)))


def edges(dtype):
    x = np.array([-0.0, 0.0, np.inf, -np.inf, 1e-38, -1e-38, 3.4e38, -3.4e38], np.float32)
    return [lambda rng: spec_abs.case(OP.NEG, x)]
