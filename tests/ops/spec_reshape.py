"""RESHAPE test spec: input rank 1-4, output rank 1-5 with the same element
count, the new shape in the options, in a constant shape tensor, or both,
sometimes with one -1 dimension; every type TFLite Micro moves (int8,
int16, float32, int32, int64, bool). mote runs it in place (kernel COPY)."""

import numpy as np

from draws import Case, common_desc, log_uniform, rand_float, rand_int8, rand_zp
from spec_datamove import rand_data
from tflite_builder import OP, OPT, TT, TT_OF_TYPE, Graph, quant, schema

OPERATOR = "RESHAPE"
KERNELS = {t: "COPY" for t in ("int8", "int16", "float32", "int32", "int64", "bool")}


def _factorize(rng, numel, rank):
    """A random shape of the given rank whose element count is numel."""
    dims = [1] * rank
    n = numel
    p = 2
    primes = []
    while p * p <= n:
        while n % p == 0:
            primes.append(p)
            n //= p
        p += 1
    if n > 1:
        primes.append(n)
    for f in primes:
        dims[int(rng.integers(0, rank))] *= f
    return dims


def draw(rng, dtype):
    ttype = TT_OF_TYPE[dtype]
    in_rank = int(rng.integers(1, 5))
    in_shape = [int(rng.integers(1, 7)) for _ in range(in_rank)]
    numel = int(np.prod(in_shape))
    out_rank = int(rng.choice([1, 2, 3, 4, 4, 5]))
    out_shape = _factorize(rng, numel, out_rank)
    spec = list(out_shape)
    if rng.random() < 0.3:
        spec[int(rng.integers(0, out_rank))] = -1
    mode = str(rng.choice(["options", "tensor", "both"]))
    q = quant(log_uniform(rng, -3, 0), rand_zp(rng)) if ttype == TT.INT8 else (
        quant(log_uniform(rng, -5, -2), 0) if ttype == TT.INT16 else None)

    gr = Graph()
    ti = gr.tensor("input", in_shape, ttype, q)
    ins = [ti]
    if mode in ("tensor", "both"):
        ins.append(gr.const("shape", np.array(spec, dtype=np.int32), TT.INT32))
    to = gr.tensor("output", out_shape, ttype, q)
    o = schema.ReshapeOptionsT()
    if mode in ("options", "both"):
        o.newShape = list(spec)
    gr.op(OP.RESHAPE, ins, [to], OPT.ReshapeOptions, o)
    x = (rand_int8(rng, in_shape) if ttype == TT.INT8 else rand_float(rng, in_shape)
         if ttype == TT.FLOAT32 else rand_data(rng, dtype, in_shape))
    desc = common_desc(in_shape=in_shape, out_shape=out_shape, spec=spec, mode=mode)
    return Case(gr.finish([ti], [to]), [x], desc)


def edges(dtype):
    return []
