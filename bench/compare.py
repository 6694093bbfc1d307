#!/usr/bin/env python3
"""compare.py — mote, TFLite Micro (Python) and LiteRT + XNNPACK, side by side.

For every model: mote runs in a persistent `host_bench --serve` process (one
session, invokes on request), TFLM's Python interpreter (PyPI tflite-micro)
and LiteRT (PyPI ai-edge-litert, default XNNPACK delegate, num_threads=1) in
this process. Each round runs K invokes of each engine in turn (the order
rotates per round), so a noisy neighbour hits all three alike; the figure
is the median invoke time over all rounds. Only invoke() is timed: inputs are
written before it, process start and model load are outside.

Outputs are checked too: mote's bytes must equal TFLM's (bit-exactness);
LiteRT's may differ by rounding (XNNPACK uses its own requantization).

usage: compare.py --host-bench BUILD/bench/host_bench [--rounds R] [--per-round K]
                  MODEL.tflite[:INPUT.bin]...
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import numpy as np


def load_input(path, shape, dtype):
    if path is None:
        return np.zeros(shape, dtype=dtype)
    return np.frombuffer(open(path, "rb").read(), dtype=dtype).reshape(shape)


class Mote:
    name = "mote"

    def __init__(self, host_bench, spec):
        self.p = subprocess.Popen([host_bench, "--serve", spec], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        line = self.p.stdout.readline().split()
        if not line or line[0] != "ready":
            raise SystemExit("compare.py: host_bench --serve %s failed" % spec)
        self.info = dict(f.split("=") for f in line[1:])

    def run(self, k):
        self.p.stdin.write("%d\n" % k)
        self.p.stdin.flush()
        return [float(t) for t in self.p.stdout.readline().split()]

    def close(self):
        self.p.stdin.write("\n")
        self.p.stdin.flush()
        self.p.wait()


class Tflm:
    name = "tflm"

    def __init__(self, model_bytes, x):
        from tflite_micro.python.tflite_micro import runtime
        self.it = runtime.Interpreter.from_bytes(model_bytes, arena_size=4 << 20)
        self.x = x

    def run(self, k):
        ts = []
        for _ in range(k):
            self.it.set_input(self.x, 0)
            t0 = time.perf_counter()
            self.it.invoke()
            ts.append((time.perf_counter() - t0) * 1e3)
        return ts

    def output(self):
        return np.array(self.it.get_output(0))


class Litert:
    name = "litert"

    def __init__(self, model_bytes, x):
        from ai_edge_litert.interpreter import Interpreter
        self.it = Interpreter(model_content=model_bytes, num_threads=1)
        self.it.allocate_tensors()
        self.inp = self.it.get_input_details()[0]["index"]
        self.out = self.it.get_output_details()[0]["index"]
        self.x = x

    def run(self, k):
        ts = []
        for _ in range(k):
            self.it.set_tensor(self.inp, self.x)
            t0 = time.perf_counter()
            self.it.invoke()
            ts.append((time.perf_counter() - t0) * 1e3)
        return ts

    def output(self):
        return np.array(self.it.get_tensor(self.out))


def mote_output(host_bench_dir, path, inp):
    """mote's output bytes for one input, through `mote run` (exactness check)."""
    mote = os.path.join(os.path.dirname(os.path.dirname(host_bench_dir)), "mote")
    if not os.path.exists(mote) or inp is None:
        return None
    out = "/tmp/compare_mote_out_%d.bin" % os.getpid()
    r = subprocess.run([mote, "run", path, "--input", inp, "--output", out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None
    data = open(out, "rb").read()
    os.unlink(out)
    return data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host-bench", required=True)
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--per-round", type=int, default=0,
                    help="invokes per engine per round (0: about 30 ms of mote work)")
    ap.add_argument("models", nargs="+")
    a = ap.parse_args()

    rows = []
    for spec in a.models:
        path, _, inp = spec.partition(":")
        inp = inp or None
        name = os.path.basename(path).replace(".tflite", "")
        model_bytes = open(path, "rb").read()
        lit = Litert(model_bytes, None)
        d = lit.it.get_input_details()[0]
        x = load_input(inp, d["shape"], d["dtype"])
        lit.x = x
        engines = [Mote(a.host_bench, spec), Tflm(model_bytes, x), lit]
        for e in engines:  # warm-up
            e.run(2)
        k = a.per_round
        if k <= 0:
            t = statistics.median(engines[0].run(5))
            k = max(1, min(50, int(30.0 / max(t, 1e-3))))
        times = {e.name: [] for e in engines}
        for r in range(a.rounds):
            order = engines[r % 3:] + engines[:r % 3]
            for e in order:
                times[e.name] += e.run(k)
        med = {n: statistics.median(v) for n, v in times.items()}
        exact = "-"
        mo = mote_output(a.host_bench, path, inp)
        if mo is not None:
            tf = engines[1].output().tobytes()
            exact = "yes" if mo == tf else "NO"
        info = engines[0].info
        engines[0].close()
        rows.append((name, med, exact, info))
        print("model=%s mote_ms=%.4f tflm_ms=%.4f litert_ms=%.4f tflm/mote=%.1f "
              "mote/litert=%.2f bitexact_vs_tflm=%s arena_bytes=%s invokes=%d" %
              (name, med["mote"], med["tflm"], med["litert"], med["tflm"] / med["mote"],
               med["mote"] / med["litert"], exact, info.get("arena_bytes"), a.rounds * k),
              flush=True)

    print()
    print("| model | mote ms | TFLM (Python) ms | LiteRT+XNNPACK 1 thread ms | TFLM / mote | "
          "mote / LiteRT | mote bytes = TFLM |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, med, exact, _ in rows:
        print("| %s | %.3f | %.3f | %.3f | %.1f× | %.2f× | %s |" %
              (name, med["mote"], med["tflm"], med["litert"], med["tflm"] / med["mote"],
               med["mote"] / med["litert"], exact))
    bad = [n for n, _, e, _ in rows if e == "NO"]
    if bad:
        print("compare.py: mote's output differs from TFLM's on %s" % ", ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
