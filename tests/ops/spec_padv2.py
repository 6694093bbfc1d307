"""PADV2 test spec: PAD's draws (spec_pad.py) with a pad value in input 2,
a constant mostly, sometimes a model input (read at run time). int8 values
share the output's quantization, as TFLite requires."""

from spec_datamove import rand_data, rand_quant, rand_shape
from spec_pad import model, rand_pads

OPERATOR = "PADV2"
KERNELS = {"int8": "PAD", "int16": "PAD", "float32": "PAD", "int32": "PAD"}


def _case(rng, dtype, shape, pads, const=None):
    value = rand_data(rng, dtype, [])
    if const is None:
        const = bool(rng.random() < 0.75)
    return model(rng, dtype, shape, pads, value=value, value_const=const,
                 qo=rand_quant(rng, dtype))


def draw(rng, dtype):
    rank = int(rng.integers(1, 6))
    return _case(rng, dtype, rand_shape(rng, rank), rand_pads(rng, rank))


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [1, 4, 4, 2], [[0, 0], [1, 2], [2, 1], [0, 0]], True),
            lambda rng: _case(rng, dtype, [5], [[2, 2]], False),
            lambda rng: _case(rng, dtype, [2, 2, 2, 2, 2], [[1, 1]] * 5, True)]
