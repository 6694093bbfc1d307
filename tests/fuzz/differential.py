#!/usr/bin/env python3
"""Differential check: models mote accepts, run in mote and in TensorFlow
Lite Micro's Python interpreter, must give the same output bytes.

Takes every model file under the given paths (fuzz corpora, regressions,
hostile and robustness models: any file, .tflite or not, is tried as a model),
keeps those `mote inspect --json` accepts, draws seeded random inputs of the
input tensors' types (plus the all-minimum and all-maximum patterns), runs
`mote run` and TFLM (in a crash-isolated child: tests/ops/oracle.py), and
compares integer outputs byte for byte, float outputs within the op suite's
tolerance (1e-5 * max|expected| + 1e-30). A model TFLM refuses or crashes on
is counted, not failed: mote may accept more than TFLM (and must never
crash, which the fuzzers check).

Prints one line per disagreement, then
`differential: N passed, M failed (K accepted by mote, R refused by TFLM)`
and exits non-zero on any disagreement.

  differential.py --mote build/mote tests/fuzz/corpus/fuzz_model tests/robust/data
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "ops"))
from oracle import OracleRejected, OracleServer  # noqa: E402

DTYPES = {"INT8": np.int8, "UINT8": np.uint8, "INT16": np.int16, "INT32": np.int32,
          "FLOAT32": np.float32}
# Models where TFLite Micro has no defined answer to be exact with, checked
# by hand (LiteRT's reference kernels agree with mote or refuse the model):
KNOWN = {
    "ok_buffer_offset.tflite":
        "TFLM's Python interpreter ignores buffer data stored after the flatbuffer "
        "(Buffer.offset/size); LiteRT reads it and gives mote's bytes",
    "avgpool_filter_clipped_ok.tflite":
        "a 2^20 x 2^20 pool window: TFLM leaves the output unwritten, LiteRT refuses "
        "the model; mote averages the 9 in-bounds values",
}
MAX_MODEL = 4 << 20   # larger files are skipped: the oracle's arena is sized per model
MAX_ELEMENTS = 1 << 20


def model_files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for root, _, files in os.walk(p):
            for f in sorted(files):
                yield os.path.join(root, f)


def inspect(mote, path):
    r = subprocess.run([mote, "inspect", path, "--json"], capture_output=True, text=True,
                       timeout=60)
    return json.loads(r.stdout) if r.returncode == 0 else None


def draw_inputs(info, rng, pattern):
    arrays = []
    for t in info["inputs"]:
        dt = DTYPES.get(t["type"])
        shape = tuple(t["shape"])
        if dt is None or int(np.prod(shape, dtype=np.int64)) > MAX_ELEMENTS:
            return None
        if dt == np.float32:
            base = {"min": -3.0, "max": 3.0}.get(pattern)
            x = (np.full(shape, base, np.float32) if base is not None
                 else rng.standard_normal(shape).astype(np.float32))
        else:
            lo, hi = np.iinfo(dt).min, np.iinfo(dt).max
            x = (np.full(shape, lo if pattern == "min" else hi, dt) if pattern != "random"
                 else rng.integers(lo, hi + 1, size=shape, dtype=np.int64).astype(dt))
        arrays.append(x)
    return arrays


def run_mote(mote, path, arrays, n_out, tmp):
    args = [mote, "run", path]
    for k, x in enumerate(arrays):
        f = os.path.join(tmp, "in%d.bin" % k)
        x.tofile(f)
        args += ["--input", f]
    outs = [os.path.join(tmp, "out%d.bin" % k) for k in range(n_out)]
    for f in outs:
        args += ["--output", f]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        return None, r.stderr.strip()
    return [open(f, "rb").read() for f in outs], ""


def same(info_out, got, want):
    dt = DTYPES.get(info_out["type"])
    w = np.asarray(want)
    if dt == np.float32:
        g = np.frombuffer(got, np.float32)
        w = w.astype(np.float32).ravel()
        if g.shape != w.shape:
            return False
        tol = 1e-5 * float(np.max(np.abs(w))) + 1e-30 if w.size else 0.0
        return bool(np.all(np.abs(g - w) <= tol))
    return got == w.tobytes()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mote", default="build/mote")
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    oracle = OracleServer()
    rng = np.random.default_rng(args.seed)
    passed = failed = accepted = refused = known = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in model_files(args.paths):
            if os.path.getsize(path) > MAX_MODEL:
                continue
            info = inspect(args.mote, path)
            if info is None:
                continue
            accepted += 1
            if os.path.basename(path) in KNOWN:
                known += 1
                print("known %s: %s" % (path, KNOWN[os.path.basename(path)]))
                continue
            model = open(path, "rb").read()
            for pattern in ("random", "min", "max"):
                arrays = draw_inputs(info, rng, pattern)
                if arrays is None:
                    break
                try:
                    want = oracle.call("tflm", model, arrays, len(info["outputs"]))
                except OracleRejected:
                    refused += 1
                    break
                got, err = run_mote(args.mote, path, arrays, len(info["outputs"]), tmp)
                if got is None:
                    failed += 1
                    print("FAIL %s (%s inputs): mote run refused what inspect accepted: %s"
                          % (path, pattern, err))
                    continue
                if all(same(o, g, w) for o, g, w in zip(info["outputs"], got, want)):
                    passed += 1
                else:
                    failed += 1
                    print("FAIL %s (%s inputs, seed %d): outputs differ from TFLM"
                          % (path, pattern, args.seed))
    oracle.close()
    print("differential: %d passed, %d failed (%d accepted by mote, %d refused by TFLM, "
          "%d known differences)" % (passed, failed, accepted, refused, known))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
