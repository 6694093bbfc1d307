#!/usr/bin/env python3
"""tests/apps: the sensor applications (examples/wakeword, anomaly, vww) on
the bundled samples, their front-ends against numpy re-implementations of
the benchmarks' own code, and host == Cortex-M4 firmware under QEMU.

Checks and tolerances:
  wakeword   marvin_617de221_0.wav: exactly one "marvin" detection; yes, no,
             noise, silence: none; the fixed-point front-end prints the same
             lines as the float one on every clip; int8 features (--dump) of
             every clip against a numpy float64 re-implementation of the
             benchmark's tf.signal graph (get_dataset.py, eval_long_wav.py):
             >= 99 % equal, never more than 1 apart
  anomaly    the .bin input is used unchanged (--dump == the file); normal
             sample: every window below the threshold (15), no alert;
             synthetic fault (a 4 kHz tone at -40 dBFS): every window above
             it, one alert whose 24-byte record decodes to the printed
             fields with a valid CRC-32; the WAV front-end (--dump) against a
             numpy float64 re-implementation of librosa 0.6's melspectrogram
             (center/reflect, periodic Hann, Slaney mel, 10 log10(x + eps)):
             |err| <= 0.02 dB where the reference is above -100 dB
  vww        person.bmp / no_person.bmp, both models: person_score ==
             (golden q + 128) / 256 exactly; the same image as PGM, PPM, PNG
             (written here with zlib) and enlarged 2x (nearest) gives the
             same score (bilinear 2x shrink of a 2x nearest enlargement is
             exact)
  firmware   every case above run as M4 firmware (mps2-an386) prints the same
             lines as the host, apart from "cost" lines and arena= fields
             (the firmware's kernels may plan differently)
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile
import wave
import zlib

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "dsp"))
from test_dsp import librosa_mel, tf_linear_to_mel  # noqa: E402

AUDIO = "models/samples/audio"
IMAGES = "models/samples/images"
AD_BIN = "models/mlperf-tiny/data/normal_id_01_00000000_hist_librosa.bin"
GOLDEN = "tests/data/golden"
passed = failed = 0


def check(name, ok, detail):
    global passed, failed
    if ok:
        passed += 1
        print(f"  ok   {name}: {detail}")
    else:
        failed += 1
        print(f"  FAIL {name}: {detail}")


def run(cmd):
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} -> {r.returncode}: {r.stderr}{r.stdout}")
    return r.stdout


def qemu(elf, args, timeout=120):
    cmd = ["timeout", str(timeout), "qemu-system-arm", "-M", "mps2-an386", "-nographic",
           "-monitor", "none", "-semihosting-config", "enable=on,target=native",
           "-icount", "shift=0", "-kernel", elf, "-append", " ".join(args)]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"qemu {elf} {args} -> {r.returncode}: {r.stdout}{r.stderr}")
    return r.stdout


def result_lines(text):
    """Lines that must agree between host and firmware."""
    out = []
    for line in text.splitlines():
        if line.startswith("cost "):
            continue
        out.append(" ".join(p for p in line.split() if not p.startswith("arena=")))
    return out


def fields(line):
    return dict(p.split("=", 1) for p in line.split() if "=" in p)


def read_wav(path):
    with wave.open(os.path.join(ROOT, path)) as w:
        d = np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, w.getnchannels())
    s = d.astype(np.int64).sum(1)
    ch = d.shape[1]
    return (np.sign(s) * ((np.abs(s) + ch // 2) // ch)).astype(np.int16)


# ---------------------------------------------------------------- wake word
def ww_reference(x):
    """The benchmark's lfbe features (float64) and their int8 input."""
    x = x.astype(np.float64)
    peak = x.max() if x.max() > 0 else 32768.0
    x = x / peak
    y = np.concatenate([[x[0]], x[1:] - (1 - 2 ** -5) * x[:-1]])
    n = 1 + (len(y) - 1024) // 512
    fr = np.stack([y[t * 512:t * 512 + 1024] for t in range(n)])
    pw = np.abs(np.fft.rfft(fr * np.hamming(1024))) ** 2 / 1024
    pw = np.clip(pw, 1e-30, None)
    mel = pw @ tf_linear_to_mel(40, 513, 16000, 0.0, 8000.0)
    f = np.clip((10 * np.log10(mel) + 52) / 64, 0, 1)
    q = np.clip(np.trunc(f / 0.00370104262 - 128), -128, 127).astype(np.int8)
    return f, q


