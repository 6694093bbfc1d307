"""ZEROS_LIKE test spec: an input of rank 1-5 (int8 with any zero point:
the output bytes are 0 as in TFLite Micro). Edge cases: one element."""

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, Graph, schema

OPERATOR = "ZEROS_LIKE"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "FILL", "float32": "FILL", "int32": "FILL", "int64": "FILL"}


def _case(rng, dtype, shape):
    q = rand_quant(rng, dtype)
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    to = gr.tensor("output", shape, tt(dtype), q)
    gr.op(OP.ZEROS_LIKE, [ti], [to], OPT.ZerosLikeOptions, schema.ZerosLikeOptionsT())
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], common_desc(shape=shape))


def draw(rng, dtype):
    return _case(rng, dtype, rand_shape(rng, int(rng.integers(1, 6))))


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [1])]
