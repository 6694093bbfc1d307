"""SignalFilterBank test spec (TFLite Micro Signal library, custom operator): uint32 spectrum -> uint64 channels, constant int16 weights and channel tables (some negative weights).
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalFilterBank"
KERNELS = {'uint32': 'SIGNAL_FILTER_BANK'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    S.check(dtype, 'uint32')
    return S.filter_bank(rng)


def edges(dtype):
    return [
        lambda r: S.filter_bank(r, n_in=1, nc=1, negative=False, bits=32),
        lambda r: S.filter_bank(r, n_in=257, nc=40, negative=False, bits=32),
        lambda r: S.filter_bank(r, n_in=64, nc=8, negative=True, bits=32),
    ]
