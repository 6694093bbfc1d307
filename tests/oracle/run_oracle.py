#!/usr/bin/env python3
"""Randomized oracle suite: single-operator models through `mote run`.

For each kernel, draws --count random single-operator models (fixed seed per
kernel and case, so any failure reproduces with --kernel K --seed S --case I),
runs each through the reference oracle and through `mote run`, and compares:

  *_int8 kernels  byte for byte with TFLite Micro's Python interpreter;
  *_float kernels within max|diff| <= 1e-5 * max|expected| + 1e-30 of TFLite's
                  interpreter restricted to its reference kernels (BUILTIN_REF).

A sample of int8 cases is also run through TFLite's BUILTIN_REF kernels to
check that the two oracles agree; disagreements are reported, not failed.

Prints `<kernel>: N passed, M failed` per kernel and ends with one line
`N passed, M failed`. Exits non-zero on any failure.
"""

import argparse
import contextlib
import os
import pickle
import struct
import subprocess
import sys
import tempfile
import time
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

DEFAULT_SEED = 20240601
INT8_COUNT = 500
FLOAT_COUNT = 200
MAX_ATTEMPTS = 100
FLOAT_RTOL = 1e-5
FLOAT_ATOL = 1e-30
NPY_EVERY = 10  # every 10th case hands mote its inputs as .npy files


def case_rng(seed, kernel, index):
    """One independent stream per (seed, kernel, case) so a case reproduces
    alone, whatever --count or other kernels were run with it."""
    return np.random.default_rng([seed, zlib.crc32(kernel.encode()), index])


@contextlib.contextmanager
def captured_stderr():
    """Redirect fd 2 (where TFLM's C++ error reporter writes) into a buffer;
    yields a list that receives the captured text on exit."""
    out = []
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile(mode="w+b") as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield out
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            out.append(tmp.read().decode(errors="replace").strip())


class OracleRejected(Exception):
    pass


def arena_size_for(case):
    total = sum(x.nbytes for x in case.inputs)
    return 256 * 1024 + 16 * total + 4 * len(case.model)


def run_tflm(case):
    from tflite_micro.python.tflite_micro import runtime
    with captured_stderr() as err:
        try:
            it = runtime.Interpreter.from_bytes(case.model, arena_size=arena_size_for(case))
            for i, x in enumerate(case.inputs):
                it.set_input(x, i)
            it.invoke()
            outs = [np.array(it.get_output(0))]
        except Exception as e:  # TFLM raises RuntimeError/ValueError on rejection
            exc = e
        else:
            exc = None
    if exc is not None:
        msg = " | ".join(s for s in (str(exc).strip(), err[0] if err else "") if s)
        raise OracleRejected("TFLM: " + " ".join(msg.split())[:300])
    return outs


