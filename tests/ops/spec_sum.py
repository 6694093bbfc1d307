"""SUM test spec: random reductions (spec_reduce.py) over int8, int16 and
float32; the integer outputs from TFLite Micro's QuantizedMeanOrSum."""

from spec_reduce import draw_mean_sum, edges_mean_sum
from tflite_builder import OP

OPERATOR = "SUM"
KERNELS = {"int8": "SUM_S8", "int16": "SUM_S16", "float32": "SUM_F32"}


def draw(rng, dtype):
    return draw_mean_sum(OP.SUM, rng, dtype, True)


def edges(dtype):
    return edges_mean_sum(OP.SUM, dtype, True)
