"""The oracles of the op tests: TensorFlow Lite Micro's Python interpreter
(PyPI tflite-micro) for integer models, LiteRT's interpreter restricted to
its reference kernels (BUILTIN_REF) for float models.

OracleServer runs them in a long-lived child process (`oracle.py --serve`),
so an oracle that crashes on a model (TFLM segfaults on some malformed ones)
counts as a rejection instead of killing the generator; the child is
restarted after a crash. Requests and replies are length-prefixed pickles.
"""

import contextlib
import os
import pickle
import struct
import subprocess
import sys
import tempfile

import numpy as np


class OracleRejected(Exception):
    pass


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


def _arena_size(model, inputs):
    total = sum(x.nbytes for x in inputs)
    return 256 * 1024 + 16 * total + 4 * len(model)


def _per_invoke(inputs, invokes):
    """The inputs of each invoke: inputs[k][t] is invoke t's input k when the
    model runs several times (its state carries over)."""
    if invokes == 1:
        return [inputs]
    return [[x[t] for x in inputs] for t in range(invokes)]


def _stack(per_invoke, invokes):
    if invokes == 1:
        return per_invoke[0]
    return [np.stack([outs[k] for outs in per_invoke]) for k in range(len(per_invoke[0]))]


def run_tflm(model, inputs, n_outputs, invokes=1):
    from tflite_micro.python.tflite_micro import runtime
    with captured_stderr() as err:
        try:
            it = runtime.Interpreter.from_bytes(model, arena_size=_arena_size(model, inputs))
            got = []
            for xs in _per_invoke(inputs, invokes):
                for i, x in enumerate(xs):
                    it.set_input(x, i)
                it.invoke()
                got.append([np.array(it.get_output(k)) for k in range(n_outputs)])
            outs = _stack(got, invokes)
        except Exception as e:  # TFLM raises RuntimeError/ValueError on rejection
            exc = e
        else:
            exc = None
    if exc is not None:
        msg = " | ".join(s for s in (str(exc).strip(), err[0] if err else "") if s)
        raise OracleRejected("TFLM: " + " ".join(msg.split())[:300])
    return outs


def run_litert(model, inputs, n_outputs, invokes=1):
    from ai_edge_litert.interpreter import Interpreter, OpResolverType
    try:
        it = Interpreter(model_content=model,
                         experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
        it.allocate_tensors()
        got = []
        for xs in _per_invoke(inputs, invokes):
            for d, x in zip(it.get_input_details(), xs):
                it.set_tensor(d["index"], x)
            it.invoke()
            got.append([np.array(it.get_tensor(d["index"]))
                        for d in it.get_output_details()[:n_outputs]])
        return _stack(got, invokes)
    except Exception as e:
        raise OracleRejected("LiteRT: " + " ".join(str(e).split())[:300])


_FUNCS = {"tflm": run_tflm, "litert": run_litert}


def _read_msg(f):
    head = f.read(4)
    if len(head) < 4:
        return None
    n = struct.unpack("<I", head)[0]
    data = f.read(n)
    return data if len(data) == n else None


class OracleServer:
    def __init__(self):
        self.proc = None

    def _start(self):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def call(self, which, model, inputs, n_outputs=1, invokes=1):
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        data = pickle.dumps((which, model, inputs, n_outputs, invokes))
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
        self.proc = None


def serve():
    """Child side of OracleServer. Protocol replies go to a private copy of
    stdout; fd 1 itself is pointed at stderr so stray prints cannot corrupt
    the stream."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = sys.stdin.buffer
    while True:
        req = _read_msg(inp)
        if req is None:
            return 0
        which, model, inputs, n_outputs, invokes = pickle.loads(req)
        try:
            res = ("ok", _FUNCS[which](model, inputs, n_outputs, invokes))
        except OracleRejected as e:
            res = ("rejected", str(e))
        except Exception as e:  # noqa: BLE001 - anything else is a rejection too
            res = ("rejected", "%s: %s" % (type(e).__name__, e))
        data = pickle.dumps(res)
        out.write(struct.pack("<I", len(data)) + data)
        out.flush()


if __name__ == "__main__" and sys.argv[1:] == ["--serve"]:
    sys.exit(serve())
