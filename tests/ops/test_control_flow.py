#!/usr/bin/env python3
"""Control flow and resource variables against TFLite Micro, several invokes.

Models with several subgraphs (tflite_builder.Graph.subgraph()): a WHILE loop
summing, an IF choosing between two subgraphs, a CALL_ONCE-initialised
resource variable accumulating across invokes, the two combined (a WHILE
inside an IF branch, the variable read and assigned in both branches), and an
int8 variable read before its first assignment.
Each runs N invokes through TFLite Micro's Python interpreter (which keeps
variables across invoke()), and the expected outputs are written as
stateful cases ("invokes=N") for tests/ops/run_cases.c, which runs them
through mote (exact arena, guard bytes), then mote_session_reset() and the
first invoke again (the variable restarts and CALL_ONCE runs again).

Usage: test_control_flow.py RUN_CASES OUT_DIR
"""
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

from oracle import run_tflm  # noqa: E402
from tflite_builder import OP, OPT, TT, Graph, schema  # noqa: E402

F32 = TT.FLOAT32


def while_opts(cond, body):
    o = schema.WhileOptionsT()
    o.condSubgraphIndex = cond
    o.bodySubgraphIndex = body
    return OPT.WhileOptions, o


def if_opts(then, other):
    o = schema.IfOptionsT()
    o.thenSubgraphIndex = then
    o.elseSubgraphIndex = other
    return OPT.IfOptions, o


def var_opts(name):
    o = schema.VarHandleOptionsT()
    o.container = ""
    o.sharedName = name
    return OPT.VarHandleOptions, o


def add(g, a, b, out):
    o = schema.AddOptionsT()
    g.op(OP.ADD, [a, b], [out], OPT.AddOptions, o)


def while_sum(g, n, x, acc0, shape):
    """acc = acc0 + x * n, by a WHILE loop over i = 0, 1, ... < n."""
    cond, body = g.subgraph(), g.subgraph()
    ci, cn, cx, ca = (cond.tensor(s, sh, F32) for s, sh in
                      (("i", [1]), ("n", [1]), ("x", shape), ("acc", shape)))
    cb = cond.tensor("go", [1], TT.BOOL)
    cond.op(OP.LESS, [ci, cn], [cb], OPT.LessOptions, schema.LessOptionsT())
    cond.io([ci, cn, cx, ca], [cb])
    bi, bn, bx, ba = (body.tensor(s, sh, F32) for s, sh in
                      (("i", [1]), ("n", [1]), ("x", shape), ("acc", shape)))
    one = body.const("one", np.ones([1], np.float32), F32)
    bi2, ba2 = body.tensor("i2", [1], F32), body.tensor("acc2", shape, F32)
    add(body, bi, one, bi2)
    add(body, ba, bx, ba2)
    body.io([bi, bn, bx, ba], [bi2, bn, bx, ba2])
    i0 = g.const("i0", np.zeros([1], np.float32), F32)
    outs = [g.tensor("i_out", [1], F32), g.tensor("n_out", [1], F32),
            g.tensor("x_out", shape, F32), g.tensor("acc_out", shape, F32)]
    t, o = while_opts(cond.index, body.index)
    g.op(OP.WHILE, [i0, n, x, acc0], outs, t, o)
    return outs[3]


def model_while():
    g = Graph()
    n, x = g.tensor("n", [1], F32), g.tensor("x", [4], F32)
    acc0 = g.const("acc0", np.array([0.5, -1, 2, 0], np.float32), F32)
    out = while_sum(g, n, x, acc0, [4])
    return g.finish([n, x], [out])


def model_if():
    g = Graph()
    c, x, y = g.tensor("c", [1], TT.BOOL), g.tensor("x", [2, 3], F32), g.tensor("y", [2, 3], F32)
    then, other = g.subgraph(), g.subgraph()
    for sub, code, opt_t, opt in ((then, OP.ADD, OPT.AddOptions, schema.AddOptionsT()),
                                  (other, OP.MUL, OPT.MulOptions, schema.MulOptionsT())):
        a, b, r = sub.tensor("a", [2, 3], F32), sub.tensor("b", [2, 3], F32), sub.tensor(
            "r", [2, 3], F32)
        sub.op(code, [a, b], [r], opt_t, opt)
        sub.io([a, b], [r])
    out = g.tensor("out", [2, 3], F32)
    t, o = if_opts(then.index, other.index)
    g.op(OP.IF, [c, x, y], [out], t, o)
    return g.finish([c, x, y], [out])


def model_variable():
    """CALL_ONCE sets the variable to [1, 2, 3, 4]; each invoke adds x."""
    g = Graph()
    init = g.subgraph()
    h0 = init.tensor("h", [], TT.RESOURCE)
    t, o = var_opts("acc")
    init.op(OP.VAR_HANDLE, [], [h0], t, o)
    start = init.const("start", np.array([1, 2, 3, 4], np.float32), F32)
    init.op(OP.ASSIGN_VARIABLE, [h0, start], [], OPT.AssignVariableOptions,
            schema.AssignVariableOptionsT())
    init.io([], [])
    o1 = schema.CallOnceOptionsT()
    o1.initSubgraphIndex = init.index
    g.op(OP.CALL_ONCE, [], [], OPT.CallOnceOptions, o1)
    x = g.tensor("x", [4], F32)
    h = g.tensor("h", [], TT.RESOURCE)
    t, o = var_opts("acc")
    g.op(OP.VAR_HANDLE, [], [h], t, o)
    v, s = g.tensor("v", [4], F32), g.tensor("s", [4], F32)
    g.op(OP.READ_VARIABLE, [h], [v], OPT.ReadVariableOptions, schema.ReadVariableOptionsT())
    add(g, v, x, s)
    g.op(OP.ASSIGN_VARIABLE, [h, s], [], OPT.AssignVariableOptions,
         schema.AssignVariableOptionsT())
    return g.finish([x], [s])


