"""SPLIT_V test spec: input rank 1-4 split into 1-4 parts of random sizes
(a model has at most 4 outputs) along a random axis (negative too); the
sizes tensor sometimes holds a -1. Edge cases: one part, uneven channels."""

from spec_split import draw_shape, model

OPERATOR = "SPLIT_V"
KERNELS = {"int8": "SPLIT", "int16": "SPLIT", "float32": "SPLIT", "int32": "SPLIT"}


def draw(rng, dtype):
    shape, axis, n = draw_shape(rng, True)
    return model(rng, dtype, shape, axis, n, split_v=True)


def edges(dtype):
    return [lambda rng: model(rng, dtype, [2, 3], 1, 1, split_v=True),
            lambda rng: model(rng, dtype, [1, 4, 4, 9], -1, 3, split_v=True),
            lambda rng: model(rng, dtype, [7], 0, 4, split_v=True)]
