"""BATCH_TO_SPACE_ND test spec: rank 4 ([n * bh * bw, h, w, c], blocks
1-3) or rank 3 (one block), crops 0-3 that leave at least one element.
Edge cases: block 1, crops on both sides, rank 3."""

from draws import Invalid
from spec_space_to_batch_nd import model

OPERATOR = "BATCH_TO_SPACE_ND"
ORACLES = {"float32": "tflm"}
KERNELS = {"int8": "SPACE_BATCH", "float32": "SPACE_BATCH"}


def draw(rng, dtype):
    m = 2 if rng.random() < 0.7 else 1
    block = [int(rng.integers(1, 4)) for _ in range(m)]
    sp = [int(rng.integers(1, 5)) for _ in range(m)]
    crops = [[int(rng.integers(0, 3)) if rng.random() < 0.4 else 0 for _ in range(2)]
             for _ in range(m)]
    if any(d * b - sum(c) < 1 for d, b, c in zip(sp, block, crops)):
        raise Invalid()
    n = 1
    for b in block:
        n *= b
    shape = [n * int(rng.integers(1, 3))] + sp + [int(rng.integers(1, 5))]
    return model(rng, dtype, shape, block, crops, to_batch=False)


def edges(dtype):
    return [lambda rng: model(rng, dtype, [1, 4, 4, 1], [1, 1], [[0, 0], [0, 0]], False),
            lambda rng: model(rng, dtype, [8, 2, 3, 2], [2, 2], [[1, 1], [0, 2]], False),
            lambda rng: model(rng, dtype, [3, 2, 2], [3], [[1, 1]], False)]
