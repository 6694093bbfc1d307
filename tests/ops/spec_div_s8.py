"""DIV int8 draws (spec_div.py): which quotients TFLite Micro defines, and
random cases made only of those.

TFLite Micro's int8 DIV is undefined for a divisor at its zero point and
for a quotient whose final rounding shift e = reciprocal_bits + headroom -
output_shift falls outside [0, 31] (a numerator small against its divisor:
0 / 100 at unit scales gives zero point + 1 on x86). mote fails the invoke
there (MOTE_E_PARAM; tests/ops/test_bad_index.py), so every case drawn here
keeps all its quotients defined: elements of the inputs feeding an
undefined one are redrawn (large numerators, non-zero divisors) until none
is left. Scales: s1 / (s2 * s_out) from 10^-0.3 to 10^2.5 (output shifts 0
to 9). Broadcasting up to rank 5 (TFLite Micro's quantized broadcast).
Not an operator spec itself (no OPERATOR).
"""

import math

import numpy as np

from draws import Invalid, log_uniform, rand_act, rand_zp
from spec_ew import act_desc, binary_case, rand_bcast_shapes
from tflite_builder import OP, OPT, quant, schema


def output_shift(s1, s2, so):
    """QuantizeMultiplier's shift of s1 / (s2 * so), the float32 scales
    divided in double as the installed TFLite Micro does (in float, edge 1's
    12.5 ties would round down: 0.1f / 0.01f is 10.0 in float, above it in
    double)."""
    real = float(np.float32(s1)) / (float(np.float32(s2)) * float(np.float32(so)))
    m, e = math.frexp(real)
    q = math.floor(abs(m) * (1 << 31) + 0.5)
    return e + 1 if q == (1 << 31) else e


def _sign_bits(a):
    u = np.where(a < 0, ~a, a).astype(np.int64)
    bl = np.zeros_like(u)
    v = u.copy()
    while np.any(v > 0):
        bl += (v > 0)
        v >>= 1
    return np.where(u == 0, 31, 31 - bl)


def defined(x, y, z1, z2, os):
    """Mask of the broadcast output: TFLite Micro's quotient is defined."""
    a = x.astype(np.int64) - z1
    b = y.astype(np.int64) - z2
    a, b = np.broadcast_arrays(a, b)
    a = np.where(b < 0, -a, a)
    b = np.abs(b)
    rbits = np.where(b > 0, np.floor(np.log2(np.maximum(b, 1))).astype(np.int64), 0)
    e = rbits + _sign_bits(a) - os
    return (b != 0) & (e >= 0) & (e <= 31)


def make_defined(rng, x, y, z1, z2, os):
    """Redraw the elements feeding undefined quotients, in place."""
    ix = np.broadcast_to(np.arange(x.size).reshape(x.shape), np.broadcast_shapes(x.shape, y.shape))
    iy = np.broadcast_to(np.arange(y.size).reshape(y.shape), np.broadcast_shapes(x.shape, y.shape))
    for _ in range(30):
        bad = ~defined(x, y, z1, z2, os)
        if not bad.any():
            return
        for k in np.unique(ix[bad]):
            # A numerator far from its zero point.
            far = -128 if z1 > 0 else 127
            x.flat[k] = int(rng.integers(min(far, z1 + 1 if far > z1 else far),
                                         max(far, z1 - 1 if far < z1 else far) + 1))
        for k in np.unique(iy[bad]):
            if y.flat[k] == z2 or rng.random() < 0.5:
                v = int(rng.integers(-128, 128))
                y.flat[k] = v if v != z2 else (v + 1 if v < 127 else v - 1)
    raise Invalid("no defined quotients")


def draw(rng):
    sa, sb = rand_bcast_shapes(rng, max_rank=5)
    s1, s2 = log_uniform(rng, -3, 0), log_uniform(rng, -3, 0)
    so = s1 / (s2 * log_uniform(rng, -0.3, 2.5))
    z1, z2, zo = rand_zp(rng), rand_zp(rng), rand_zp(rng)
    os = output_shift(s1, s2, so)
    x = rng.integers(-128, 128, size=sa).astype(np.int8)
    y = rng.integers(-128, 128, size=sb).astype(np.int8)
    x, y = np.ascontiguousarray(x), np.ascontiguousarray(y)
    x = x.reshape(sa) if x.ndim else x.reshape(())
    y = y.reshape(sb) if y.ndim else y.reshape(())
    make_defined(rng, x, y, z1, z2, os)
    act = rand_act(rng)
    opt = schema.DivOptionsT()
    opt.fusedActivationFunction = act
    return binary_case(OP.DIV, "int8", x, y, quant(s1, z1), quant(s2, z2), quant(so, zo),
                       OPT.DivOptions, opt, const_b=rng.random() < 0.2,
                       desc="z1=%d z2=%d zo=%d os=%d %s" % (z1, z2, zo, os, act_desc(act)))


def edge(s1, z1, s2, z2, so, zo, act=0):
    """Every numerator against divisors spread over int8, the undefined
    quotients replaced (deterministically by rng)."""
    def make(rng):
        os = output_shift(s1, s2, so)
        x = np.arange(-128, 128).astype(np.int8).reshape(256, 1)
        y = np.array([-128, -100, -37, -5, -2, -1, 1, 2, 3, 7, 64, 127], np.int8) + 0
        y = np.clip(y.astype(np.int64) + z2, -128, 127).astype(np.int8).reshape(1, -1)
        y[y == z2] = z2 + 1 if z2 < 127 else z2 - 1
        make_defined(rng, x, y, z1, z2, os)
        opt = schema.DivOptionsT()
        opt.fusedActivationFunction = act
        return binary_case(OP.DIV, "int8", x, y, quant(s1, z1), quant(s2, z2), quant(so, zo),
                           OPT.DivOptions, opt, desc="edge os=%d %s" % (os, act_desc(act)))
    return make


def edges():
    return [edge(*a) for a in [
        (1.0, 0, 1.0, 0, 1.0, 0), (0.1, 0, 1.0, 0, 0.01, 0), (0.05, -128, 0.02, 127, 0.5, -128),
        (0.02, 127, 0.05, -128, 0.001, 127), (0.5, 3, 0.25, -7, 0.01, 10, 1),
        (0.01, -20, 0.01, 20, 0.004, 0, 3), (1.0, 0, 1.0, 0, 1.0 / 256.0, 0, 2)]]
