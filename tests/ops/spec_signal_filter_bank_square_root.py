"""SignalFilterBankSquareRoot test spec (TFLite Micro Signal library, custom operator): uint64 -> uint32 square root >> scale_bits (a constant or a runtime input).
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalFilterBankSquareRoot"
KERNELS = {'uint64': 'SIGNAL_FILTER_BANK_SQRT'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    S.check(dtype, 'uint64')
    return S.filter_bank_square_root(rng)


def edges(dtype):
    return [
        lambda r: S.filter_bank_square_root(r, n=1, scale_bits=0, runtime_bits=False),
        lambda r: S.filter_bank_square_root(r, n=40, scale_bits=7, runtime_bits=True),
        lambda r: S.filter_bank_square_root(r, n=8, scale_bits=31, runtime_bits=False),
    ]
