"""SignalDelay test spec (TFLite Micro Signal library, custom operator): each row delayed by delay_length samples across 1-8 invokes.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalDelay"
KERNELS = {'int16': 'SIGNAL_DELAY'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    S.check(dtype, 'int16')
    return S.delay(rng)


def edges(dtype):
    return [
        lambda r: S.delay(r, n=1, d=0, rows=[], inv=3),
        lambda r: S.delay(r, n=4, d=9, rows=[2], inv=6),
        lambda r: S.delay(r, n=16, d=3, rows=[], inv=4),
    ]
