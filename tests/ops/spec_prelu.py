"""PRELU test spec: input rank 1-4, alpha (constant, sometimes a model
input) of the input's trailing dimensions or broadcast (dimensions 1),
float32 alphas of either sign, int8 with independent input, alpha and
output quantization, int16 (TFLite Micro's 16x8: int16 input and output,
any zero points, an int8 alpha). Edge cases: per-channel alpha, a
scalar-like alpha, alpha of the input's shape, extreme int16 zero points."""

from draws import Case, common_desc, log_uniform, rand_zp
from spec_datamove import rand_data, rand_shape, tt
from tflite_builder import OP, Graph, quant

OPERATOR = "PRELU"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "PRELU", "int16": "PRELU", "float32": "PRELU"}


def _zp16(rng):
    r = rng.random()
    return 0 if r < 0.5 else int(rng.integers(-300, 301)) if r < 0.8 else int(
        rng.integers(-32768, 32768))


def _case(rng, dtype, shape, ashape, const=True, zps=None):
    qi = qa = qo = None
    atype = "int8" if dtype == "int16" else dtype
    if dtype == "int8":
        qi = quant(log_uniform(rng, -3, 0), rand_zp(rng))
        qa = quant(log_uniform(rng, -3, 0), rand_zp(rng))
        qo = quant(log_uniform(rng, -3, 0), rand_zp(rng))
    elif dtype == "int16":
        zi, zo = zps if zps else (_zp16(rng), _zp16(rng))
        qi = quant(log_uniform(rng, -5, -2), zi)
        qa = quant(log_uniform(rng, -3, 0), rand_zp(rng))
        qo = quant(log_uniform(rng, -5, -2), zo)
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), qi)
    alpha = rand_data(rng, atype, ashape)
    ta = gr.const("alpha", alpha, tt(atype), qa) if const else gr.tensor("alpha", ashape,
                                                                          tt(atype), qa)
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
    out = [lambda rng: _case(rng, dtype, [1, 4, 4, 3], [3]),
           lambda rng: _case(rng, dtype, [2, 5], [1]),
           lambda rng: _case(rng, dtype, [2, 3, 4], [2, 3, 4], const=False)]
    if dtype == "int16":
        out += [lambda rng, z=z: _case(rng, dtype, [4, 64], [64], zps=z)
                for z in [(0, 0), (-32768, 32767), (32767, -32768), (1000, 0)]]
    return out
