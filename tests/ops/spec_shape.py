"""SHAPE test spec: an input of any type, rank 0-6, int32 output (the
only one TFLite Micro writes). Edge cases: a scalar, rank 6."""

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, rand_shape, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "SHAPE"
ORACLES = {"float32": "tflm"}
KERNELS = {t: "FILL" for t in ("int8", "int16", "float32", "int32", "int64", "bool")}


def _case(rng, dtype, shape):
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), rand_quant(rng, dtype))
    to = gr.tensor("output", [len(shape)], TT.INT32)
    o = schema.ShapeOptionsT()
    o.outType = TT.INT32
    gr.op(OP.SHAPE, [ti], [to], OPT.ShapeOptions, o)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], common_desc(shape=shape))


def draw(rng, dtype):
    return _case(rng, dtype, rand_shape(rng, int(rng.integers(1, 6))))


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [1, 2, 1, 2, 1, 2]),
            lambda rng: _case(rng, dtype, [300, 2])]
