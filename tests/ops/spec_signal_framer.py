"""SignalFramer test spec (TFLite Micro Signal library, custom operator): overlapping frames of each row across 1-8 invokes, prefill or not; output 1 the valid flag.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalFramer"
KERNELS = {'int16': 'SIGNAL_FRAMER'}
ORACLES = S.ORACLES_ALL
fix_expected = S.framer_fix


def draw(rng, dtype):
    S.check(dtype, 'int16')
    return S.framer(rng)


def edges(dtype):
    return [
        lambda r: S.framer(r, size=1, step=1, per=1, rows=[], prefill=False, inv=3),
        lambda r: S.framer(r, size=400, step=160, per=1, rows=[], prefill=True, inv=5),
        lambda r: S.framer(r, size=400, step=160, per=1, rows=[], prefill=False, inv=5),
        lambda r: S.framer(r, size=7, step=3, per=2, rows=[2, 3], prefill=False, inv=6),
    ]
