#!/usr/bin/env python3
"""GATHER, GATHER_ND and EMBEDDING_LOOKUP with an out-of-range index in a
model *input* (so no lowering check can see it): the invoke must fail with
MOTE_E_PARAM and a message, never read outside the table.

For each model: `mote run` on valid indices must give TFLite Micro's bytes
(so the model itself runs); then each bad index (the dimension itself, -1,
INT32_MAX / INT32_MIN, and beyond 32 bits for int64 positions) replaces one
valid one, and `mote run` must exit non-zero with MOTE_E_PARAM's status
(read from include/mote/status.h), with no output written. TFLite Micro
must refuse the same invoke (its kernels check too), so the two agree on
what is an error. int64 positions (GATHER), which TFLite Micro does not
take, are checked against numpy's take instead. Also the other run-time
check of that kind: DIV on int32 with a zero divisor (or INT32_MIN / -1),
where TFLite Micro crashes (not run here), must fail the same way, and
RSQRT int8 / int16 of a value below the input zero point (TFLite Micro
fails that invoke too), and DIV int8 where TFLite Micro's result is
undefined (a divisor at its zero point; and 0 / 100 at unit scales, where
mote gives the exact answer, the output zero point). Under the
sanitizer build
(make test-asan) an out-of-bounds read would abort the run.

    test_bad_index.py MOTE_BINARY WORKDIR
"""

import os
import re
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

from oracle import OracleRejected, run_tflm  # noqa: E402
from tflite_builder import OP, OPT, TT, Graph, quant, schema  # noqa: E402

Q = quant(0.05, 3)
I32_MIN, I32_MAX = -2 ** 31, 2 ** 31 - 1


def gather(pos_tt, axis=1):
    """params [3, 5, 2] int8, positions [4] (int32 or int64) along axis 1."""
    g = Graph()
    shape = [3, 5, 2]
    tp = g.tensor("params", shape, TT.INT8, Q)
    ti = g.tensor("positions", [4], pos_tt)
    out = list(shape)
    out[axis] = 4
    to = g.tensor("output", out, TT.INT8, Q)
    o = schema.GatherOptionsT()
    o.axis, o.batchDims = axis, 0
    g.op(OP.GATHER, [tp, ti], [to], OPT.GatherOptions, o)
    params = np.arange(30, dtype=np.int8).reshape(shape)
    npt = np.int32 if pos_tt == TT.INT32 else np.int64
    pos = np.array([0, 4, 2, 1], npt) % shape[axis]
    return g.finish([tp, ti], [to]), [params, pos], 1, shape[axis]


def gather_nd():
    """params [4, 3] float32, indices [2, 2]: two (row, column) pairs."""
    g = Graph()
    tp = g.tensor("params", [4, 3], TT.FLOAT32)
    ti = g.tensor("indices", [2, 2], TT.INT32)
    to = g.tensor("output", [2], TT.FLOAT32)
    g.op(OP.GATHER_ND, [tp, ti], [to], OPT.GatherNdOptions, schema.GatherNdOptionsT())
    params = np.arange(12, dtype=np.float32).reshape(4, 3)
    return g.finish([tp, ti], [to]), [params, np.array([[3, 2], [1, 1]], np.int32)], 1, 4


def embedding_lookup():
    """ids [3] into a constant float32 table [6, 4]."""
    g = Graph()
    tid = g.tensor("ids", [3], TT.INT32)
    tv = g.const("table", np.arange(24, dtype=np.float32).reshape(6, 4), TT.FLOAT32)
    to = g.tensor("output", [3, 4], TT.FLOAT32)
    g.op(OP.EMBEDDING_LOOKUP, [tid, tv], [to])
    return g.finish([tid], [to]), [np.array([5, 0, 3], np.int32)], 0, 6


MODELS = {"gather_i32": lambda: gather(TT.INT32), "gather_i64": lambda: gather(TT.INT64),
          "gather_i32_axis0": lambda: gather(TT.INT32, 0), "gather_nd": gather_nd,
          "embedding_lookup": embedding_lookup}


