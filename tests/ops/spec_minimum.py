"""MINIMUM test spec: the MAXIMUM draws (spec_maximum.py) on MINIMUM."""

import spec_maximum
from tflite_builder import OP

OPERATOR = "MINIMUM"
KERNELS = {"int8": "MINIMUM_S8", "int16": "MINIMUM_S16", "float32": "MINIMUM_F32",
           "int32": "MINIMUM_I32", "int64": "MINIMUM_I64"}


def draw(rng, dtype):
    sa, sb = spec_maximum.rand_bcast_shapes(rng)
    return spec_maximum.case(OP.MINIMUM, rng, dtype, sa, sb, bool(rng.random() < 0.2))


def edges(dtype):
    return spec_maximum.edge_list(OP.MINIMUM, dtype)
