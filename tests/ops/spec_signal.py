"""Shared by the specs of TFLite Micro's Signal library operators
(tests/ops/spec_signal_<op>.py): CUSTOM operators whose custom_code names
them, FlexBuffer custom_options, oracle TFLite Micro for every type (LiteRT
does not register them), float too.

Each builder takes (rng, **fixed) and returns a draws.Case; the stateful
ones (Framer, Stacker, Delay, OverlapAdd, FilterBankSpectralSubtraction)
run 1-8 invokes of one session (inputs[k][t] is invoke t's input k).
"""

import numpy as np

from draws import Case, Invalid, common_desc
from tflite_builder import TT, Graph

NP = {TT.INT16: np.int16, TT.INT32: np.int32, TT.FLOAT32: np.float32, TT.UINT32: np.uint32,
      TT.UINT64: np.uint64}
TT_NAME = {TT.INT16: "int16", TT.INT32: "int32", TT.FLOAT32: "float32"}
ORACLES_ALL = {"int16": "tflm", "int32": "tflm", "float32": "tflm", "uint32": "tflm",
               "uint64": "tflm"}


def _i16(rng, shape, mag=None):
    if mag is None:
        mag = int(rng.choice([32767, 32767, 4096, 300, 5]))
    return rng.integers(-mag, mag + 1, size=shape, dtype=np.int64).astype(np.int16)


def _u32(rng, shape, bits=None):
    if bits is None:
        bits = int(rng.choice([32, 31, 24, 16, 8]))
    return rng.integers(0, 1 << bits, size=shape, dtype=np.uint64).astype(np.uint32)


def _samples(rng, ttype, shape):
    if ttype == TT.INT16:
        return _i16(rng, shape)
    if ttype == TT.INT32:
        mag = int(rng.choice([2**31 - 1, 2**24, 2**16, 1000]))
        return rng.integers(-mag, mag + 1, size=shape, dtype=np.int64).astype(np.int32)
    return (rng.standard_normal(size=shape) * 10 ** rng.uniform(-2, 3)).astype(np.float32)


def _stack(rng, inv, make):
    """inv inputs (one per invoke) stacked, or the single one."""
    xs = [make() for _ in range(inv)]
    return np.stack(xs) if inv > 1 else xs[0]


def _rows(rng, rank_max=2):
    rank = int(rng.integers(0, rank_max))
    return [int(rng.integers(1, 4)) for _ in range(rank)]


# ---- stateless ----------------------------------------------------------

def window(rng, n=None, shift=None, rows=None):
    n = int(rng.integers(1, 65)) if n is None else n
    shift = int(rng.integers(0, 20)) if shift is None else shift
    rows = _rows(rng) if rows is None else rows
    shape = rows + [n]
    g = Graph()
    ti = g.tensor("input", shape, TT.INT16)
    tw = g.const("weights", _i16(rng, [n]), TT.INT16)
    to = g.tensor("output", shape, TT.INT16)
    g.custom_op("SignalWindow", [ti, tw], [to], {"shift": shift})
    return Case(g.finish([ti], [to]), [_i16(rng, shape)],
                common_desc(shape=shape, shift=shift))


def fft_auto_scale(rng, n=None, mag=None):
    n = int(rng.integers(1, 513)) if n is None else n
    g = Graph()
    ti = g.tensor("input", [n], TT.INT16)
    to = g.tensor("output", [n], TT.INT16)
    ts = g.tensor("scale_bits", [], TT.INT32)
    g.custom_op("SignalFftAutoScale", [ti], [to, ts])
    x = _i16(rng, [n], mag)
    if rng.random() < 0.1:
        x[int(rng.integers(0, n))] = -32768
    return Case(g.finish([ti], [to, ts]), [x], common_desc(n=n, max=int(np.abs(
        x.astype(np.int32)).max())), n_outputs=2)


def _fft_type(dtype):
    return {"int16": TT.INT16, "int32": TT.INT32, "float32": TT.FLOAT32}[dtype]


def rfft(rng, dtype, log2=None, length=None, rows=None):
    ttype = _fft_type(dtype)
    log2 = int(rng.integers(2, 10)) if log2 is None else log2
    n = 1 << log2
    length = (n if rng.random() < 0.5 else int(rng.integers(1, n + 1))) if length is None \
        else length
    rows = _rows(rng) if rows is None else rows
    g = Graph()
    ti = g.tensor("input", rows + [length], ttype)
    to = g.tensor("output", rows + [n + 2], ttype)
    g.custom_op("SignalRfft", [ti], [to], {"T": ttype, "fft_length": n})
    return Case(g.finish([ti], [to]), [_samples(rng, ttype, rows + [length])],
                common_desc(fft_length=n, input=rows + [length]))


