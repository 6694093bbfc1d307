"""SignalFftAutoScale test spec (TFLite Micro Signal library, custom operator): int16 scaled to use the full range, the shift as an int32 scalar.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalFftAutoScale"
KERNELS = {'int16': 'SIGNAL_FFT_AUTO_SCALE'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    S.check(dtype, 'int16')
    return S.fft_auto_scale(rng)


def edges(dtype):
    return [
        lambda r: S.fft_auto_scale(r, n=1, mag=0),
        lambda r: S.fft_auto_scale(r, n=16, mag=1),
        lambda r: S.fft_auto_scale(r, n=512, mag=32767),
        lambda r: S.fft_auto_scale(r, n=33, mag=16384),
    ]