def test_wakeword(bindir, tmp):
    ww = os.path.join(bindir, "wakeword")
    clips = ["marvin_617de221_0", "yes_1000ms", "no_1000ms", "noise_1000ms", "silence_1000ms",
             "short_wav_easy10s"]
    for c in clips:
        path = f"{AUDIO}/{c}.wav"
        dump = os.path.join(tmp, c + ".ww")
        out = run([ww, "--dump", dump, path])
        fixed = run([ww, "--fixed", path])
        det = [ln for ln in out.splitlines() if ln.startswith("marvin ")]
        summary = fields(out.splitlines()[-1])
        if c.startswith("marvin"):
            check(f"wakeword {c}", len(det) == 1, " | ".join(out.splitlines()))
        elif c.startswith("short"):
            check(f"wakeword {c}", len(det) >= 1, " | ".join(out.splitlines()))
        else:
            check(f"wakeword {c}", len(det) == 0 and float(summary["max_score"]) < 0.5,
                  " | ".join(out.splitlines()))
        check(f"wakeword --fixed {c}", fixed == out, "same lines as the float front-end")
        got = np.fromfile(dump, np.int8).reshape(-1, 40)
        _, want = ww_reference(read_wav(path))
        diff = np.abs(got.astype(int) - want.astype(int))
        eq = (diff == 0).mean()
        check(f"wakeword features {c}", got.shape == want.shape and eq >= 0.99 and diff.max() <= 1,
              f"{got.shape[0]} frames, {eq * 100:.2f} % equal, max diff {diff.max()}")


# ---------------------------------------------------------------- anomaly
def librosa_logmel(x):
    """librosa 0.6: melspectrogram(n_fft=1024, hop=512, n_mels=128, power=2),
    center=True with reflect padding, periodic Hann; 10 log10(mel + eps)."""
    y = x.astype(np.float64) / 32768.0
    yp = np.pad(y, 512, mode="reflect")
    n = 1 + (len(yp) - 1024) // 512
    fr = np.stack([yp[t * 512:t * 512 + 1024] for t in range(n)])
    win = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(1024) / 1024)
    pw = np.abs(np.fft.rfft(fr * win)) ** 2
    mel = pw @ librosa_mel(16000, 1024, 128, 0.0, 8000.0)
    return 10 * np.log10(mel + np.finfo(float).eps)


def check_record(name, line):
    f = fields(line)
    rec = bytes.fromhex(f["record"])
    ver, typ, dev, t_ms, win, score, thr, crc = struct.unpack("<BBHIIffI", rec)
    ok = (len(rec) == 24 and ver == 1 and typ == 1 and crc == zlib.crc32(rec[:20]) and
          win == int(f["window"]) and abs(t_ms / 1000 - float(f["t"][:-1])) < 0.006 and
          abs(score - float(f["score"])) < 1e-3 and score > thr)
    check(name, ok, f"{len(rec)} bytes: device {dev}, t {t_ms} ms, window {win}, score "
                    f"{score:.3f} > threshold {thr:.1f}, crc32 {crc:08x}")


def test_anomaly(bindir, tmp):
    ad = os.path.join(bindir, "anomaly")
    dump = os.path.join(tmp, "ad.bin")
    out = run([ad, "--dump", dump, AD_BIN])
    lines = out.splitlines()
    scores = [float(fields(ln)["score"]) for ln in lines if ln.startswith("window=")]
    s = fields(lines[-1])
    check("anomaly input unchanged", open(dump, "rb").read() == open(os.path.join(ROOT, AD_BIN), "rb").read(),
          "--dump equals the .bin")
    check("anomaly normal sample", len(scores) == 196 and max(scores) < 15.0 and s["alerts"] == "0",
          f"{len(scores)} windows, score {s['score']} (max {max(scores):.3f}) < 15, alerts "
          f"{s['alerts']}, {s['bytes_per_hour']} bytes/hour")
    out = run([ad, "--add-tone", "4000:-40", AD_BIN])
    lines = out.splitlines()
    scores = [float(fields(ln)["score"]) for ln in lines if ln.startswith("window=")]
    alerts = [ln for ln in lines if ln.startswith("alert ")]
    s = fields(lines[-1])
    check("anomaly synthetic fault (4 kHz tone, -40 dBFS)",
          min(scores) > 15.0 and len(alerts) == 1,
          f"score {s['score']} (min {min(scores):.3f}) > 15, alerts {s['alerts']}, "
          f"{s['bytes_per_hour']} bytes/hour")
    if alerts:
        check_record("anomaly alert record", alerts[0])
    for clip in ("noise_1000ms", "yes_1000ms"):
        path = f"{AUDIO}/{clip}.wav"
        run([ad, "--quiet", "--dump", dump, path])
        got = np.fromfile(dump, "<f4").reshape(-1, 128).astype(np.float64)
        want = librosa_logmel(read_wav(path))
        m = want > -100
        err = np.abs(got - want)[m].max() if got.shape == want.shape else np.inf
        check(f"anomaly WAV front-end {clip}", got.shape == want.shape and err <= 0.02,
              f"{got.shape[0]} frames x 128, max |err| {err:.4f} dB against librosa's formula "
              f"(<= 0.02 dB above -100 dB)")


