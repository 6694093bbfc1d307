"""SignalRfft test spec (TFLite Micro Signal library, custom operator): real FFT (kissfft), fft_length 4-512, rows zero-padded.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalRfft"
KERNELS = {'int16': 'SIGNAL_RFFT', 'int32': 'SIGNAL_RFFT', 'float32': 'SIGNAL_RFFT'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    return S.rfft(rng, dtype)


def edges(dtype):
    return [
        lambda r: S.rfft(r, dtype, log2=2, length=4, rows=[]),
        lambda r: S.rfft(r, dtype, log2=3, length=1, rows=[2]),
        lambda r: S.rfft(r, dtype, log2=9, length=480, rows=[]),
        lambda r: S.rfft(r, dtype, log2=10, length=1024, rows=[]),
    ]
