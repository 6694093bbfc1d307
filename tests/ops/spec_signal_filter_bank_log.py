"""SignalFilterBankLog test spec (TFLite Micro Signal library, custom operator): uint32 -> int16 fixed-point log, correction bits 0-7, output scales.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalFilterBankLog"
KERNELS = {'uint32': 'SIGNAL_FILTER_BANK_LOG'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    S.check(dtype, 'uint32')
    return S.filter_bank_log(rng)


def edges(dtype):
    return [
        lambda r: S.filter_bank_log(r, n=3, corr=0, scale=1),
        lambda r: S.filter_bank_log(r, n=40, corr=3, scale=64),
        lambda r: S.filter_bank_log(r, n=40, corr=0, scale=65535),
    ]
