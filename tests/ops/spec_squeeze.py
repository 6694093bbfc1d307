"""SQUEEZE test spec: input rank 1-6 with several size-1 dimensions, some
or all of them removed, listed in squeeze_dims (negative too) or not (all
removed). mote runs it in place (kernel COPY)."""

from draws import Case, common_desc
from spec_datamove import rand_data, rand_quant, tt
from tflite_builder import OP, OPT, Graph, schema

OPERATOR = "SQUEEZE"
KERNELS = {"int8": "COPY", "int16": "COPY", "float32": "COPY", "int32": "COPY",
           "int64": "COPY", "bool": "COPY"}


def _case(rng, dtype, shape, dims):
    """dims: the squeezed axes, or None for every size-1 axis."""
    q = rand_quant(rng, dtype)
    rank = len(shape)
    drop = [d % rank for d in dims] if dims is not None else [i for i in range(rank)
                                                               if shape[i] == 1]
    out_shape = [d for i, d in enumerate(shape) if i not in drop]
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    to = gr.tensor("output", out_shape, tt(dtype), q)
    o = schema.SqueezeOptionsT()
    if dims is not None:
        o.squeezeDims = list(dims)
    gr.op(OP.SQUEEZE, [ti], [to], OPT.SqueezeOptions, o)
    desc = common_desc(shape=shape, dims=dims, out=out_shape)
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)], desc)


def draw(rng, dtype):
    rank = int(rng.integers(1, 7))
    shape = [1 if rng.random() < 0.5 else int(rng.integers(2, 5)) for _ in range(rank)]
    ones = [i for i in range(rank) if shape[i] == 1]
    if not ones or rng.random() < 0.25:
        return _case(rng, dtype, shape, None)
    pick = [i for i in ones if rng.random() < 0.7] or ones[:1]
    dims = [i - rank if rng.random() < 0.4 else i for i in pick]
    return _case(rng, dtype, shape, dims)


def edges(dtype):
    return [lambda rng: _case(rng, dtype, [1, 1, 1, 10], None),
            lambda rng: _case(rng, dtype, [1, 1, 1, 10], [1, 2]),
            lambda rng: _case(rng, dtype, [3, 1], [-1]),
            lambda rng: _case(rng, dtype, [1], None)]
