"""Draws shared by the data-movement specs (PAD, TRANSPOSE, slices, CONCATENATION,
SPLIT...): random shapes and tensors of any element type, quantization for
the quantized types. Not an operator spec itself (no OPERATOR)."""

import numpy as np

from draws import log_uniform, rand_zp
from tflite_builder import TT_OF_TYPE, quant

NP = {"int8": np.int8, "int16": np.int16, "float32": np.float32, "int32": np.int32,
      "int64": np.int64, "bool": np.bool_}


def tt(dtype):
    return TT_OF_TYPE[dtype]


def rand_data(rng, dtype, shape):
    """Values spread over the type's whole range (so byte order and sign
    bits show), floats of random magnitude."""
    shape = list(shape)
    if dtype == "float32":
        return (rng.standard_normal(size=shape) * log_uniform(rng, -2, 2)).astype(np.float32)
    if dtype == "bool":
        return rng.random(size=shape) < 0.5
    info = np.iinfo(NP[dtype])
    return rng.integers(info.min, info.max, size=shape, dtype=np.int64, endpoint=True) \
        .astype(NP[dtype])


def rand_quant(rng, dtype):
    """Per-tensor quantization for int8 (any zero point) and int16 (zero point
    0), None for the other types."""
    if dtype == "int8":
        return quant(log_uniform(rng, -3, 0), rand_zp(rng))
    if dtype == "int16":
        return quant(log_uniform(rng, -5, -2), 0)
    return None


def rand_shape(rng, rank, top=None):
    top = top or {0: 2, 1: 17, 2: 9, 3: 7, 4: 5, 5: 4, 6: 3}[rank]
    return [int(rng.integers(1, top + 1)) for _ in range(rank)]
