#!/usr/bin/env python3
"""Output injection: tensor names are model text, and a model is untrusted.

A model whose tensor names hold CR/LF, terminal escape sequences, a fake
"arena_bytes: 1" line, a backslash, C1 controls and U+2028 must not forge
output lines: `mote inspect` (text), `inspect --plan` and `inspect --json`
must print exactly as many lines as for the same model with plain names, the
text forms must hold each name escaped (tools/mote/escape.h: \\xNN, \\\\) and
no control byte at all, and the JSON must parse back to the exact names.

usage: test_names.py MOTE     (needs the test venv: numpy, flatbuffers)
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "ops"))
from tflite_builder import OP, PAD, TT, Graph, quant, schema  # noqa: E402

HOSTILE = [
    "in\r\nfile: forged.tflite",
    "\x1b[2J\x1b[H\x07cleared",
    "\narena_bytes: 1",
    "back\\slash \u009b31m C1 \u2028 sep \x7f del \x00 nul",
]
PLAIN = ["a", "b", "c", "d"]


def model(names):
    """in -> AVERAGE_POOL_2D -> t1 -> RESHAPE -> t2 -> SOFTMAX -> out."""
    g = Graph()
    q = quant(0.05, 3)
    a = g.tensor(names[0], [1, 4, 4, 2], TT.INT8, q)
    b = g.tensor(names[1], [1, 2, 2, 2], TT.INT8, q)
    c = g.tensor(names[2], [1, 8], TT.INT8, q)
    d = g.tensor(names[3], [1, 8], TT.INT8, quant(1.0 / 256, -128))
    po = schema.Pool2DOptionsT()
    po.padding, po.strideW, po.strideH, po.filterWidth, po.filterHeight = PAD.VALID, 2, 2, 2, 2
    g.op(OP.AVERAGE_POOL_2D, [a], [b], schema.BuiltinOptions.Pool2DOptions, po)
    ro = schema.ReshapeOptionsT()
    ro.newShape = [1, 8]
    g.op(OP.RESHAPE, [b], [c], schema.BuiltinOptions.ReshapeOptions, ro)
    so = schema.SoftmaxOptionsT()
    so.beta = 1.0
    g.op(OP.SOFTMAX, [c], [d], schema.BuiltinOptions.SoftmaxOptions, so)
    return g.finish([a], [d])


def escaped(name):
    """The escaper's form (tools/mote/escape.c) of a name's UTF-8 bytes."""
    out = []
    for c in name.encode("utf-8"):
        if c == 0x5C:
            out.append("\\\\")
        elif 0x20 <= c <= 0x7E:
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    return "".join(out)


passed = failed = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s%s" % (what, ": " + detail if detail else ""))


def main():
    mote = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for kind, names in (("plain", PLAIN), ("hostile", HOSTILE)):
            paths[kind] = os.path.join(tmp, kind + ".tflite")
            with open(paths[kind], "wb") as f:
                f.write(model(names))
        for args in ([], ["--plan"], ["--json"]):
            out = {}
            for kind in ("plain", "hostile"):
                r = subprocess.run([mote, "inspect", paths[kind]] + args, capture_output=True)
                check("inspect %s %s exits 0" % (kind, args), r.returncode == 0 and r.stderr == b"",
                      "rc %d, stderr %r" % (r.returncode, r.stderr[:300]))
                out[kind] = r.stdout
            label = "inspect %s" % (" ".join(args) or "(text)")
            plain, hostile = out["plain"], out["hostile"]
            # Split on every byte a terminal or a line-based reader treats as
            # a line end, not only on \n.
            check(label + ": as many lines as with plain names",
                  len(hostile.splitlines()) == len(plain.splitlines()) and
                  hostile.count(b"\n") == plain.count(b"\n"),
                  "%d vs %d lines" % (len(hostile.splitlines()), len(plain.splitlines())))
            bad = sorted(set(b for b in hostile if (b < 0x20 and b != 0x0A) or b == 0x7F))
            check(label + ": no control bytes", not bad, "bytes %r" % bad)
            text = hostile.decode("utf-8", "replace")
            check(label + ": no forged lines",
                  sum(1 for ln in text.split("\n") if ln.startswith("arena_bytes:")) ==
                  (0 if args == ["--json"] else 1) and
                  not any(ln.startswith("file: forged") for ln in text.split("\n")))
            if args == ["--json"]:
                try:
                    doc = json.loads(text)
                except ValueError as e:
                    check(label + ": parses", False, str(e))
                    continue
                got = [t.get("name") for t in doc.get("tensors", [])]
                check(label + ": exact names", got == HOSTILE, "%r" % got)
                check(label + ": exact input/output names",
                      [t["name"] for t in doc["inputs"]] == [HOSTILE[0]] and
                      [t["name"] for t in doc["outputs"]] == [HOSTILE[3]])
                check(label + ": no raw C1 control or U+2028",
                      not any(ch in text for ch in "\u009b\u2028"))
            else:
                for n in HOSTILE:
                    # --plan lists activations: all four, the RESHAPE output
                    # shares its buffer but still has a row of its own or a
                    # "(shared with ...)" note; the text report has every name.
                    if args == ["--plan"] and n == HOSTILE[2]:
                        continue
                    check("%s: name %r printed escaped" % (label, n), escaped(n) in text)
    print("names: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
