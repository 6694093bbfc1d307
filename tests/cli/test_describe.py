"""`mote inspect` on models mote cannot run: the whole graph is still
described (operators, shapes, MACs, tensors, arena_bytes unknown / null),
then every unsupported operator x type with its index and reason; one
runtime error line on stderr; exit status 1. Also the hybrid KWS model
(which mote runs) keeps inspecting cleanly.

usage: test_describe.py MOTE_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "ops"))
from tflite_builder import OP, OPT, TT, Graph, quant, schema  # noqa: E402

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))


def mixed_model():
    """Two operators mote lacks around two it runs."""
    g = Graph()
    a = g.tensor("a", [1, 8], TT.FLOAT32)
    b = g.tensor("b", [1, 8], TT.FLOAT32)
    c = g.tensor("c", [1, 8], TT.FLOAT32)
    d = g.tensor("d", [1, 4], TT.FLOAT32)
    e = g.tensor("e", [1, 4], TT.FLOAT32)
    w = g.const("w", np.ones((4, 8), np.float32), TT.FLOAT32)
    g.op(OP.LSH_PROJECTION, [a], [b])
    g.op(OP.RELU, [b], [c])
    g.op(OP.FULLY_CONNECTED, [c, w], [d], OPT.FullyConnectedOptions,
         schema.FullyConnectedOptionsT())
    g.op(OP.HASHTABLE_LOOKUP, [d], [e])
    return g.finish([a], [e])


def branch_model():
    """An IF whose else branch (subgraph 2) holds an operator mote lacks:
    the refusal is listed with its subgraph, not only the entry graph's."""
    g = Graph()
    c, x = g.tensor("c", [1], TT.BOOL), g.tensor("x", [1, 8], TT.FLOAT32)
    then, other = g.subgraph(), g.subgraph()
    for sub, code in ((then, OP.RELU), (other, OP.LSH_PROJECTION)):
        a, r = sub.tensor("a", [1, 8], TT.FLOAT32), sub.tensor("r", [1, 8], TT.FLOAT32)
        sub.op(code, [a], [r])
        sub.io([a], [r])
    out = g.tensor("out", [1, 8], TT.FLOAT32)
    o = schema.IfOptionsT()
    o.thenSubgraphIndex, o.elseSubgraphIndex = then.index, other.index
    g.op(OP.IF, [c, x], [out], OPT.IfOptions, o)
    return g.finish([c, x], [out])


def bad_type_model():
    """Every operator known, one refused for its operands (a hybrid
    FULLY_CONNECTED whose int8 weights have a zero point)."""
    g = Graph()
    a = g.tensor("a", [1, 8], TT.FLOAT32)
    b = g.tensor("b", [1, 8], TT.FLOAT32)
    c = g.tensor("c", [1, 4], TT.FLOAT32)
    w = g.const("w", np.ones((4, 8), np.int8), TT.INT8, quant(0.1, 3))
    g.op(OP.RELU, [a], [b])
    g.op(OP.FULLY_CONNECTED, [b, w], [c], OPT.FullyConnectedOptions,
         schema.FullyConnectedOptionsT())
    return g.finish([a], [c])


def run(mote, *args):
    r = subprocess.run([mote] + list(args), capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def main():
    mote = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join(tmp, "mixed.tflite")
        open(p, "wb").write(mixed_model())
        rc, out, err = run(mote, "inspect", p)
        lines = err.strip().splitlines()
        check("mixed: exit 1, one stderr line", rc == 1 and len(lines) == 1 and
              lines[0].startswith("mote: "), "rc=%d err=%r" % (rc, err))
        for key in ("operators:", "tensors:", "macs: 32", "constant_bytes: 128",
                    "arena_bytes: unknown", "unsupported:", "unsupported_operators: 2 of 4"):
            check("mixed text has %r" % key, key in out, out[-600:])
        rows = [ln.split() for ln in out.split("unsupported:")[1].splitlines()[2:4]]
        check("mixed rows", [r[:2] for r in rows] == [["0", "LSH_PROJECTION"],
                                                      ["3", "HASHTABLE_LOOKUP"]], repr(rows))
        check("mixed FC row still described", "FULLY_CONNECTED" in out and "[4,8]" in out)

        rc, out, err = run(mote, "inspect", p, "--json")
        check("mixed json exit 1", rc == 1 and len(err.strip().splitlines()) == 1, err)
        try:
            d = json.loads(out)
        except ValueError as e:
            check("mixed json parses", False, str(e))
            d = {}
        check("mixed json arena null", d.get("arena_bytes", 0) is None)
        check("mixed json 4 operators", len(d.get("operators", [])) == 4)
        u = d.get("unsupported", [])
        check("mixed json unsupported", [(x["index"], x["op"]) for x in u] ==
              [(0, "LSH_PROJECTION"), (3, "HASHTABLE_LOOKUP")], repr(u))
        check("mixed json types and reason", all(
            x["types"] == {"inputs": ["FLOAT32"], "outputs": ["FLOAT32"]} and x["reason"]
            for x in u), repr(u))

        p = os.path.join(tmp, "branch.tflite")
        open(p, "wb").write(branch_model())
        rc, out, err = run(mote, "inspect", p)
        rows = [ln.split() for ln in out.split("unsupported:")[-1].splitlines()[2:3]]
        check("branch: refusal in subgraph 2 listed as 2:0", rc == 1 and
              [r[:2] for r in rows] == [["2:0", "LSH_PROJECTION"]] and
              "unsupported_operators: 1 of 3" in out, out[-400:])
        rc, out, err = run(mote, "inspect", p, "--json")
        u = json.loads(out).get("unsupported", []) if out.strip() else []
        check("branch json: subgraph 2, index 0", rc == 1 and
              [(x["subgraph"], x["index"], x["op"]) for x in u] == [(2, 0, "LSH_PROJECTION")],
              repr(u))

        p = os.path.join(tmp, "badtype.tflite")
        open(p, "wb").write(bad_type_model())
        rc, out, err = run(mote, "inspect", p, "--json")
        d = json.loads(out) if out.strip() else {}
        u = d.get("unsupported", [])
        check("badtype: FC refused with its reason", rc == 1 and len(u) == 1 and
              u[0]["index"] == 1 and u[0]["types"]["inputs"] == ["FLOAT32", "INT8"] and
              "zero point" in u[0]["reason"] and not u[0]["reason"].startswith("operator "),
              repr(u))

        # Not a model: only the error line, nothing on stdout.
        p = os.path.join(tmp, "junk.tflite")
        open(p, "wb").write(b"not a model" * 10)
        rc, out, err = run(mote, "inspect", p)
        check("junk: exit 1, no description", rc == 1 and out == "" and
              len(err.strip().splitlines()) == 1, "rc=%d out=%r" % (rc, out[:200]))

    # The hybrid KWS model loads now: plain inspect, exit 0.
    rc, out, err = run(mote, "inspect", "models/mlperf-tiny/kws_ref_model_float32.tflite")
    check("hybrid kws inspects", rc == 0 and err == "" and "arena_bytes: " in out and
          "unknown" not in out, err)
    print("describe: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
