"""Random draws shared by the op test specs (tests/ops/spec_*.py).

A spec's draw(rng, dtype) returns a Case: the model bytes, one input array
per model input (in input order) and a one-line description of the
parameters drawn, so a failing case can be read without re-running it. It
raises Invalid when the parameters it drew cannot form a valid model (an
output size <= 0); the generator then draws again from the same stream,
which keeps every case reproducible from (seed, spec, type, case index).
"""

import math
from dataclasses import dataclass

import numpy as np

from tflite_builder import ACTIVATIONS, PAD


class Invalid(Exception):
    """The drawn parameters cannot form a valid model; draw again."""


@dataclass
class Case:
    model: bytes
    inputs: list
    desc: str
    # A model the oracle runs instead of `model` when the oracle refuses
    # something mote accepts but that has an exact equivalent (LiteRT's float
    # CONV_2D needs a bias: an all-zero one adds exactly 0.0f).
    oracle_model: bytes = None
    n_outputs: int = 1
    # Invokes of one session (stateful operators: SVDF, LSTM keep state
    # across them); with more than 1, inputs[k][t] is invoke t's input k.
    invokes: int = 1


def f32(x):
    return float(np.float32(x))


def log_uniform(rng, lo_exp, hi_exp):
    return float(10.0 ** rng.uniform(lo_exp, hi_exp))


def rand_zp(rng):
    """Mostly near the middle (so outputs spread both ways), sometimes anywhere
    in [-128, 127] including the extremes."""
    if rng.random() < 0.7:
        return int(rng.integers(-64, 65))
    return int(rng.integers(-128, 128))


def rand_act(rng):
    """NONE most often; a fused clamp otherwise."""
    return int(rng.choice(ACTIVATIONS, p=[0.4, 0.2, 0.2, 0.2]))


def rand_int8(rng, shape):
    """Int8 activations: usually the full range, sometimes a narrow band
    around a random centre, so both saturated and fine-grained paths run."""
    if rng.random() < 0.7:
        return rng.integers(-128, 128, size=shape, dtype=np.int64).astype(np.int8)
    centre = int(rng.integers(-100, 100))
    width = int(rng.integers(1, 40))
    lo, hi = max(-128, centre - width), min(127, centre + width)
    return rng.integers(lo, hi + 1, size=shape, dtype=np.int64).astype(np.int8)


def rand_i8_uniform(rng, shape, lo=-128, hi=127):
    return rng.integers(lo, hi + 1, size=shape).astype(np.int8)


def rand_float(rng, shape, scale=None):
    if scale is None:
        scale = log_uniform(rng, -2, 1)
    return (rng.standard_normal(size=shape) * scale).astype(np.float32)


def rand_float_uniform(rng, shape, scale=1.0):
    return (rng.uniform(-1.0, 1.0, size=shape) * scale).astype(np.float32)


def rand_weights_int8(rng, shape):
    """Symmetric int8 weights in [-127, 127] with a random magnitude."""
    mag = int(rng.choice([127, 127, 64, 16, 3]))
    return rng.integers(-mag, mag + 1, size=shape, dtype=np.int64).astype(np.int8)


def conv_out_size(size, k, stride, dilation, padding):
    eff = (k - 1) * dilation + 1
    if padding == PAD.SAME:
        return (size + stride - 1) // stride
    return (size - eff + stride) // stride


def pick_output_scale(rng, in_scale, w_scales, x, w, depth):
    """An output scale that puts the typical accumulator a few tens of steps
    from the zero point, varied by a decade either way, so outputs neither
    all saturate nor all collapse to one value."""
    xs = float(np.std(x.astype(np.float64))) + 1.0
    ws = float(np.std(w.astype(np.float64))) + 0.5
    real = math.sqrt(depth) * xs * ws * in_scale * float(np.mean(w_scales))
    if rng.random() < 0.05:
        # Rarely, an extreme scale: requantization multipliers far above 1
        # (positive shifts) or below 2^-31 (flushed to zero by TFLite).
        return real * log_uniform(rng, -3, 6)
    return real / rng.uniform(8, 80) * log_uniform(rng, -0.7, 0.7)


def rand_bias_int32(rng, n, depth):
    mag = 127 * 127 * max(1, int(math.sqrt(depth))) // int(rng.choice([1, 4, 32]))
    return rng.integers(-mag, mag + 1, size=n, dtype=np.int64).astype(np.int32)


def common_desc(**kw):
    parts = []
    for k, v in kw.items():
        if isinstance(v, float):
            v = "%.6g" % v
        elif isinstance(v, (list, tuple, np.ndarray)) and len(v) and isinstance(
                v[0], (float, np.floating)):
            v = "[" + ",".join("%.4g" % x for x in v) + "]"
        parts.append("%s=%s" % (k, v))
    return " ".join(parts).replace("\n", " ")


def rand_int16(rng, shape):
    """Int16 activations (zero point 0): usually the full range, sometimes a
    narrow band, sometimes small values near zero."""
    r = rng.random()
    if r < 0.6:
        return rng.integers(-32768, 32768, size=shape, dtype=np.int64).astype(np.int16)
    if r < 0.8:
        mag = int(rng.integers(1, 300))
        return rng.integers(-mag, mag + 1, size=shape, dtype=np.int64).astype(np.int16)
    centre = int(rng.integers(-30000, 30000))
    width = int(rng.integers(1, 3000))
    lo, hi = max(-32768, centre - width), min(32767, centre + width)
    return rng.integers(lo, hi + 1, size=shape, dtype=np.int64).astype(np.int16)


def rand_bias_int64(rng, n, depth):
    """int64 bias of the 16x8 kernels: around the accumulator's spread,
    rarely far beyond it (saturating outputs)."""
    mag = 127 * 32767 * max(1, int(math.sqrt(depth))) // int(rng.choice([1, 4, 32, 1024]))
    if rng.random() < 0.03:
        mag = 1 << 40
    return rng.integers(-mag, mag + 1, size=n, dtype=np.int64)
