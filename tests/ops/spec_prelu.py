"""PRELU test spec: input rank 1-4, alpha (constant, sometimes a model
input) of the input's trailing dimensions or broadcast (dimensions 1),
float32 alphas of either sign, int8 with independent input, alpha and
output quantization. Edge cases: per-channel alpha, a scalar-like alpha,
alpha of the input's shape."""

from draws import Case, common_desc, log_uniform, rand_zp
from spec_datamove import rand_data, rand_shape, tt
from tflite_builder import OP, Graph, quant

OPERATOR = "PRELU"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "PRELU", "float32": "PRELU"}


def _case(rng, dtype, shape, ashape, const=True):
    qi = qa = qo = None
    if dtype == "int8":
        qi = quant(log_uniform(rng, -3, 0), rand_zp(rng))
        qa = quant(log_uniform(rng, -3, 0), rand_zp(rng))
        qo = quant(log_uniform(rng, -3, 0), rand_zp(rng))
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), qi)
    alpha = rand_data(rng, dtype, ashape)
    ta = gr.const("alpha", alpha, tt(dtype), qa) if const else gr.tensor("alpha", ashape,
                                                                          tt(dtype), qa)
    gr.tensors[ta].shape = list(ashape)
    to = gr.tensor("output", shape, tt(dtype), qo)
    gr.op(OP.PRELU, [ti, ta], [to])
    desc = common_desc(shape=shape, alpha=ashape, const=const)
    if const:
        return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], desc)
    return Case(gr.finish([ti, ta], [to]), [rand_data(rng, dtype, shape), alpha], desc)


def draw(rng, dtype):
    shape = rand_shape(rng, int(rng.integers(1, 5)))
    r = int(rng.integers(1, len(shape) + 1))
    ashape = [d if rng.random() < 0.6 else 1 for d in shape[len(shape) - r:]]
    return _case(rng, dtype, shape, ashape, rng.random() < 0.8)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [1, 4, 4, 3], [3]),
            lambda rng: _case(rng, dtype, [2, 5], [1]),
            lambda rng: _case(rng, dtype, [2, 3, 4], [2, 3, 4], const=False)]
