"""SPACE_TO_DEPTH test spec: rank-4 input, block size 1-4 dividing height
and width. Edge cases: block 1 (a copy), the whole image one block."""

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, tt
from tflite_builder import OP, OPT, Graph, schema

OPERATOR = "SPACE_TO_DEPTH"
KERNELS = {"int8": "STRIDED", "float32": "STRIDED"}


def _case(rng, dtype, n, oh, ow, c, b):
    q = rand_quant(rng, dtype)
    shape, out_shape = [n, oh * b, ow * b, c], [n, oh, ow, c * b * b]
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    to = gr.tensor("output", out_shape, tt(dtype), q)
    o = schema.SpaceToDepthOptionsT()
    o.blockSize = b
    gr.op(OP.SPACE_TO_DEPTH, [ti], [to], OPT.SpaceToDepthOptions, o)
    desc = common_desc(shape=shape, block=b, out=out_shape)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], desc)


def draw(rng, dtype):
    return _case(rng, dtype, int(rng.integers(1, 3)), int(rng.integers(1, 5)),
                 int(rng.integers(1, 5)), int(rng.integers(1, 5)), int(rng.integers(1, 5)))


def edges(dtype):
    return [lambda rng: _case(rng, dtype, 1, 3, 3, 4, 1),
            lambda rng: _case(rng, dtype, 1, 1, 1, 3, 4),
            lambda rng: _case(rng, dtype, 2, 2, 3, 1, 2)]