class OracleServer:
    """Runs the oracles in a long-lived child process, so that an oracle which
    crashes on a model (TFLM segfaults on some malformed ones) counts as a
    rejection instead of killing the suite. The child is restarted after a
    crash. Requests and replies are length-prefixed pickles over its pipes."""

    FUNCS = {"tflm": "run_tflm", "litert": "run_litert"}

    def __init__(self):
        self.proc = None

    def _start(self):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def call(self, which, case):
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        data = pickle.dumps((which, case))
        try:
            self.proc.stdin.write(struct.pack("<I", len(data)) + data)
            self.proc.stdin.flush()
            reply = _read_msg(self.proc.stdout)
        except (BrokenPipeError, EOFError):
            reply = None
        if reply is None:
            rc = self.proc.wait()
            self.proc = None
            raise OracleRejected("%s oracle crashed (exit status %d)" % (which, rc))
        kind, val = pickle.loads(reply)
        if kind != "ok":
            raise OracleRejected(val)
        return val

    def close(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait()


def _read_msg(f):
    head = f.read(4)
    if len(head) < 4:
        return None
    n = struct.unpack("<I", head)[0]
    data = f.read(n)
    return data if len(data) == n else None


def serve():
    """Child side of OracleServer. Protocol replies go to a private copy of
    stdout; fd 1 itself is pointed at stderr so stray prints cannot corrupt
    the stream."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = sys.stdin.buffer
    funcs = {"tflm": run_tflm, "litert": run_litert}
    while True:
        req = _read_msg(inp)
        if req is None:
            return 0
        which, case = pickle.loads(req)
        try:
            res = ("ok", funcs[which](case))
        except OracleRejected as e:
            res = ("rejected", str(e))
        except Exception as e:  # noqa: BLE001 - anything else is a rejection too
            res = ("rejected", "%s: %s" % (type(e).__name__, e))
        data = pickle.dumps(res)
        out.write(struct.pack("<I", len(data)) + data)
        out.flush()


def run_litert(case):
    from ai_edge_litert.interpreter import Interpreter, OpResolverType
    try:
        it = Interpreter(model_content=case.model,
                         experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
        it.allocate_tensors()
        for d, x in zip(it.get_input_details(), case.inputs):
            it.set_tensor(d["index"], x)
        it.invoke()
        return [np.array(it.get_tensor(d["index"])) for d in it.get_output_details()]
    except Exception as e:
        raise OracleRejected("LiteRT: " + " ".join(str(e).split())[:300])


def to_bytes(outs):
    return b"".join(np.ascontiguousarray(o).tobytes() for o in outs)


def compare(kernel, expected, got_bytes):
    """None if the outputs agree under the kernel's rule, else a reason."""
    exp_bytes = to_bytes(expected)
    if kernel.endswith("_int8"):
        if got_bytes == exp_bytes:
            return None
        if len(got_bytes) != len(exp_bytes):
            return "output is %d bytes, expected %d" % (len(got_bytes), len(exp_bytes))
        e = np.frombuffer(exp_bytes, np.int8).astype(np.int32)
        g = np.frombuffer(got_bytes, np.int8).astype(np.int32)
        bad = np.nonzero(e != g)[0]
        return "%d/%d bytes differ, max |diff| %d, first at %d (expected %d, got %d)" % (
            len(bad), len(e), int(np.max(np.abs(e - g))), bad[0], e[bad[0]], g[bad[0]])
    if len(got_bytes) != len(exp_bytes):
        return "output is %d bytes, expected %d" % (len(got_bytes), len(exp_bytes))
    e = np.frombuffer(exp_bytes, np.float32).astype(np.float64)
    g = np.frombuffer(got_bytes, np.float32).astype(np.float64)
    if not np.all(np.isfinite(g)) and np.all(np.isfinite(e)):
        return "non-finite output"
    diff = float(np.max(np.abs(e - g))) if len(e) else 0.0
    tol = FLOAT_RTOL * (float(np.max(np.abs(e))) if len(e) else 0.0) + FLOAT_ATOL
    if diff <= tol:
        return None
    i = int(np.argmax(np.abs(e - g)))
    return "max |diff| %.3g > tol %.3g at %d (expected %.9g, got %.9g)" % (
        diff, tol, i, e[i], g[i])


def run_mote(mote, case, workdir, npy=False):
    """Run `mote run` on the case; inputs go as raw bytes, or as .npy files
    when npy is set (the CLI accepts both)."""
    model_path = os.path.join(workdir, "model.tflite")
    with open(model_path, "wb") as f:
        f.write(case.model)
    cmd = [mote, "run", model_path]
    for i, x in enumerate(case.inputs):
        if npy:
            p = os.path.join(workdir, "input%d.npy" % i)
            np.save(p, np.ascontiguousarray(x))
        else:
            p = os.path.join(workdir, "input%d.bin" % i)
            with open(p, "wb") as f:
                f.write(np.ascontiguousarray(x).tobytes())
        cmd += ["--input", p]
    out_path = os.path.join(workdir, "output.bin")
    if os.path.exists(out_path):
        os.remove(out_path)
    cmd += ["--output", out_path]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return None, "mote run timed out"
    if r.returncode != 0:
        msg = r.stderr.decode(errors="replace").strip().splitlines()
        return None, "mote run exited %d: %s" % (r.returncode, msg[0] if msg else "")
    try:
        with open(out_path, "rb") as f:
            return f.read(), None
    except OSError as e:
        return None, "mote run wrote no output: %s" % e


def save_failure(keep_dir, kernel, seed, index, case, expected, got, reason, mote):
    d = os.path.join(keep_dir, "%s_s%d_c%d" % (kernel, seed, index))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "model.tflite"), "wb") as f:
        f.write(case.model)
    args = []
    for i, x in enumerate(case.inputs):
        name = "input%d.bin" % i
        with open(os.path.join(d, name), "wb") as f:
            f.write(np.ascontiguousarray(x).tobytes())
        args += ["--input", os.path.join(d, name)]
    with open(os.path.join(d, "expected.bin"), "wb") as f:
        f.write(to_bytes(expected))
    if got is not None:
        with open(os.path.join(d, "got.bin"), "wb") as f:
            f.write(got)
    with open(os.path.join(d, "README.txt"), "w") as f:
        f.write("kernel: %s\nseed: %d\ncase: %d\nparams: %s\nreason: %s\n" % (
            kernel, seed, index, case.desc, reason))
        f.write("reproduce: %s run %s %s --output %s\n" % (
            mote, os.path.join(d, "model.tflite"), " ".join(args), os.path.join(d, "got.bin")))
        f.write("regenerate: tests/oracle/run_oracle.py --kernel %s --seed %d --case %d\n" % (
            kernel, seed, index))
    return d


class KernelStats:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.rejected = []       # (case, attempt, message): TFLM/LiteRT refused a model
        self.invalid = 0         # shapes invalid by construction, regenerated
        self.checked = 0         # int8 cases cross-checked against LiteRT
        self.disagree = []       # (case, message, desc): oracles give different bytes
        self.refused = []        # (case, message, desc): LiteRT refused a model TFLM ran
        self.failures = []       # (case, reason, desc)