def model_nested():
    """IF(c): then = a WHILE loop summing x n times onto the variable (read
    before, assigned after, in the branch); else = the variable minus x."""
    g = Graph()
    c, n, x = g.tensor("c", [1], TT.BOOL), g.tensor("n", [1], F32), g.tensor("x", [3], F32)
    then, other = g.subgraph(), g.subgraph()
    tn, tx = then.tensor("n", [1], F32), then.tensor("x", [3], F32)
    th = then.tensor("h", [], TT.RESOURCE)
    t, o = var_opts("state")
    then.op(OP.VAR_HANDLE, [], [th], t, o)
    tv = then.tensor("v", [3], F32)
    then.op(OP.READ_VARIABLE, [th], [tv], OPT.ReadVariableOptions,
            schema.ReadVariableOptionsT())
    tout = while_sum(then, tn, tx, tv, [3])
    then.op(OP.ASSIGN_VARIABLE, [th, tout], [], OPT.AssignVariableOptions,
            schema.AssignVariableOptionsT())
    then.io([tn, tx], [tout])
    en, ex = other.tensor("n", [1], F32), other.tensor("x", [3], F32)
    eh = other.tensor("h", [], TT.RESOURCE)
    t, o = var_opts("state")
    other.op(OP.VAR_HANDLE, [], [eh], t, o)
    ev, er = other.tensor("v", [3], F32), other.tensor("r", [3], F32)
    other.op(OP.READ_VARIABLE, [eh], [ev], OPT.ReadVariableOptions,
             schema.ReadVariableOptionsT())
    other.op(OP.SUB, [ev, ex], [er], OPT.SubOptions, schema.SubOptionsT())
    other.op(OP.ASSIGN_VARIABLE, [eh, er], [], OPT.AssignVariableOptions,
             schema.AssignVariableOptionsT())
    other.io([en, ex], [er])
    out = g.tensor("out", [3], F32)
    t, o = if_opts(then.index, other.index)
    g.op(OP.IF, [c, n, x], [out], t, o)
    return g.finish([c, n, x], [out])


def model_read_first():
    """An int8 variable read before it is assigned: it starts at the zero
    point of its first ASSIGN_VARIABLE's value, as TFLite Micro's does."""
    from tflite_builder import quant
    g = Graph()
    x = g.tensor("x", [4], TT.INT8, quant(0.1, 5))
    h = g.tensor("h", [], TT.RESOURCE)
    t, o = var_opts("v")
    g.op(OP.VAR_HANDLE, [], [h], t, o)
    v = g.tensor("v", [4], TT.INT8, quant(0.1, 5))
    g.op(OP.READ_VARIABLE, [h], [v], OPT.ReadVariableOptions, schema.ReadVariableOptionsT())
    g.op(OP.ASSIGN_VARIABLE, [h, x], [], OPT.AssignVariableOptions,
         schema.AssignVariableOptionsT())
    return g.finish([x], [v])


def cases(rng):
    """(name, model, [[inputs of invoke t]])."""
    f = lambda *shape: rng.uniform(-4, 4, shape).astype(np.float32)  # noqa: E731
    yield ("WHILE summing x n times", model_while(),
           [[np.array([k], np.float32), f(4)] for k in (3, 0, 1, 6)])
    yield ("IF choosing ADD or MUL", model_if(),
           [[np.array([b]), f(2, 3), f(2, 3)] for b in (True, False, False, True)])
    yield ("CALL_ONCE-initialised variable accumulating", model_variable(),
           [[f(4)] for _ in range(5)])
    yield ("IF over a WHILE, variable in both branches", model_nested(),
           [[np.array([b]), np.array([k], np.float32), f(3)]
            for b, k in ((True, 2), (True, 0), (False, 1), (True, 3), (False, 5))])
    yield ("int8 variable read before assigned starts at its zero point", model_read_first(),
           [[rng.integers(-128, 128, 4).astype(np.int8)] for _ in range(4)])


def main():
    runner, out = sys.argv[1], sys.argv[2]
    kdir = os.path.join(out, "COPY")
    os.makedirs(kdir, exist_ok=True)
    manifest = []
    rng = np.random.default_rng(20261201)
    for i, (why, model, per_invoke) in enumerate(cases(rng)):
        n_in = len(per_invoke[0])
        stacked = [np.stack([inv[k] for inv in per_invoke]) for k in range(n_in)]
        expect = run_tflm(model, stacked, 1, invokes=len(per_invoke))
        with open(os.path.join(kdir, "%d.tflite" % i), "wb") as fh:
            fh.write(model)
        for k in range(n_in):
            stacked[k].tofile(os.path.join(kdir, "%d.in%d" % (i, k)))
        np.asarray(expect[0]).tofile(os.path.join(kdir, "%d.out0" % i))
        manifest.append("COPY %d %d 1 invokes=%d %s" % (i, n_in, len(per_invoke), why))
    with open(os.path.join(out, "manifest.txt"), "w") as fh:
        fh.write("\n".join(manifest) + "\n")
    return subprocess.call([runner, out])


if __name__ == "__main__":
    sys.exit(main())
