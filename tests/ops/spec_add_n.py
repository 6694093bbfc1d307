"""ADD_N test spec: 2-6 inputs (sometimes up to 15 for int8, mote's limit)
of one shape, rank 1-4, int8 inputs quantized alike with an output scale
near their sum's range; inputs
beyond the fourth are constants (a model has at most 4 inputs). Edge cases: two inputs, fifteen inputs, one element."""

from draws import Case, common_desc, log_uniform, rand_zp
from spec_datamove import rand_data, rand_shape, tt
from tflite_builder import OP, OPT, Graph, quant, schema

OPERATOR = "ADD_N"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "ADD_N", "float32": "ADD_N"}


def _case(rng, dtype, shape, n):
    qi = qo = None
    if dtype == "int8":
        s = log_uniform(rng, -3, 0)
        qi = quant(s, rand_zp(rng))
        qo = quant(s * n ** 0.5 * float(rng.uniform(0.3, 3.0)), rand_zp(rng))
    gr = Graph()
    # At most 4 model inputs (MOTE_MAX_IO): the others are constants.
    acts = [gr.tensor("x%d" % k, shape, tt(dtype), qi) for k in range(min(n, 4))]
    consts = [gr.const("c%d" % k, rand_data(rng, dtype, shape), tt(dtype), qi)
              for k in range(n - len(acts))]
    for t in consts:
        gr.tensors[t].shape = list(shape)
    to = gr.tensor("output", shape, tt(dtype), qo)
    gr.op(OP.ADD_N, acts + consts, [to], OPT.AddNOptions, schema.AddNOptionsT())
    return Case(gr.finish(acts, [to]), [rand_data(rng, dtype, shape) for _ in acts],
                common_desc(shape=shape, n=n))


def draw(rng, dtype):
    n = int(rng.integers(2, 7)) if rng.random() < 0.9 or dtype != "int8" else int(
        rng.integers(7, 16))
    return _case(rng, dtype, rand_shape(rng, int(rng.integers(1, 5))), n)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [3, 4], 2),
            lambda rng: _case(rng, dtype, [2, 5], 15),
            lambda rng: _case(rng, dtype, [1], 3)]
