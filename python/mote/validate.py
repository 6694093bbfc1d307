"""mote validate MODEL [--data DIR | --random N] [--reference tflm|litert]

Runs MODEL on the same inputs in mote (libmote.so, through mote.Model) and in
a reference interpreter -- TFLite Micro's (PyPI tflite-micro, the default) or
LiteRT's reference kernels (PyPI ai-edge-litert) -- and reports per output:

  exact      share of samples whose output equals the reference's bit for bit
  max_abs    largest absolute difference (real units; quantized outputs are
             dequantized; also in LSB for integers)
  rmse       root mean square difference (real units)
  cosine     smallest per-sample cosine similarity
  top1       share of samples with the same arg-max (classifier-like outputs:
             shape [N] or [1, N])

Tolerance (exit status 1 beyond it): integer outputs must match exactly with
tflm (mote is bit-exact with TFLM's reference kernels) and within
--lsb (default 1) least significant bits with litert; float outputs within
--rtol (default 1e-4) of the largest reference magnitude.

Inputs: --data DIR takes every .npy / .bin / .raw file in DIR, sorted by name.
A raw file is one sample's bytes; a .npy is one sample (the input's shape,
give or take dimensions of size 1) or a batch (N, *shape). Float .npy data
for a quantized input is quantized into the input's scale first (the same
integers go to both interpreters). With several model inputs, consecutive
files (by name) form one sample. --random N draws N seeded samples.
"""
import argparse
import json
import os
import sys

import numpy as np


class ValidateError(Exception):
    pass


def load_samples(model, data_dir):
    names = sorted(f for f in os.listdir(data_dir)
                   if f.endswith((".npy", ".bin", ".raw")) and not f.startswith("."))
    if not names:
        raise ValidateError("%s holds no .npy, .bin or .raw files" % data_dir)
    n_in = len(model.inputs)
    if len(names) % n_in:
        raise ValidateError("%d files for a model with %d inputs: give a multiple" %
                            (len(names), n_in))
    per_input = [[] for _ in range(n_in)]
    for k, name in enumerate(names):
        i = k % n_in
        info = model.inputs[i]
        path = os.path.join(data_dir, name)
        size = int(np.prod(info.shape))
        if name.endswith(".npy"):
            a = np.load(path, allow_pickle=False)
            squeezed = [d for d in a.shape if d != 1]
            want = [d for d in info.shape if d != 1]
            if squeezed == want:
                batch = [a.reshape(info.shape)]
            elif a.ndim >= 1 and a.size == a.shape[0] * size and \
                    [d for d in a.shape[1:] if d != 1] == want:
                batch = [x.reshape(info.shape) for x in a]
            else:
                raise ValidateError("%s: shape %s does not fit input %d %s" %
                                    (path, a.shape, i, info.shape))
        else:
            raw = np.fromfile(path, dtype=np.uint8)
            if raw.size != size * np.dtype(info.dtype).itemsize:
                raise ValidateError("%s: %d bytes, input %d takes %d" % (
                    path, raw.size, i, size * np.dtype(info.dtype).itemsize))
            batch = [raw.view(info.dtype).reshape(info.shape)]
        for x in batch:
            if np.issubdtype(x.dtype, np.floating) and info.quantized:
                x = info.quantize(x)
            if x.dtype != info.dtype:
                raise ValidateError("%s: dtype %s, input %d is %s" % (
                    path, x.dtype, i, np.dtype(info.dtype)))
            per_input[i].append(x)
    if len(set(len(p) for p in per_input)) != 1:
        raise ValidateError("the inputs got different numbers of samples")
    return [tuple(p[s] for p in per_input) for s in range(len(per_input[0]))]


def random_samples(model, n, seed):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        sample = []
        for info in model.inputs:
            if np.issubdtype(info.dtype, np.integer):
                ii = np.iinfo(info.dtype)
                sample.append(rng.integers(ii.min, ii.max, size=info.shape, endpoint=True,
                                           dtype=info.dtype))
            else:
                sample.append(rng.uniform(-1.0, 1.0, size=info.shape).astype(info.dtype))
        out.append(tuple(sample))
    return out