def run_kernel(kernel, seed, indices, args, workdir, oracle, stats):
    gen = models.GENERATORS[kernel]
    is_int8 = kernel.endswith("_int8")
    for index in indices:
        rng = case_rng(seed, kernel, index)
        case = expected = None
        for attempt in range(MAX_ATTEMPTS):
            try:
                case = gen(rng)
            except models.Invalid:
                stats.invalid += 1
                continue
            try:
                expected = oracle.call("tflm" if is_int8 else "litert", case)
            except OracleRejected as e:
                stats.rejected.append((index, attempt, str(e), case.desc))
                continue
            break
        if expected is None:
            stats.failed += 1
            stats.failures.append((index, "no valid model in %d attempts" % MAX_ATTEMPTS, ""))
            continue

        if is_int8 and args.cross_check_every > 0 and index % args.cross_check_every == 0:
            stats.checked += 1
            try:
                other = oracle.call("litert", case)
                if to_bytes(other) != to_bytes(expected):
                    why = compare(kernel, expected, to_bytes(other))
                    stats.disagree.append((index, why, case.desc))
            except OracleRejected as e:
                stats.refused.append((index, str(e), case.desc))

        if args.no_mote:
            stats.passed += 1
            continue
        npy = index % NPY_EVERY == NPY_EVERY - 1
        got, err = run_mote(args.mote, case, workdir, npy)
        reason = err if err is not None else compare(kernel, expected, got)
        if reason is not None and npy:
            reason += " [inputs given as .npy]"
        if reason is None:
            stats.passed += 1
            continue
        stats.failed += 1
        stats.failures.append((index, reason, case.desc))
        if args.keep_failures:
            save_failure(args.keep_failures, kernel, seed, index, case, expected, got, reason,
                         args.mote)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", action="append", choices=sorted(models.GENERATORS),
                    help="kernel to test (repeatable; default: all)")
    ap.add_argument("--count", type=int, default=None,
                    help="cases per kernel (default: %d int8, %d float)" % (
                        INT8_COUNT, FLOAT_COUNT))
    ap.add_argument("--case", type=int, default=None, help="run only this case index")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--mote", default="build/mote", help="path to the mote CLI")
    ap.add_argument("--no-mote", action="store_true",
                    help="only exercise the generators and oracles")
    ap.add_argument("--keep-failures", metavar="DIR",
                    help="save model, inputs, expected and actual output of each failure")
    ap.add_argument("--cross-check-every", type=int, default=4, metavar="K",
                    help="compare TFLM with LiteRT BUILTIN_REF on every K-th int8 case "
                         "(0: never)")
    ap.add_argument("--max-report", type=int, default=5,
                    help="failures printed per kernel")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        return serve()

    if not args.no_mote and not os.access(args.mote, os.X_OK):
        print("error: mote CLI not found at %s (build it, or pass --no-mote)" % args.mote)
        return 2
    if not args.no_mote:
        args.mote = os.path.abspath(args.mote)

    kernels = args.kernel or list(models.GENERATORS)
    total_pass = total_fail = 0
    t0 = time.time()
    oracle = OracleServer()
    with tempfile.TemporaryDirectory(prefix="mote_oracle_") as workdir:
        for kernel in kernels:
            if args.case is not None:
                indices = [args.case]
            else:
                n = args.count if args.count is not None else (
                    INT8_COUNT if kernel.endswith("_int8") else FLOAT_COUNT)
                indices = range(n)
            st = KernelStats()
            tk = time.time()
            run_kernel(kernel, args.seed, indices, args, workdir, oracle, st)
            total_pass += st.passed
            total_fail += st.failed
            for index, reason, desc in st.failures[:args.max_report]:
                print("  FAIL %s seed=%d case=%d: %s\n       %s" % (
                    kernel, args.seed, index, reason, desc))
            if len(st.failures) > args.max_report:
                print("  ... %d more failures" % (len(st.failures) - args.max_report))
            extra = []
            if st.rejected:
                extra.append("%d models rejected by the oracle and regenerated"
                             % len(st.rejected))
            if st.invalid:
                extra.append("%d invalid shapes redrawn" % st.invalid)
            if kernel.endswith("_int8") and st.checked:
                extra.append("TFLM and LiteRT agree on %d/%d cross-checked"
                             % (st.checked - len(st.disagree) - len(st.refused), st.checked))
                if st.refused:
                    extra.append("LiteRT refused %d" % len(st.refused))
            extra.append("%.1fs" % (time.time() - tk))
            print("%s: %d passed, %d failed  (%s)" % (kernel, st.passed, st.failed,
                                                     "; ".join(extra)))
            for index, attempt, msg, desc in st.rejected[:3]:
                print("  rejected case=%d attempt=%d: %s\n       %s" % (index, attempt, msg, desc))
            for index, msg, desc in st.disagree[:3]:
                print("  ORACLES DISAGREE case=%d: %s\n       %s" % (index, msg, desc))
            for index, msg, desc in st.refused[:1]:
                print("  LiteRT refused case=%d: %s\n       %s" % (index, msg, desc))
            sys.stdout.flush()
    oracle.close()
    print("oracle suite took %.1fs" % (time.time() - t0))
    if args.keep_failures and total_fail:
        print("failing cases saved under %s" % args.keep_failures)
    print("%d passed, %d failed" % (total_pass, total_fail))
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
