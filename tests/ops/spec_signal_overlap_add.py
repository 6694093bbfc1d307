"""SignalOverlapAdd test spec (TFLite Micro Signal library, custom operator): frames summed at frame_step hops across 1-8 invokes (int16 saturating, float).
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalOverlapAdd"
KERNELS = {'int16': 'SIGNAL_OVERLAP_ADD', 'float32': 'SIGNAL_OVERLAP_ADD'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    return S.overlap_add(rng, dtype)


def edges(dtype):
    return [
        lambda r: S.overlap_add(r, dtype, size=1, step=1, frames=1, rows=[], inv=3),
        lambda r: S.overlap_add(r, dtype, size=32, step=8, frames=3, rows=[2], inv=6),
        lambda r: S.overlap_add(r, dtype, size=9, step=9, frames=2, rows=[], inv=4),
    ]