def irfft(rng, dtype, log2=None, rows=None):
    ttype = _fft_type(dtype)
    log2 = int(rng.integers(2, 10)) if log2 is None else log2
    n = 1 << log2
    rows = _rows(rng) if rows is None else rows
    g = Graph()
    ti = g.tensor("input", rows + [n + 2], ttype)
    to = g.tensor("output", rows + [n], ttype)
    g.custom_op("SignalIrfft", [ti], [to], {"T": ttype, "fft_length": n})
    return Case(g.finish([ti], [to]), [_samples(rng, ttype, rows + [n + 2])],
                common_desc(fft_length=n, rows=rows))


def energy(rng, bins=None, start=None, end=None):
    """Outputs outside [start_index, end_index) TFLite Micro leaves as they
    were (undefined), mote zeroes (energy_fix); the output has end_index
    values or all of them."""
    bins = int(rng.integers(1, 260)) if bins is None else bins
    if start is None:
        full = rng.random() < 0.4
        start = 0 if full else int(rng.integers(0, bins + 1))
        end = bins if full else int(rng.integers(start, bins + 1))
    n_out = end if end > 0 and rng.random() < 0.3 else bins
    g = Graph()
    ti = g.tensor("input", [2 * bins], TT.INT16)
    to = g.tensor("output", [n_out], TT.UINT32)
    g.custom_op("SignalEnergy", [ti], [to], {"start_index": start, "end_index": end})
    case = Case(g.finish([ti], [to]), [_i16(rng, [2 * bins])],
                common_desc(bins=bins, start=start, end=end, outputs=n_out))
    case.energy = (start, end)
    return case


def energy_fix(case, expected):
    out = np.array(expected[0])
    start, end = case.energy
    out[:start] = 0
    out[end:] = 0
    return [out]


def filter_bank_tables(rng, n_in, nc, negative=False):
    """Channel tables as TFLite Micro's filter bank reads them: num_channels + 1
    channels, each a run of input bins with its own weights."""
    fstart = np.zeros(nc + 1, np.int16)
    wstart = np.zeros(nc + 1, np.int16)
    width = np.zeros(nc + 1, np.int16)
    w = 0
    for i in range(nc + 1):
        f = int(rng.integers(0, n_in))
        k = int(rng.integers(0, min(12, n_in - f) + 1))
        fstart[i], wstart[i], width[i] = f, w, k
        w += k
    w = max(w, 1)
    if negative:
        weights = _i16(rng, [w], 32767)
        unweights = _i16(rng, [w], 32767)
    else:
        weights = rng.integers(0, 4097, size=w).astype(np.int16)
        unweights = (4096 - weights).astype(np.int16)
    return weights, unweights, fstart, wstart, width


def filter_bank(rng, n_in=None, nc=None, negative=None, bits=None):
    n_in = int(rng.integers(1, 260)) if n_in is None else n_in
    nc = int(rng.integers(1, 41)) if nc is None else nc
    negative = bool(rng.random() < 0.1) if negative is None else negative
    tables = filter_bank_tables(rng, n_in, nc, negative)
    g = Graph()
    ti = g.tensor("input", [n_in], TT.UINT32)
    tc = [g.const(name, t, TT.INT16) for name, t in zip(
        ("weights", "unweights", "channel_frequency_starts", "channel_weight_starts",
         "channel_widths"), tables)]
    to = g.tensor("output", [nc], TT.UINT64)
    g.custom_op("SignalFilterBank", [ti] + tc, [to], {"num_channels": nc})
    return Case(g.finish([ti], [to]), [_u32(rng, [n_in], bits)],
                common_desc(inputs=n_in, channels=nc, negative_weights=negative))


def filter_bank_square_root(rng, n=None, scale_bits=None, runtime_bits=None):
    n = int(rng.integers(1, 65)) if n is None else n
    scale_bits = int(rng.integers(0, 24)) if scale_bits is None else scale_bits
    runtime_bits = bool(rng.random() < 0.3) if runtime_bits is None else runtime_bits
    bits = int(rng.choice([64, 64, 48, 32, 16]))
    x = rng.integers(0, 1 << min(bits, 63), size=n, dtype=np.uint64)
    if bits == 64:
        x = x * 2 + rng.integers(0, 2, size=n, dtype=np.uint64)
        x[0] = np.uint64(2**64 - 1)
    g = Graph()
    ti = g.tensor("input", [n], TT.UINT64)
    if runtime_bits:
        tb = g.tensor("scale_bits", [], TT.INT32)
    else:
        tb = g.const("scale_bits", np.array([scale_bits], np.int32), TT.INT32)
        g.tensors[tb].shape = []  # a scalar (const() writes arrays of rank >= 1)
    to = g.tensor("output", [n], TT.UINT32)
    g.custom_op("SignalFilterBankSquareRoot", [ti, tb], [to])
    ins = [x, np.array(scale_bits, np.int32)] if runtime_bits else [x]
    return Case(g.finish([ti, tb] if runtime_bits else [ti], [to]), ins,
                common_desc(n=n, scale_bits=scale_bits, runtime_bits=runtime_bits, bits=bits))


