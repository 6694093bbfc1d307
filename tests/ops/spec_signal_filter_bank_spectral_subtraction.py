"""SignalFilterBankSpectralSubtraction test spec (TFLite Micro Signal library, custom operator): noise estimate kept across 1-8 invokes (output 1 too), smoothing bits 0-16, clamping or not.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalFilterBankSpectralSubtraction"
KERNELS = {'uint32': 'SIGNAL_SPECTRAL_SUB'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    S.check(dtype, 'uint32')
    return S.spectral_subtraction(rng)


def edges(dtype):
    return [
        lambda r: S.spectral_subtraction(r, n=1, inv=3, clamping=False),
        lambda r: S.spectral_subtraction(r, n=40, inv=8, clamping=True, bits=32),
        lambda r: S.spectral_subtraction(r, n=40, inv=6, clamping=False, bits=16),
    ]
