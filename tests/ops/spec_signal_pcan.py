"""SignalPCAN test spec (TFLite Micro Signal library, custom operator): per-channel gain control: uint32 input and noise estimate, 125-entry int16 gain table.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalPCAN"
KERNELS = {'uint32': 'SIGNAL_PCAN'}
ORACLES = S.ORACLES_ALL


def draw(rng, dtype):
    S.check(dtype, 'uint32')
    return S.pcan(rng)


def edges(dtype):
    return [
        lambda r: S.pcan(r, n=1, snr_shift=0),
        lambda r: S.pcan(r, n=40, snr_shift=6),
        lambda r: S.pcan(r, n=40, snr_shift=12),
    ]