def filter_bank_log(rng, n=None, corr=None, scale=None):
    n = int(rng.integers(1, 65)) if n is None else n
    corr = int(rng.integers(0, 8)) if corr is None else corr
    scale = int(rng.choice([64, 1, 256, int(rng.integers(1, 4097))])) if scale is None else scale
    g = Graph()
    ti = g.tensor("input", [n], TT.UINT32)
    to = g.tensor("output", [n], TT.INT16)
    g.custom_op("SignalFilterBankLog", [ti], [to],
                {"input_correction_bits": corr, "output_scale": scale})
    x = _u32(rng, [n])
    x[: min(n, 3)] = [0, 1, 2][: min(n, 3)]
    return Case(g.finish([ti], [to]), [x], common_desc(n=n, corr=corr, scale=scale))


def pcan_lut(rng):
    """A gain table of 125 entries in a range whose arithmetic stays in int32,
    as the micro frontend's (which are below 2^12 in magnitude)."""
    mag = int(rng.choice([4000, 2000, 300]))
    return rng.integers(-mag, mag + 1, size=125).astype(np.int16)


def pcan(rng, n=None, snr_shift=None):
    n = int(rng.integers(1, 65)) if n is None else n
    snr_shift = int(rng.integers(0, 13)) if snr_shift is None else snr_shift
    g = Graph()
    ti = g.tensor("input", [n], TT.UINT32)
    tn = g.tensor("noise_estimate", [n], TT.UINT32)
    tl = g.const("gain_lut", pcan_lut(rng), TT.INT16)
    to = g.tensor("output", [n], TT.UINT32)
    g.custom_op("SignalPCAN", [ti, tn, tl], [to], {"snr_shift": snr_shift})
    x = _u32(rng, [n], int(rng.choice([24, 20, 16, 12])))
    noise = _u32(rng, [n], int(rng.choice([24, 20, 16, 12, 4])))
    return Case(g.finish([ti, tn], [to]), [x, noise], common_desc(n=n, snr_shift=snr_shift))


# ---- stateful -----------------------------------------------------------

def _invokes(rng, inv):
    return int(rng.integers(1, 9)) if inv is None else inv


def spectral_subtraction(rng, n=None, inv=None, clamping=None, bits=None):
    n = int(rng.integers(1, 41)) if n is None else n
    inv = _invokes(rng, inv)
    sb = int(rng.integers(0, 17))
    one = 1 << sb
    sm = int(rng.integers(0, one + 1))
    alt = int(rng.integers(0, one + 1))
    opts = {"num_channels": n, "smoothing": sm, "one_minus_smoothing": one - sm,
            "alternate_smoothing": alt, "alternate_one_minus_smoothing": one - alt,
            "smoothing_bits": sb, "spectral_subtraction_bits": int(rng.integers(0, 17)),
            "min_signal_remaining": int(rng.integers(0, 1 << 14)),
            "clamping": bool(rng.random() < 0.5) if clamping is None else clamping}
    if rng.random() < 0.2:  # weights not summing to one
        opts["one_minus_smoothing"] = int(rng.integers(0, one + 1))
    g = Graph()
    ti = g.tensor("input", [n], TT.UINT32)
    to = g.tensor("output", [n], TT.UINT32)
    tn = g.tensor("noise_estimate", [n], TT.UINT32)
    g.custom_op("SignalFilterBankSpectralSubtraction", [ti], [to, tn], opts)
    bits = int(rng.choice([32, 24, 16, 10])) if bits is None else bits
    x = _stack(rng, inv, lambda: _u32(rng, [n], bits))
    return Case(g.finish([ti], [to, tn]), [x], common_desc(n=n, bits=bits, **opts),
                n_outputs=2, invokes=inv)