def mote_run(mote, work, name, model, inputs):
    mpath = os.path.join(work, name + ".tflite")
    with open(mpath, "wb") as f:
        f.write(model)
    cmd = [mote, "run", mpath]
    for k, x in enumerate(inputs):
        p = os.path.join(work, "%s.in%d.npy" % (name, k))
        np.save(p, x)
        cmd += ["--input", p]
    out = os.path.join(work, name + ".out")
    if os.path.exists(out):
        os.remove(out)
    r = subprocess.run(cmd + ["--output", out], capture_output=True, text=True)
    data = open(out, "rb").read() if os.path.exists(out) else None
    return r.returncode, r.stdout + r.stderr, data


def param_status():
    text = open(os.path.join(ROOT, "include/mote/status.h")).read()
    return int(re.search(r"MOTE_E_PARAM\s*=\s*(-?\d+)", text).group(1))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    mote, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    status = "(status %d)" % param_status()
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL " + what)

    for name, make in MODELS.items():
        model, inputs, k, dim = make()
        tflm = inputs[k].dtype != np.int64
        want = run_tflm(model, inputs, 1)[0] if tflm else np.take(inputs[0], inputs[1], axis=1)
        rc, msg, data = mote_run(mote, work, name, model, inputs)
        check(rc == 0 and data == np.ascontiguousarray(want).tobytes(),
              "%s: valid indices: exit %d, output %s TFLite Micro's (%s)"
              % (name, rc, "equals" if data == want.tobytes() else "differs from", msg.strip()))
        bad_values = [dim, -1, I32_MAX, I32_MIN, dim + 1]
        if inputs[k].dtype == np.int64:
            bad_values += [2 ** 32, -2 ** 40, 2 ** 63 - 1]
        for bad in bad_values:
            x = inputs[k].copy()
            # GATHER_ND: the row of the last pair (a bad column is below).
            x.flat[x.size - (2 if name == "gather_nd" else 1)] = bad
            bad_inputs = list(inputs)
            bad_inputs[k] = x
            rc, msg, data = mote_run(mote, work, "%s_bad" % name, model, bad_inputs)
            check(rc != 0 and status in msg and data is None,
                  "%s: index %d: exit %d, output %s, message: %s"
                  % (name, bad, rc, "written" if data is not None else "none", msg.strip()))
            if not tflm:
                continue
            try:
                run_tflm(model, bad_inputs, 1)
                tflm_refuses = False
            except OracleRejected:
                tflm_refuses = True
            check(tflm_refuses, "%s: index %d: TFLite Micro ran it" % (name, bad))
    # DIV int32: divisor 0 or INT32_MIN / -1 (TFLite Micro raises SIGFPE).
    g = Graph()
    ta, tb = g.tensor("a", [4], TT.INT32), g.tensor("b", [4], TT.INT32)
    to = g.tensor("out", [4], TT.INT32)
    g.op(OP.DIV, [ta, tb], [to], OPT.DivOptions, schema.DivOptionsT())
    model = g.finish([ta, tb], [to])
    a = np.array([7, -7, I32_MIN, 5], np.int32)
    rc, msg, data = mote_run(mote, work, "div_ok", model, [a, np.array([2, 2, 1, -5], np.int32)])
    check(rc == 0 and data == np.array([3, -3, I32_MIN, -1], np.int32).tobytes(),
          "div: valid divisors: exit %d (%s)" % (rc, msg.strip()))
    for b in ([2, 0, 1, 1], [1, 1, -1, 1]):
        rc, msg, data = mote_run(mote, work, "div_bad", model, [a, np.array(b, np.int32)])
        check(rc != 0 and status in msg and data is None,
              "div: divisors %s: exit %d, message: %s" % (b, rc, msg.strip()))

    # DIV int8: a divisor at its zero point (TFLite Micro divides by zero):
    # mote fails the invoke. A numerator small against its divisor (0 / 100
    # at unit scales: the final rounding shift exceeds 31, undefined in
    # TFLite Micro, whose x86 build returns zero point + 1): mote gives the
    # exact quotient, rounded to the output zero point.
    g = Graph()
    q1 = quant(1.0, 0)
    ta, tb = g.tensor("a", [4], TT.INT8, q1), g.tensor("b", [4], TT.INT8, q1)
    to = g.tensor("out", [4], TT.INT8, q1)
    g.op(OP.DIV, [ta, tb], [to], OPT.DivOptions, schema.DivOptionsT())
    model = g.finish([ta, tb], [to])
    a, b = np.array([100, -100, 7, 127], np.int8), np.array([3, 7, -2, 1], np.int8)
    want = run_tflm(model, [a, b], 1)[0]
    rc, msg, data = mote_run(mote, work, "div8_ok", model, [a, b])
    check(rc == 0 and data == want.tobytes(), "div int8: defined quotients: exit %d (%s)"
          % (rc, msg.strip()))
    a2, b2 = [100, -100, 7, 127], [3, 0, -2, 1]
    rc, msg, data = mote_run(mote, work, "div8_bad", model,
                             [np.array(a2, np.int8), np.array(b2, np.int8)])
    check(rc != 0 and status in msg and data is None, "div int8: %s / %s: exit %d, "
          "message: %s" % (a2, b2, rc, msg.strip()))
    # 0/100, 1/100, -1/100, 2/127 at unit scales: each exact quotient rounds
    # to 0 (the zero point); 127/1 is exactly 127.
    a3, b3 = np.array([0, 1, -1, 2, 127], np.int8), np.array([100, 100, 100, 127, 1], np.int8)
    g = Graph()
    ta, tb = g.tensor("a", [5], TT.INT8, q1), g.tensor("b", [5], TT.INT8, q1)
    to = g.tensor("out", [5], TT.INT8, q1)
    g.op(OP.DIV, [ta, tb], [to], OPT.DivOptions, schema.DivOptionsT())
    small = g.finish([ta, tb], [to])
    rc, msg, data = mote_run(mote, work, "div8_small", small, [a3, b3])
    check(rc == 0 and data == bytes([0, 0, 0, 0, 127]),
          "div int8: small quotients are exact (zero point): exit %d, got %r (%s)"
          % (rc, data, msg.strip()))

    # RSQRT int8 / int16 of a value below the input zero point (a negative
    # number): TFLite Micro fails the invoke, so must mote.
    for tt, npt, zi in ((TT.INT8, np.int8, 3), (TT.INT16, np.int16, 0)):
        g = Graph()
        ti = g.tensor("x", [5], tt, quant(0.01, zi))
        to = g.tensor("y", [5], tt, quant(0.05, zi))
        g.op(OP.RSQRT, [ti], [to])
        model = g.finish([ti], [to])
        x = np.array([zi, zi + 1, zi + 7, zi + 100, zi + 2], npt)
        want = run_tflm(model, [x], 1)[0]
        rc, msg, data = mote_run(mote, work, "rsqrt_ok", model, [x])
        check(rc == 0 and data == want.tobytes(), "rsqrt %s: valid: exit %d (%s)"
              % (npt.__name__, rc, msg.strip()))
        x[3] = zi - 1
        rc, msg, data = mote_run(mote, work, "rsqrt_bad", model, [x])
        check(rc != 0 and status in msg and data is None, "rsqrt %s: %d below zero point %d: "
              "exit %d, message: %s" % (npt.__name__, zi - 1, zi, rc, msg.strip()))
        try:
            run_tflm(model, [x], 1)
            tflm_refuses = False
        except OracleRejected:
            tflm_refuses = True
        check(tflm_refuses, "rsqrt %s: TFLite Micro ran a negative input" % npt.__name__)

    # GATHER_ND with a column past its dimension whose flat offset stays in
    # the table ([1, 3] of a [4, 3] table is element 6): TFLite Micro checks
    # only the flat offset and reads row 2; mote checks every index and refuses.
    model, inputs, _, _ = gather_nd()
    inputs[1][1] = [1, 3]
    rc, msg, data = mote_run(mote, work, "gather_nd_column", model, inputs)
    check(rc != 0 and status in msg and data is None,
          "gather_nd: column 3 of 3: exit %d, message: %s" % (rc, msg.strip()))
    got = run_tflm(model, inputs, 1)[0]
    check(got[1] == inputs[0].flat[6], "gather_nd: column 3 of 3: TFLite Micro gave %s" % got)
    print("bad-index: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
