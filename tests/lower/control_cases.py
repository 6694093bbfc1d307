"""Refusal cases of control flow (IF, WHILE, CALL_ONCE) and resource
variables (src/ops/op_control_util.c, src/core/control.c). Appended to
test_lower.py's CASES: each model must be refused by `mote inspect` with one
line holding the words, or (words None) load."""

import numpy as np

from tflite_builder import OP, TT, Graph, schema
import test_control_flow as cf

BO = schema.BuiltinOptions
F32 = TT.FLOAT32


def if_chain(depth):
    """Subgraph k runs subgraph k + 1 through an IF, `depth` levels deep."""
    g = Graph()
    c, x = g.tensor("c", [1], TT.BOOL), g.tensor("x", [2], F32)
    subs = [g] + [g.subgraph() for _ in range(depth)]
    ios = [(c, x)]
    for sub in subs[1:]:
        ios.append((sub.tensor("c", [1], TT.BOOL), sub.tensor("x", [2], F32)))
    outs = []
    for k, sub in enumerate(subs):
        sc, sx = ios[k]
        out = sub.tensor("out", [2], F32)
        outs.append(out)
        if k + 1 < len(subs):
            t, o = cf.if_opts(subs[k + 1].index, subs[k + 1].index)
            sub.op(OP.IF, [sc, sc, sx], [out], t, o)
        else:
            sub.op(OP.ADD, [sx, sx], [out], BO.AddOptions, schema.AddOptionsT())
        if k > 0:
            sub.io([sc, sx], [out])
    return g.finish([c, x], [outs[0]])


def if_model(then=None, other=None, branch_shape=(2,), call_self=False):
    g = Graph()
    c, x = g.tensor("c", [1], TT.BOOL), g.tensor("x", [2], F32)
    a, b = g.subgraph(), g.subgraph()
    for sub in (a, b):
        sx = sub.tensor("x", list(branch_shape), F32)
        r = sub.tensor("r", list(branch_shape), F32)
        if call_self and sub is b:
            sc = sub.tensor("c", [1], TT.BOOL)
            t, o = cf.if_opts(b.index, b.index)
            sub.op(OP.IF, [sc, sc, sx], [r], t, o)
            sub.io([sc, sx], [r])
            continue
        sub.op(OP.ADD, [sx, sx], [r], BO.AddOptions, schema.AddOptionsT())
        sub.io([sx], [r])
    out = g.tensor("out", [2], F32)
    t, o = cf.if_opts(a.index if then is None else then, b.index if other is None else other)
    g.op(OP.IF, [c, x], [out], t, o)
    return g.finish([c, x], [out])


def while_model(cond_out=TT.BOOL):
    g = Graph()
    x = g.tensor("x", [2], F32)
    cond, body = g.subgraph(), g.subgraph()
    cx, cb = cond.tensor("x", [2], F32), cond.tensor("go", [2], cond_out)
    zero = cond.const("zero", np.zeros([2], np.float32), F32)
    if cond_out == TT.BOOL:
        cond.op(OP.LESS, [cx, zero], [cb], BO.LessOptions, schema.LessOptionsT())
    else:
        cond.op(OP.ADD, [cx, zero], [cb], BO.AddOptions, schema.AddOptionsT())
    cond.io([cx], [cb])
    bx, br = body.tensor("x", [2], F32), body.tensor("r", [2], F32)
    body.op(OP.ADD, [bx, bx], [br], BO.AddOptions, schema.AddOptionsT())
    body.io([bx], [br])
    out = g.tensor("out", [2], F32)
    t, o = cf.while_opts(cond.index, body.index)
    g.op(OP.WHILE, [x], [out], t, o)
    return g.finish([x], [out])


def variable_model(assign_shape=(4,), read_shape=(4,), assign=True, handle_input=False):
    g = Graph()
    x = g.tensor("x", [4], F32)
    h = g.tensor("h", [], TT.RESOURCE)
    if not handle_input:
        t, o = cf.var_opts("v")
        g.op(OP.VAR_HANDLE, [], [h], t, o)
    v = g.tensor("v", list(read_shape), F32)
    g.op(OP.READ_VARIABLE, [h], [v], BO.ReadVariableOptions, schema.ReadVariableOptionsT())
    s = g.tensor("s", [4], F32)
    g.op(OP.ADD, [x, x], [s], BO.AddOptions, schema.AddOptionsT())
    if assign:
        val = g.const("val", np.zeros(assign_shape, np.float32), F32)
        g.op(OP.ASSIGN_VARIABLE, [h, val], [], BO.AssignVariableOptions,
             schema.AssignVariableOptionsT())
    return g.finish([x, h] if handle_input else [x], [s])


CONTROL_CASES = [
    ("IF loads", if_model(), None),
    ("WHILE loads", while_model(), None),
    ("CALL_ONCE variable loads", cf.model_variable(), None),
    ("IF over WHILE loads", cf.model_nested(), None),
    ("IF chain 4 deep loads", if_chain(4), None),
    ("IF chain 5 deep refused", if_chain(5), ["nest 5 deep", "MOTE_MAX_SUBGRAPH_DEPTH"]),
    ("IF subgraph index out of range", if_model(then=7), ["runs subgraph 7", "has 3"]),
    ("IF negative subgraph index", if_model(other=-1), ["runs subgraph -1"]),
    ("IF calls its own subgraph", if_model(call_self=True), ["recursion"]),
    ("IF calls subgraph 0", if_model(then=0), ["recursion"]),
    ("IF branch shapes differ", if_model(branch_shape=(3,)), ["does not match subgraph 1"]),
    ("WHILE cond not BOOL", while_model(cond_out=F32), ["expected a BOOL"]),
    ("variable never assigned", variable_model(assign=False), ["never assigned"]),
    ("variable size differs", variable_model(assign_shape=(2,)), ["holds 8 bytes"]),
    ("resource not from VAR_HANDLE", variable_model(handle_input=True),
     ["not the output of an earlier VAR_HANDLE"]),
]