class Reference:
    def __init__(self, kind, path, n_outputs):
        self.kind, self.n_outputs = kind, n_outputs
        with open(path, "rb") as f:
            self.model = f.read()
        try:
            if kind == "tflm":
                from tflite_micro.python.tflite_micro import runtime
                self.it = runtime.Interpreter.from_bytes(
                    self.model, arena_size=max(1 << 20, 8 * len(self.model)))
            else:
                from ai_edge_litert.interpreter import Interpreter, OpResolverType
                self.it = Interpreter(model_content=self.model,
                                      experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
                self.it.allocate_tensors()
        except ImportError as e:
            raise ValidateError("reference %s is not installed (%s): pip install %s" % (
                kind, e, "tflite-micro" if kind == "tflm" else "ai-edge-litert"))
        except Exception as e:
            raise ValidateError("the %s interpreter refused the model: %s" % (kind, e))

    def run(self, sample):
        if self.kind == "tflm":
            for i, x in enumerate(sample):
                self.it.set_input(x, i)
            self.it.invoke()
            return [np.array(self.it.get_output(k)) for k in range(self.n_outputs)]
        for d, x in zip(self.it.get_input_details(), sample):
            self.it.set_tensor(d["index"], x.reshape(d["shape"]))
        self.it.invoke()
        return [np.array(self.it.get_tensor(d["index"]))
                for d in self.it.get_output_details()[:self.n_outputs]]


def real(info, a):
    a = np.asarray(a)
    return info.dequantize(a).astype(np.float64) if info.quantized else a.astype(np.float64)


def compare(model, got, want, reference, lsb, rtol):
    """Per-output metrics over all samples and whether each is within tolerance."""
    rows = []
    for k, info in enumerate(model.outputs):
        g = [np.asarray(s[k]).reshape(info.shape) for s in got]
        w = [np.asarray(s[k]).reshape(info.shape) for s in want]
        exact = np.mean([np.array_equal(a, b) for a, b in zip(g, w)])
        gr = np.stack([real(info, a) for a in g])
        wr = np.stack([real(info, b) for b in w])
        diff = np.abs(gr - wr)
        cos = []
        for a, b in zip(gr, wr):
            na, nb = np.linalg.norm(a), np.linalg.norm(b)
            cos.append(1.0 if na == 0 and nb == 0 else
                       float(np.dot(a.ravel(), b.ravel()) / (na * nb)) if na * nb else 0.0)
        row = {"output": k, "name": info.name, "dtype": np.dtype(info.dtype).name,
               "shape": list(info.shape), "samples": len(g), "exact": float(exact),
               "max_abs": float(diff.max()) if diff.size else 0.0,
               "rmse": float(np.sqrt(np.mean(diff ** 2))) if diff.size else 0.0,
               "cosine": float(min(cos)) if cos else 1.0}
        if np.issubdtype(info.dtype, np.integer):
            lsb_diff = max((int(np.max(np.abs(a.astype(np.int64) - b.astype(np.int64))))
                            for a, b in zip(g, w)), default=0)
            row["max_abs_lsb"] = lsb_diff
            allowed = 0 if reference == "tflm" else lsb
            row["tolerance"] = "exact" if allowed == 0 else "%d LSB" % allowed
            row["ok"] = lsb_diff <= allowed
        else:
            scale = max(1.0, float(np.max(np.abs(wr)))) if wr.size else 1.0
            row["tolerance"] = "%g x max(1, max|reference|)" % rtol
            row["ok"] = row["max_abs"] <= rtol * scale
        n_class = int(np.prod(info.shape))
        if n_class >= 2 and (len(info.shape) == 1 or (len(info.shape) == 2 and
                                                      info.shape[0] == 1)):
            row["top1"] = float(np.mean([np.argmax(a) == np.argmax(b) for a, b in zip(gr, wr)]))
        rows.append(row)
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(prog="mote validate", description=__doc__.split("\n")[2])
    ap.add_argument("model")
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--data", metavar="DIR", help=".npy / raw input files")
    src.add_argument("--random", metavar="N", type=int, help="N random samples (seeded)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reference", choices=("tflm", "litert"), default="tflm")
    ap.add_argument("--lsb", type=int, default=1,
                    help="integer tolerance with litert, in LSB (tflm: exact)")
    ap.add_argument("--rtol", type=float, default=1e-4, help="float tolerance (relative)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    try:
        from .model import Model, MoteError
        try:
            model = Model(args.model)
        except (MoteError, OSError) as e:
            raise ValidateError(str(e))
        if args.data:
            samples = load_samples(model, args.data)
        else:
            samples = random_samples(model, args.random or 10, args.seed)
        ref = Reference(args.reference, args.model, len(model.outputs))
        got = [model.run(*s) for s in samples]
        want = [ref.run(s) for s in samples]
        rows = compare(model, got, want, args.reference, args.lsb, args.rtol)
    except ValidateError as e:
        sys.stderr.write("mote: validate: %s\n" % e)
        return 1
    ok = all(r["ok"] for r in rows)
    if args.json:
        json.dump({"model": args.model, "reference": args.reference, "samples": len(samples),
                   "source": args.data or "random (seed %d)" % args.seed, "outputs": rows,
                   "ok": ok}, sys.stdout, indent=1)
        print()
    else:
        print("model: %s" % args.model)
        print("reference: %s (%s)" % (args.reference, "TFLite Micro" if args.reference == "tflm"
                                      else "LiteRT reference kernels"))
        print("samples: %d (%s)" % (len(samples), args.data or "random, seed %d" % args.seed))
        for r in rows:
            print("output %d %s %s %s:" % (r["output"], r["name"], r["dtype"], r["shape"]))
            print("  exact_match: %.1f%%" % (100 * r["exact"]))
            print("  max_abs_diff: %.6g%s" % (r["max_abs"], " (%d LSB)" % r["max_abs_lsb"]
                                              if "max_abs_lsb" in r else ""))
            print("  rmse: %.6g" % r["rmse"])
            print("  cosine: %.6f (lowest over samples)" % r["cosine"])
            if "top1" in r:
                print("  top1_agreement: %.1f%%" % (100 * r["top1"]))
            print("  tolerance: %s -> %s" % (r["tolerance"], "ok" if r["ok"] else "FAIL"))
        print("result: %s" % ("mote agrees with %s" % args.reference if ok else "DISAGREEMENT"))
    if not ok:
        sys.stderr.write("mote: validate: outputs differ from %s beyond the tolerance\n" %
                         args.reference)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
