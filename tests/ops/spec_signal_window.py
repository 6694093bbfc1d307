"""SignalWindow test spec (TFLite Micro Signal library, custom operator): int16x int16 window >> shift, rows of 1-64 samples, ranks 1-2.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalWindow"
KERNELS = {'int16': 'SIGNAL_WINDOW'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    S.check(dtype, 'int16')
    return S.window(rng)


def edges(dtype):
    return [
        lambda r: S.window(r, n=1, shift=0, rows=[]),
        lambda r: S.window(r, n=64, shift=0, rows=[3]),
        lambda r: S.window(r, n=17, shift=31, rows=[]),
        lambda r: S.window(r, n=400, shift=12, rows=[]),
    ]
