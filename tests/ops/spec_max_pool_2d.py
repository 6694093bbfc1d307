"""MAX_POOL_2D test spec: spec_average_pool_2d.py's draws and edge cases."""

import spec_average_pool_2d as pool
from tflite_builder import OP

OPERATOR = "MAX_POOL_2D"
KERNELS = {"int8": "MAX_POOL_2D_S8", "int16": "MAX_POOL_2D_S16", "float32": "MAX_POOL_2D_F32"}


def draw(rng, dtype):
    return pool.draw_pool(rng, dtype, OP.MAX_POOL_2D)


def edges(dtype):
    return pool.pool_edges(dtype, OP.MAX_POOL_2D)
