"""Refusal cases of TFLite Micro's Signal library operators (CUSTOM
operators, src/ops/signal_*.c): bad FlexBuffer custom_options, parameters
out of range, FFT lengths mote does not run, shapes that do not fit.
Appended to test_lower.py's CASES: each model must be refused by `mote
inspect` with one line holding the words, or (words None) load."""

import numpy as np

from tflite_builder import TT, Graph


def one(code, in_shape, out_shapes, opts, in_tt=TT.INT16, out_tts=None, consts=(),
        raw_options=None):
    """A single custom operator: a runtime input, constants (name, array,
    type), outputs."""
    g = Graph()
    ti = g.tensor("in", in_shape, in_tt)
    ins = [ti] + [g.const(n, a, t) for n, a, t in consts]
    out_tts = out_tts or [in_tt] * len(out_shapes)
    outs = [g.tensor("out%d" % k, s, t) for k, (s, t) in enumerate(zip(out_shapes, out_tts))]
    g.custom_op(code, ins, outs, opts)
    if raw_options is not None:
        g.ops[-1].customOptions = list(raw_options)
    return g.finish([ti], outs)


def rfft(n=16, length=None, t=TT.INT16, out=None, code="SignalRfft", opts=None, **kw):
    length = n if length is None else length
    o = {"T": t, "fft_length": n} if opts is None else opts
    if code == "SignalRfft":
        return one(code, [length], [[n + 2 if out is None else out]], o, in_tt=t, **kw)
    return one(code, [n + 2], [[n if out is None else out]], o, in_tt=t, **kw)


def framer(size=4, step=2, inner=4):
    return one("SignalFramer", [inner], [[inner // step, size], []],
               {"frame_size": size, "frame_step": step, "prefill": False},
               out_tts=[TT.INT16, TT.BOOL])


def filter_bank(const=True, start=0, width=2, n_in=8):
    tables = [np.ones(4, np.int16), np.ones(4, np.int16), np.array([0, start], np.int16),
              np.array([0, 0], np.int16), np.array([2, width], np.int16)]
    names = ["w", "uw", "fs", "ws", "wd"]
    g = Graph()
    ti = g.tensor("in", [n_in], TT.UINT32)
    ins = [ti]
    for name, t in zip(names, tables):
        ins.append(g.const(name, t, TT.INT16) if const or name != "w"
                   else g.tensor(name, [4], TT.INT16))
    to = g.tensor("out", [1], TT.UINT64)
    g.custom_op("SignalFilterBank", ins, [to], {"num_channels": 1})
    return g.finish([ti] + ([] if const else [ins[1]]), [to])


SIGNAL_CASES = [
    ("signal rfft loads", rfft(), None),
    ("signal irfft loads", rfft(code="SignalIrfft"), None),
    ("signal framer loads", framer(), None),
    ("signal filter bank loads", filter_bank(), None),
    ("signal rfft fft_length 12", rfft(n=12), ["fft_length 12 is not a power of two"]),
    ("signal irfft fft_length 24", rfft(n=24, code="SignalIrfft"),
     ["fft_length 24 is not a power of two"]),
    ("signal rfft fft_length 2", rfft(n=2), ["fft_length = 2 is outside 4..65536"]),
    ("signal rfft T float32 on int16", rfft(opts={"T": TT.FLOAT32, "fft_length": 16}),
     ["custom option T = 0 is outside 7..7"]),
    ("signal rfft without fft_length", rfft(opts={"T": TT.INT16}),
     ["custom_options lack 'fft_length'"]),
    ("signal rfft fft_length a string", rfft(opts={"T": TT.INT16, "fft_length": "16"}),
     ["custom_options 'fft_length'"]),
    ("signal rfft garbage options", rfft(raw_options=[1, 2, 3, 4]), ["custom_options (4 bytes)"]),
    ("signal rfft no options", rfft(opts={}, raw_options=[]), ["custom_options (0 bytes)"]),
    ("signal rfft rows longer than fft_length", rfft(n=16, length=20),
     ["rows of 20 samples (at most fft_length 16)"]),
    ("signal rfft output too short", rfft(out=16), ["output rows have 16"]),
    ("signal window shift 40", one("SignalWindow", [8], [[8]], {"shift": 40},
                                   consts=[("w", np.ones(8), TT.INT16)]),
     ["shift = 40 is outside 0..31"]),
    ("signal window of 3 on 8", one("SignalWindow", [8], [[8]], {"shift": 1},
                                    consts=[("w", np.ones(3), TT.INT16)]),
     ["a multiple of the 3 window weights"]),
    ("signal framer step past size", framer(size=2, step=4, inner=8),
     ["frame_step = 4 is outside 1..2"]),
    ("signal framer inner not a multiple", framer(size=4, step=3, inner=4),
     ["not a multiple of frame_step 3"]),
    ("signal energy end before start", one("SignalEnergy", [16], [[8]],
                                           {"start_index": 5, "end_index": 2},
                                           out_tts=[TT.UINT32]),
     ["end_index = 2 is outside 5..8"]),
    ("signal energy end past bins", one("SignalEnergy", [16], [[8]],
                                        {"start_index": 0, "end_index": 9},
                                        out_tts=[TT.UINT32]),
     ["end_index = 9 is outside 0..8"]),
    ("signal filter bank runtime weights", filter_bank(const=False), ["must be a constant"]),
    ("signal filter bank reads past the spectrum", filter_bank(start=7, width=2),
     ["reads outside the spectrum or the weights"]),
    ("signal stacker step 0", one("SignalStacker", [4], [[8], []],
                                  {"num_channels": 4, "stacker_left_context": 1,
                                   "stacker_right_context": 0, "stacker_step": 0},
                                  out_tts=[TT.INT16, TT.BOOL]),
     ["stacker_step = 0 is outside 1..2"]),
    ("signal pcan short gain table", one("SignalPCAN", [4], [[4]], {"snr_shift": 6},
                                         in_tt=TT.UINT32,
                                         consts=[("noise", np.ones(4), TT.UINT32),
                                                 ("lut", np.ones(100), TT.INT16)]),
     ["gain table has 100 entries; needs 125"]),
    ("signal spectral subtraction 40 bits", one(
        "SignalFilterBankSpectralSubtraction", [4], [[4], [4]],
        {"num_channels": 4, "smoothing": 1, "one_minus_smoothing": 1, "alternate_smoothing": 1,
         "alternate_one_minus_smoothing": 1, "smoothing_bits": 40,
         "spectral_subtraction_bits": 14, "min_signal_remaining": 1, "clamping": False},
        in_tt=TT.UINT32), ["smoothing_bits = 40 is outside 0..31"]),
    ("signal overlap add T mismatch", one("SignalOverlapAdd", [2, 4], [[4]],
                                          {"T": TT.FLOAT32, "frame_step": 2}),
     ["custom option T = 0 is outside 7..7"]),
    ("signal unknown custom code", one("SignalNoSuchOp", [4], [[4]], {"x": 1}),
     ["SignalNoSuchOp"]),
]
