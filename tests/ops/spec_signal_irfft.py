"""SignalIrfft test spec (TFLite Micro Signal library, custom operator): inverse real FFT (kissfft), fft_length 4-512.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalIrfft"
KERNELS = {'int16': 'SIGNAL_IRFFT', 'int32': 'SIGNAL_IRFFT', 'float32': 'SIGNAL_IRFFT'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    return S.irfft(rng, dtype)


def edges(dtype):
    return [
        lambda r: S.irfft(r, dtype, log2=2, rows=[]),
        lambda r: S.irfft(r, dtype, log2=5, rows=[3]),
        lambda r: S.irfft(r, dtype, log2=10, rows=[]),
    ]
