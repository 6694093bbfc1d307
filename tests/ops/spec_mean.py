"""MEAN test spec: random reductions (spec_reduce.py) over int8, int16 and
float32; the integer outputs from TFLite Micro's QuantizedMeanOrSum."""

from spec_reduce import draw_mean_sum, edges_mean_sum
from tflite_builder import OP

OPERATOR = "MEAN"
KERNELS = {"int8": "MEAN_S8", "int16": "MEAN_S16", "float32": "MEAN_F32"}


def draw(rng, dtype):
    return draw_mean_sum(OP.MEAN, rng, dtype, False)


def edges(dtype):
    return edges_mean_sum(OP.MEAN, dtype, False)
