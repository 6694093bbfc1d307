"""SPACE_TO_BATCH_ND test spec: rank 4 ([n, h, w, c], blocks 1-3 on h
and w) or rank 3 ([n, w, c], one block), paddings 0-3 chosen so each
padded dimension divides by its block. int8 with padding is its own
variant, "int8_padded", checked against LiteRT: TFLite Micro pads int8 with
an uninitialised value (it changes from run to run); mote pads with the
zero point as LiteRT. Plain int8 cases have no padding (TFLite Micro).
float32 is checked against LiteRT for the same reason (TFLite Micro's
float padding is that uninitialised field too). Edge cases: block 1 (a copy), padding only, rank 3."""

import numpy as np

from draws import Case, Invalid, common_desc
from spec_datamove import rand_data, rand_quant, tt
from tflite_builder import OP, OPT, TT, Graph, schema

OPERATOR = "SPACE_TO_BATCH_ND"
ORACLES = {"float32": "litert", "int8_padded": "litert"}
KERNELS = {"int8": "SPACE_BATCH", "float32": "SPACE_BATCH"}
EXTRA_KERNELS = {"int8_padded": "SPACE_BATCH"}


def model(rng, dtype, shape, block, pads, to_batch=True):
    """SPACE_TO_BATCH_ND of `shape` (or BATCH_TO_SPACE_ND with crops)."""
    m = len(block)
    if dtype == "int8" and to_batch and any(any(p) for p in pads):
        raise Invalid()  # TFLite Micro's int8 padding is undefined: int8_padded
    dtype = "int8" if dtype == "int8_padded" else dtype
    q = rand_quant(rng, dtype)
    out = list(shape)
    for k in range(m):
        d = shape[1 + k]
        out[1 + k] = (d + sum(pads[k])) // block[k] if to_batch else d * block[k] - sum(pads[k])
        if out[1 + k] < 1:
            raise Invalid()
    nb = int(np.prod(block))
    out[0] = shape[0] * nb if to_batch else shape[0] // nb
    gr = Graph()
    ti = gr.tensor("input", shape, tt(dtype), q)
    tb = gr.const("block", np.array(block, dtype=np.int32), TT.INT32)
    tp = gr.const("pads", np.array(pads, dtype=np.int32).reshape(m, 2), TT.INT32)
    to = gr.tensor("output", out, tt(dtype), q)
    if to_batch:
        gr.op(OP.SPACE_TO_BATCH_ND, [ti, tb, tp], [to], OPT.SpaceToBatchNDOptions,
              schema.SpaceToBatchNDOptionsT())
    else:
        gr.op(OP.BATCH_TO_SPACE_ND, [ti, tb, tp], [to], OPT.BatchToSpaceNDOptions,
              schema.BatchToSpaceNDOptionsT())
    return Case(gr.finish([ti], [to]), [rand_data(rng, dtype, shape)],
                common_desc(shape=shape, block=block, pads=pads, out=out))


def draw(rng, dtype):
    m = 2 if rng.random() < 0.7 else 1
    block = [int(rng.integers(1, 4)) for _ in range(m)]
    pads, sp = [], []
    for b in block:
        d = int(rng.integers(1, 8))
        before = int(rng.integers(0, 3))
        after = (-(d + before)) % b + (b if rng.random() < 0.2 else 0)
        if dtype == "int8":
            before, after, d = 0, 0, d + (-d) % b
        pads.append([before, after])
        sp.append(d)
    shape = [int(rng.integers(1, 4))] + sp + [int(rng.integers(1, 5))]
    return model(rng, dtype, shape, block, pads)


def edges(dtype):
    if dtype == "int8":
        return [lambda rng: model(rng, dtype, [1, 4, 4, 1], [1, 1], [[0, 0], [0, 0]]),
                lambda rng: model(rng, dtype, [2, 4, 6, 3], [2, 3], [[0, 0], [0, 0]]),
                lambda rng: model(rng, dtype, [1, 6, 2], [3], [[0, 0]])]
    return [lambda rng: model(rng, dtype, [1, 4, 4, 1], [1, 1], [[0, 0], [0, 0]]),
            lambda rng: model(rng, dtype, [2, 2, 4, 3], [2, 2], [[1, 1], [0, 0]]),
            lambda rng: model(rng, dtype, [1, 5, 2], [3], [[1, 0]])]
