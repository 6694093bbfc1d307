#!/usr/bin/env python3
"""TFLite Micro's Signal library operators chained as an audio front-end,
against TFLite Micro over several invokes.

  micro_speech: Window -> FftAutoScale -> Rfft -> Energy -> FilterBank ->
      FilterBankSquareRoot (scale_bits: FftAutoScale's output 1) ->
      FilterBankSpectralSubtraction (state) -> PCAN (its noise estimate) ->
      FilterBankLog, as TFLite Micro's micro_speech feature generator.
  plain: Window -> Rfft -> Energy -> FilterBank -> FilterBankSquareRoot ->
      FilterBankLog (no state).

Each model runs 6 invokes of random audio through TFLite Micro's Python
interpreter; the expected outputs become stateful cases ("invokes=N") for
tests/ops/run_cases.c (exact arena, guard bytes, every kernel row, then
mote_session_reset() and the first invoke again).

With a mote CLI it also checks `mote inspect` names the custom operators
(SignalRfft, not CUSTOM) and that `mote compile` refuses the stateful model
(its state would be const data) and compiles the stateless one.

Usage: test_signal_pipeline.py RUN_CASES OUT_DIR [MOTE]
"""
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

from oracle import run_tflm  # noqa: E402
from spec_signal import pcan_lut  # noqa: E402
from tflite_builder import TT, Graph  # noqa: E402

FRAME, FFT, BINS, START, END, CHANNELS = 480, 512, 257, 4, 200, 40


def mel_tables(rng):
    """Channels over bins [START, END) only (Energy leaves the others)."""
    spacing = (END - START) / (CHANNELS + 1)
    fstart, wstart, width = [], [], []
    w = 0
    for i in range(CHANNELS + 1):
        f = START + int(i * spacing)
        k = min(int(2 * spacing) + 1, END - f)
        fstart.append(f)
        wstart.append(w)
        width.append(k)
        w += k
    weights = rng.integers(0, 4097, size=w).astype(np.int16)
    return [weights, (4096 - weights).astype(np.int16), np.array(fstart, np.int16),
            np.array(wstart, np.int16), np.array(width, np.int16)]


def front_end(rng, stateful):
    g = Graph()
    audio = g.tensor("audio", [FRAME], TT.INT16)
    win = g.const("window", (np.hanning(FRAME) * 4096).astype(np.int16), TT.INT16)
    windowed = g.tensor("windowed", [FRAME], TT.INT16)
    g.custom_op("SignalWindow", [audio, win], [windowed], {"shift": 12})
    if stateful:
        scaled = g.tensor("scaled", [FRAME], TT.INT16)
        shift = g.tensor("shift", [], TT.INT32)
        g.custom_op("SignalFftAutoScale", [windowed], [scaled, shift])
    else:
        scaled = windowed
        shift = g.const("shift", np.array([0], np.int32), TT.INT32)
        g.tensors[shift].shape = []
    spectrum = g.tensor("spectrum", [FFT + 2], TT.INT16)
    g.custom_op("SignalRfft", [scaled], [spectrum], {"T": TT.INT16, "fft_length": FFT})
    energy = g.tensor("energy", [BINS], TT.UINT32)
    g.custom_op("SignalEnergy", [spectrum], [energy], {"start_index": START, "end_index": END})
    names = ["weights", "unweights", "channel_frequency_starts", "channel_weight_starts",
             "channel_widths"]
    tables = [g.const(n, t, TT.INT16) for n, t in zip(names, mel_tables(rng))]
    mel = g.tensor("mel", [CHANNELS], TT.UINT64)
    g.custom_op("SignalFilterBank", [energy] + tables, [mel], {"num_channels": CHANNELS})
    root = g.tensor("root", [CHANNELS], TT.UINT32)
    g.custom_op("SignalFilterBankSquareRoot", [mel, shift], [root])
    if stateful:
        clean = g.tensor("clean", [CHANNELS], TT.UINT32)
        noise = g.tensor("noise", [CHANNELS], TT.UINT32)
        g.custom_op("SignalFilterBankSpectralSubtraction", [root], [clean, noise], {
            "num_channels": CHANNELS, "smoothing": 41, "one_minus_smoothing": 983,
            "alternate_smoothing": 41, "alternate_one_minus_smoothing": 983,
            "smoothing_bits": 10, "spectral_subtraction_bits": 14,
            "min_signal_remaining": 819, "clamping": False})
        gained = g.tensor("gained", [CHANNELS], TT.UINT32)
        lut = g.const("gain_lut", pcan_lut(rng), TT.INT16)
        g.custom_op("SignalPCAN", [clean, noise, lut], [gained], {"snr_shift": 6})
        root = gained
    features = g.tensor("features", [CHANNELS], TT.INT16)
    g.custom_op("SignalFilterBankLog", [root], [features],
                {"input_correction_bits": 3, "output_scale": 64})
    return g.finish([audio], [features])


def audio(rng, invokes):
    out = []
    for _ in range(invokes):
        amp = float(rng.choice([30000, 8000, 500, 20]))
        t = np.arange(FRAME)
        tone = np.sin(2 * np.pi * t * rng.uniform(0.01, 0.3)) * amp
        out.append(np.clip(tone + rng.normal(0, amp / 8, FRAME), -32768, 32767).astype(np.int16))
    return np.stack(out)


def check_cli(mote, out, models):
    bad = 0
    for name, path in models:
        text = subprocess.run([mote, "inspect", path], capture_output=True, text=True).stdout
        if "SignalRfft" not in text or "CUSTOM" in text:
            print("FAIL mote inspect %s: custom codes not shown" % name)
            bad += 1
        cdir = os.path.join(out, "compiled-" + name)
        os.makedirs(cdir, exist_ok=True)
        r = subprocess.run([mote, "compile", path, "--name", "fe", "-o", cdir],
                           capture_output=True, text=True)
        if name == "micro_speech":
            if r.returncode == 0 or "keeps state across invokes" not in r.stderr:
                print("FAIL mote compile %s should refuse the stateful model: %s"
                      % (name, (r.stderr or r.stdout).strip()[:200]))
                bad += 1
        elif r.returncode != 0:
            print("FAIL mote compile %s: %s" % (name, r.stderr.strip()[:200]))
            bad += 1
    print("signal pipeline CLI checks: %d passed, %d failed" % (2 * len(models) - bad, bad))
    return bad


def main():
    runner, out = sys.argv[1], sys.argv[2]
    mote = sys.argv[3] if len(sys.argv) > 3 else None
    kdir = os.path.join(out, "SIGNAL_RFFT")
    os.makedirs(kdir, exist_ok=True)
    rng = np.random.default_rng(20261202)
    manifest, models = [], []
    for i, (name, stateful) in enumerate([("micro_speech", True), ("plain", False)]):
        model = front_end(rng, stateful)
        x = audio(rng, 6)
        expect = run_tflm(model, [x], 1, invokes=6)
        path = os.path.join(kdir, "%d.tflite" % i)
        with open(path, "wb") as fh:
            fh.write(model)
        x.tofile(os.path.join(kdir, "%d.in0" % i))
        np.asarray(expect[0]).tofile(os.path.join(kdir, "%d.out0" % i))
        manifest.append("SIGNAL_RFFT %d 1 1 invokes=6 signal pipeline %s" % (i, name))
        models.append((name, path))
    with open(os.path.join(out, "manifest.txt"), "w") as fh:
        fh.write("\n".join(manifest) + "\n")
    rc = subprocess.call([runner, out])
    if mote is not None and check_cli(mote, out, models):
        rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
