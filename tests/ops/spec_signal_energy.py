"""SignalEnergy test spec (TFLite Micro Signal library, custom operator): |z|^2 of int16 complex bins [start_index, end_index) (the others zeroed) as uint32.
Oracle TFLite Micro for every type (spec_signal.py).
"""

import spec_signal as S

OPERATOR = "SignalEnergy"
KERNELS = {'int16': 'SIGNAL_ENERGY'}
ORACLES = S.ORACLES_ALL
fix_expected = S.energy_fix


def draw(rng, dtype):
    S.check(dtype, 'int16')
    return S.energy(rng)


def edges(dtype):
    return [
        lambda r: S.energy(r, bins=1, start=0, end=1),
        lambda r: S.energy(r, bins=257, start=0, end=257),
        lambda r: S.energy(r, bins=40, start=3, end=30),
        lambda r: S.energy(r, bins=10, start=4, end=4),
    ]