# ---------------------------------------------------------------- vision
def read_bmp_gray(path):
    b = open(os.path.join(ROOT, path), "rb").read()
    off, w, h = struct.unpack_from("<I", b, 10)[0], *struct.unpack_from("<ii", b, 18)
    pal = np.frombuffer(b, np.uint8, 1024, 54).reshape(256, 4)[:, 0]
    stride = (w + 3) & ~3
    rows = np.frombuffer(b, np.uint8, stride * abs(h), off).reshape(abs(h), stride)[:, :w]
    img = pal[rows]
    return img[::-1] if h > 0 else img


def write_png(path, img):
    h, w = img.shape[:2]
    color = 2 if img.ndim == 3 else 0
    raw = b"".join(b"\0" + img[y].tobytes() for y in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    open(path, "wb").write(data)


def test_vww(bindir, tmp):
    vww = os.path.join(bindir, "vww")
    for name in ("person", "no_person"):
        img = read_bmp_gray(f"{IMAGES}/{name}.bmp")
        variants = {"bmp": f"{IMAGES}/{name}.bmp"}
        p = os.path.join(tmp, name + ".pgm")
        open(p, "wb").write(b"P5\n96 96\n255\n" + img.tobytes())
        variants["pgm"] = p
        p = os.path.join(tmp, name + ".ppm")
        open(p, "wb").write(b"P6\n# rgb\n96 96\n255\n" + np.repeat(img, 3).tobytes())
        variants["ppm"] = p
        p = os.path.join(tmp, name + ".png")
        write_png(p, img)
        variants["png"] = p
        p = os.path.join(tmp, name + "_2x.png")
        write_png(p, np.repeat(np.repeat(np.stack([img] * 3, -1), 2, 0), 2, 1))
        variants["png 192x192 rgb"] = p
        for model, gold in (("person_detect", "person_detect"), ("vww", "vww_96_int8")):
            q = np.fromfile(os.path.join(ROOT, GOLDEN, gold, f"out_{name}.bin"), np.int8)
            want = (int(q[1]) + 128) / 256
            for kind, path in variants.items():
                out = run([vww, "--model", model, path])
                f = fields(out.splitlines()[0])
                label = "person" if q[1] > q[0] else "no_person"
                check(f"vww {model} {name} ({kind})",
                      float(f["person_score"]) == want and f["label"] == label,
                      f"{out.splitlines()[0]} (golden {want})")


# ---------------------------------------------------------------- firmware
def test_firmware(bindir, fwdir):
    cases = [("wakeword", [f"{AUDIO}/marvin_617de221_0.wav"]),
             ("wakeword", [f"{AUDIO}/short_wav_easy10s.wav"]),
             ("wakeword", [f"{AUDIO}/yes_1000ms.wav"]),
             ("anomaly", ["--quiet", AD_BIN]),
             ("anomaly", ["--add-tone", "4000:-40", AD_BIN]),
             ("anomaly", [f"{AUDIO}/noise_1000ms.wav"]),
             ("vww", [f"{IMAGES}/person.bmp"]),
             ("vww", [f"{IMAGES}/no_person.bmp"]),
             ("vww", ["--model", "vww", f"{IMAGES}/person.bmp"]),
             ("vww", ["--model", "vww", f"{IMAGES}/no_person.bmp"])]
    for app, args in cases:
        host = result_lines(run([os.path.join(bindir, app)] + args))
        fw = result_lines(qemu(os.path.join(fwdir, f"fw_{app}.elf"), args))
        last = host[-1] if host else ""
        check(f"firmware {app} {' '.join(args)}", host == fw,
              f"{len(fw)} lines equal to the host's ({last})" if host == fw else
              f"host {host[:3]}... firmware {fw[:3]}...")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True, help="directory of the host applications")
    ap.add_argument("--fw", required=True, help="directory of fw_*.elf")
    ap.add_argument("--driver", required=False)
    a = ap.parse_args()
    bindir, fwdir = os.path.abspath(a.bin), os.path.abspath(a.fw)
    with tempfile.TemporaryDirectory() as tmp:
        for name, fn in (("test_wakeword", lambda: test_wakeword(bindir, tmp)),
                         ("test_anomaly", lambda: test_anomaly(bindir, tmp)),
                         ("test_vww", lambda: test_vww(bindir, tmp)),
                         ("test_firmware", lambda: test_firmware(bindir, fwdir))):
            print(name)
            try:
                fn()
            except Exception as e:  # one failure; the rest still run
                check(name, False, f"raised {e!r}")
    print(f"apps: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
