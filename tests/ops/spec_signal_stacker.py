"""SignalStacker test spec (TFLite Micro Signal library, custom operator): left context + frame + right context stacked across 1-8 invokes; output 1 the valid flag.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalStacker"
KERNELS = {'int16': 'SIGNAL_STACKER'}
ORACLES = S.ORACLES_ALL
fix_expected = S.stacker_fix


def draw(rng, dtype):
    S.check(dtype, 'int16')
    return S.stacker(rng)


def edges(dtype):
    return [
        lambda r: S.stacker(r, nc=1, left=0, right=0, step=1, inv=3),
        lambda r: S.stacker(r, nc=40, left=3, right=3, step=2, inv=8),
        lambda r: S.stacker(r, nc=5, left=2, right=0, step=3, inv=8),
    ]