def framer(rng, size=None, step=None, per=None, rows=None, prefill=None, inv=None):
    size = int(rng.integers(1, 33)) if size is None else size
    step = int(rng.integers(1, size + 1)) if step is None else step
    per = int(rng.integers(1, 5)) if per is None else per
    rows = _rows(rng) if rows is None else rows
    prefill = bool(rng.random() < 0.5) if prefill is None else prefill
    inv = _invokes(rng, inv)
    inner = per * step
    g = Graph()
    ti = g.tensor("input", rows + [inner], TT.INT16)
    to = g.tensor("output", rows + [per, size], TT.INT16)
    tv = g.tensor("output_valid", [], TT.BOOL)
    g.custom_op("SignalFramer", [ti], [to, tv],
                {"frame_size": size, "frame_step": step, "prefill": prefill})
    x = _stack(rng, inv, lambda: _i16(rng, rows + [inner]))
    case = Case(g.finish([ti], [to, tv]), [x],
                common_desc(rows=rows, inner=inner, frame_size=size, frame_step=step,
                            prefill=prefill), n_outputs=2, invokes=inv)
    case.framer = (size, step, per, prefill)
    return case


def framer_fix(case, expected):
    """A frame the FIFO cannot fill yet is left as it was by TFLite Micro
    (undefined) and zeroed by mote."""
    size, step, per, prefill = case.framer
    out = np.array(expected[0])
    held = size - step if prefill else 0
    for t in range(case.invokes):
        o = out[t] if case.invokes > 1 else out
        for f in range(per):
            held += step
            if held >= size:
                held -= step
            else:
                o[..., f, :] = 0
    return [out] + list(expected[1:])


def stacker_fix(case, expected):
    """Until the stack is full (output_valid false) TFLite Micro leaves the
    output as it was (undefined); mote zeroes it."""
    out = np.array(expected[0])
    valid = np.array(expected[1]).reshape(case.invokes)
    o = out.reshape(case.invokes, -1)
    o[~valid] = 0
    return [o.reshape(out.shape)] + list(expected[1:])


def stacker(rng, nc=None, left=None, right=None, step=None, inv=None):
    nc = int(rng.integers(1, 17)) if nc is None else nc
    left = int(rng.integers(0, 4)) if left is None else left
    right = int(rng.integers(0, 4)) if right is None else right
    step = int(rng.integers(1, left + right + 2)) if step is None else step
    inv = _invokes(rng, inv)
    out = nc * (left + right + 1)
    g = Graph()
    ti = g.tensor("input", [nc], TT.INT16)
    to = g.tensor("output", [out], TT.INT16)
    tv = g.tensor("output_valid", [], TT.BOOL)
    g.custom_op("SignalStacker", [ti], [to, tv],
                {"num_channels": nc, "stacker_left_context": left,
                 "stacker_right_context": right, "stacker_step": step})
    x = _stack(rng, inv, lambda: _i16(rng, [nc]))
    return Case(g.finish([ti], [to, tv]), [x],
                common_desc(channels=nc, left=left, right=right, step=step),
                n_outputs=2, invokes=inv)


def delay(rng, n=None, d=None, rows=None, inv=None):
    n = int(rng.integers(1, 33)) if n is None else n
    d = int(rng.integers(0, 41)) if d is None else d
    rows = _rows(rng) if rows is None else rows
    inv = _invokes(rng, inv)
    g = Graph()
    ti = g.tensor("input", rows + [n], TT.INT16)
    to = g.tensor("output", rows + [n], TT.INT16)
    g.custom_op("SignalDelay", [ti], [to], {"delay_length": d})
    x = _stack(rng, inv, lambda: _i16(rng, rows + [n]))
    return Case(g.finish([ti], [to]), [x], common_desc(shape=rows + [n], delay=d),
                invokes=inv)


def overlap_add(rng, dtype, size=None, step=None, frames=None, rows=None, inv=None):
    ttype = _fft_type(dtype)
    size = int(rng.integers(1, 33)) if size is None else size
    step = int(rng.integers(1, size + 1)) if step is None else step
    frames = int(rng.integers(1, 5)) if frames is None else frames
    rows = _rows(rng) if rows is None else rows
    inv = _invokes(rng, inv)
    g = Graph()
    ti = g.tensor("input", rows + [frames, size], ttype)
    to = g.tensor("output", rows + [frames * step], ttype)
    g.custom_op("SignalOverlapAdd", [ti], [to], {"T": ttype, "frame_step": step})
    x = _stack(rng, inv, lambda: _samples(rng, ttype, rows + [frames, size]))
    return Case(g.finish([ti], [to]), [x],
                common_desc(input=rows + [frames, size], frame_step=step), invokes=inv)


def check(dtype, want):
    if dtype != want:
        raise Invalid(dtype)
