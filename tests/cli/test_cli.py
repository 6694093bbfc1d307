#!/usr/bin/env python3
"""End-to-end tests of the host tool `mote` (inspect, run) and its .npy reader.

usage: test_cli.py MOTE [NPY_CHECK]

MOTE is the built tool (build/mote); NPY_CHECK, if given, is the compiled
tests/cli/npy_check.c. Models come from the repository's models/ folder
(override with MOTE_CLI_MODELS=dir for exploration), golden inputs/outputs
from tests/data/golden/. Standard library only. Prints one line per failure
and ends with "N passed, N failed"; exits non-zero on any failure.
"""
import glob
import json
import re
import os
import struct
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = os.environ.get("MOTE_CLI_MODELS", os.path.join(ROOT, "models"))
GOLDEN = os.path.join(ROOT, "tests", "data", "golden")
HOSTILE = os.path.join(ROOT, "tests", "data", "hostile")

# MACs and constant bytes of the int8 models, computed from the schema with
# the counting rule of src/ops/registry.h (CONV: out*kh*kw*in_c, DEPTHWISE:
# out*kh*kw, FC: out*depth; pools, ADD, RESHAPE, SOFTMAX 0) by a separate
# script over the flatbuffers; they agree with the rounded figures of
# MLPerf Tiny (2.66 M, 7.49 M, 12.50 M, 0.26 M, 0.83 M) and with the
# constant-byte column of the models README.
EXPECTED = {
    "kws_ref_model.tflite": (2656768, 24376),
    "vww_96_int8.tflite": (7489664, 219072),
    "pretrainedResnet_quant.tflite": (12501632, 78752),
    "ad01_int8.tflite": (264192, 270880),
    "str_ww_ref_model.tflite": (826368, 49420),
    "person_detect.tflite": (7157888, 218928),
}

# The .npy dtype that stores each tensor type, and one that does not.
NPY_DESCR = {"INT8": "|i1", "UINT8": "|u1", "INT16": "<i2", "INT32": "<i4", "FLOAT32": "<f4"}
SIZE = {"|i1": 1, "|u1": 1, "<i2": 2, "<u2": 2, "<i4": 4, "<f4": 4, "<f8": 8}

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""))
    return ok


def mote(*args, stdin=None):
    p = subprocess.run([MOTE] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=stdin if stdin is not None else subprocess.DEVNULL, timeout=300)
    return p.returncode, p.stdout, p.stderr


def stderr_lines(err):
    return err.decode("utf-8", "replace").splitlines()


def expect_ok(name, args):
    rc, out, err = mote(*args)
    check(name, rc == 0, "exit %d, stderr %r" % (rc, err[:300]))
    return rc, out, err


def expect_error(name, args, contains=None):
    """Exit status exactly 1 and exactly one stderr line 'mote: ...'."""
    rc, out, err = mote(*args)
    lines = stderr_lines(err)
    ok = rc == 1 and len(lines) == 1 and lines[0].startswith("mote: ")
    detail = "exit %d, stderr %r" % (rc, err[:400])
    if ok and contains is not None:
        for c in ([contains] if isinstance(contains, str) else contains):
            if c not in lines[0]:
                ok = False
                detail = "message %r lacks %r" % (lines[0], c)
    check(name, ok, detail)
    return lines[0] if lines else ""


def expect_clean(name, args):
    """Success, or a clean one-line failure: never a crash."""
    rc, out, err = mote(*args)
    lines = stderr_lines(err)
    check(name, rc == 0 or (rc == 1 and len(lines) == 1 and lines[0].startswith("mote: ")),
          "exit %d, stderr %r" % (rc, err[:400]))


def npy_bytes(descr, shape, data, version=1, fortran=False, header=None):
    """A .npy file built by hand, so every header field is under test control."""
    if header is None:
        dims = ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "")
        header = "{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }" % (
            descr, "True" if fortran else "False", dims)
    h = header.encode("latin-1")
    pre = 10 if version == 1 else 12
    pad = (-(pre + len(h) + 1)) % 64
    h = h + b" " * pad + b"\n"
    size = struct.pack("<H", len(h)) if version == 1 else struct.pack("<I", len(h))
    return b"\x93NUMPY" + bytes([version, 0]) + size + h + data


def npy_shape(dims):
    """A shape as NumPy prints it: (490,) or (49, 10)."""
    return "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


def model_paths():
    return sorted(glob.glob(os.path.join(MODELS, "**", "*.tflite"), recursive=True))


def test_help():
    for args in (["--help"], ["-h"], ["inspect", "--help"], ["run", "--help"],
                 ["run", "x.tflite", "--help"]):
        rc, out, err = expect_ok("help " + " ".join(args), args)
        check("help text " + " ".join(args), b"usage:" in out and err == b"")
    rc, out, err = expect_ok("--version", ["--version"])
    check("version text", out.startswith(b"mote "))


def test_arg_errors(model):
    expect_error("no command", [])
    expect_error("unknown command", ["frobnicate"], "frobnicate")
    expect_error("unknown top option", ["--frob"])
    expect_error("inspect no model", ["inspect"])
    expect_error("inspect unknown option", ["inspect", model, "--frob"], "--frob")
    expect_error("inspect two models", ["inspect", model, model])
    expect_error("inspect missing file", ["inspect", "/nonexistent/m.tflite"], "nonexistent")
    expect_error("inspect directory", ["inspect", ROOT])
    expect_error("run no model", ["run"])
    expect_error("run no input", ["run", model, "--output", "/dev/null"], "--input")
    expect_error("run no output", ["run", model, "--input", model], "--output")
    expect_error("run input without value", ["run", model, "--output", "/dev/null", "--input"])
    expect_error("run unknown option", ["run", model, "--inputs", "x"], "--inputs")
    for bad in ("0", "-1", "abc", "", "99999999999999999999"):
        expect_error("run --repeat %r" % bad,
                     ["run", model, "--input", model, "--output", "/dev/null", "--repeat", bad])


def test_inspect(path):
    base = os.path.basename(path)
    rc, out, err = mote("inspect", path)
    lines = stderr_lines(err)
    if base not in EXPECTED:
        # A model mote may not support (float, hybrid): success or one clean line.
        check("inspect %s clean" % base,
              rc == 0 or (rc == 1 and len(lines) == 1 and lines[0].startswith("mote: ")),
              "exit %d, stderr %r" % (rc, err[:300]))
        if rc != 0:
            expect_error("inspect --json %s clean" % base, ["inspect", path, "--json"])
            return None
    else:
        check("inspect %s" % base, rc == 0 and err == b"", "exit %d, stderr %r" % (rc, err[:300]))
        if rc != 0:
            return None
    text = out.decode("utf-8", "replace")
    for key in ("operators:", "tensors:", "macs:", "constant_bytes:", "arena_bytes:"):
        check("inspect %s text has %s" % (base, key), key in text)

    rc, out, err = mote("inspect", path, "--json")
    if not check("inspect --json %s" % base, rc == 0, "exit %d %r" % (rc, err[:300])):
        return None
    try:
        doc = json.loads(out.decode("utf-8"))
    except ValueError as e:
        check("inspect --json %s parses" % base, False, str(e))
        return None
    check("json %s parses" % base, True)
    for key in ("operators", "tensors", "inputs", "outputs", "macs", "constant_bytes",
                "arena_bytes"):
        check("json %s has %s" % (base, key), key in doc)
    ops_ok = all(set(("index", "op", "inputs", "outputs", "macs")) <= set(o) and
                 all(set(("index", "shape", "type")) <= set(x) for x in o["inputs"] + o["outputs"])
                 for o in doc.get("operators", []))
    check("json %s operator keys" % base, ops_ok)
    io_ok = all(set(("index", "name", "type", "shape", "bytes", "scale", "zero_point")) <= set(t)
                for t in doc.get("inputs", []) + doc.get("outputs", []))
    check("json %s input/output keys" % base, io_ok and len(doc.get("inputs", [])) > 0)
    check("json %s macs is the per-op sum" % base,
          doc.get("macs") == sum(o.get("macs", 0) for o in doc.get("operators", [])))
    check("json %s arena_bytes > 0" % base, isinstance(doc.get("arena_bytes"), int)
          and doc["arena_bytes"] > 0)
    cb = sum(t["bytes"] for t in doc.get("tensors", []) if t.get("constant"))
    check("json %s constant_bytes is the constant tensors' sum" % base,
          doc.get("constant_bytes") == cb, "%r vs %r" % (doc.get("constant_bytes"), cb))
    if base in EXPECTED:
        macs, const = EXPECTED[base]
        check("json %s macs" % base, doc.get("macs") == macs, "%r, want %d" % (doc.get("macs"), macs))
        check("json %s constant_bytes" % base, doc.get("constant_bytes") == const,
              "%r, want %d" % (doc.get("constant_bytes"), const))
        check("text %s macs" % base, ("macs: %d " % macs) in text)
    test_plan(path, doc)
    return doc


def test_plan(path, doc):
    """`inspect --plan` lists every activation buffer; checked here, apart
    from the runtime's own checker: buffers whose operator ranges overlap
    must not overlap in memory, and all fit in the activation total."""
    base = os.path.basename(path)
    rc, out, err = mote("inspect", path, "--plan")
    if not check("inspect --plan %s" % base, rc == 0, "exit %d %r" % (rc, err[:300])):
        return
    text = out.decode("utf-8", "replace")
    m = re.search(r"memory plan: arena (\d+) = state (\d+) \+ activations (\d+) "
                  r"\(lower bound for these lifetimes: (\d+); with kernel scratch: \d+\)", text)
    if not check("inspect --plan %s header" % base, m is not None):
        return
    arena, state, acts, bound = (int(x) for x in m.groups())
    check("plan %s arena equals json arena_bytes" % base, arena == doc.get("arena_bytes"))
    rows = [tuple(int(v) for v in r) for r in
            re.findall(r"^  (\d+) +(\d+) +(\d+) +(\d+)\.\.(\d+) ", text, re.M)]
    check("plan %s lists buffers" % base, len(rows) > 0)
    fits = all(off + size <= acts for off, size, _, _, _ in rows)
    clash = [(a[2], b[2]) for i, a in enumerate(rows) for b in rows[i + 1:]
             if a[3] <= b[4] and b[3] <= a[4] and a[0] < b[0] + b[1] and b[0] < a[0] + a[1]]
    check("plan %s buffers fit in the activations" % base, fits)
    check("plan %s no live buffers overlap" % base, not clash, "tensors %r" % clash[:3])
    check("plan %s at or above its lower bound" % base, bound <= acts)


def golden_dir(path):
    d = os.path.join(GOLDEN, os.path.splitext(os.path.basename(path))[0])
    return d if os.path.isfile(os.path.join(d, "in_0.bin")) else None


STATEFUL_OPS = ("CALL_ONCE", "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE", "SVDF",
                "UNIDIRECTIONAL_SEQUENCE_LSTM")


def test_run(path, doc, tmp):
    base = os.path.basename(path)
    inp = doc["inputs"][0]
    nbytes = inp["bytes"]
    dims = inp["shape"]
    gold = golden_dir(path)
    if gold is not None:
        raw = open(os.path.join(gold, "in_0.bin"), "rb").read()
    else:
        raw = bytes((i * 37 + 11) & 0xff for i in range(nbytes))
    raw_path = os.path.join(tmp, base + ".in.bin")
    open(raw_path, "wb").write(raw)
    out_raw = os.path.join(tmp, base + ".out.raw")
    rc, out, err = expect_ok("run %s raw" % base,
                             ["run", path, "--input", raw_path, "--output", out_raw])
    if rc != 0:
        return
    got = open(out_raw, "rb").read()
    check("run %s output size" % base, len(got) == sum(o["bytes"] for o in doc["outputs"]))
    if gold is not None:
        want = open(os.path.join(gold, "out_0.bin"), "rb").read()
        check("run %s matches golden out_0" % base, got == want)

    # The same input as .npy (hand-made v1, v2, v3, and numpy's own if present).
    descr = NPY_DESCR.get(inp["type"])
    if descr is not None:
        for ver in (1, 2, 3):
            npy_path = os.path.join(tmp, "%s.v%d.npy" % (base, ver))
            open(npy_path, "wb").write(npy_bytes(descr, dims, raw, version=ver))
            out_npy = os.path.join(tmp, base + ".out.npy%d" % ver)
            rc, _, _ = expect_ok("run %s npy v%d" % (base, ver),
                                 ["run", path, "--input", npy_path, "--output", out_npy])
            if rc == 0:
                check("run %s npy v%d same bytes" % (base, ver), open(out_npy, "rb").read() == got)
        # Shapes that differ only by dimensions of size 1 are accepted.
        squeezed = [d for d in dims if d != 1]
        for label, shp in (("squeezed", squeezed), ("padded with 1s", [1] + dims + [1, 1])):
            npy_path = os.path.join(tmp, "%s.shape.npy" % base)
            open(npy_path, "wb").write(npy_bytes(descr, shp, raw))
            out_npy = os.path.join(tmp, base + ".out.shape")
            rc, _, _ = expect_ok("run %s npy %s %s" % (base, label, shp),
                                 ["run", path, "--input", npy_path, "--output", out_npy])
            if rc == 0:
                check("run %s npy %s same bytes" % (base, label), open(out_npy, "rb").read() == got)
        try:
            import numpy as np
            npy_path = os.path.join(tmp, base + ".np.npy")
            np.save(npy_path, np.frombuffer(raw, dtype=np.dtype(descr)).reshape(dims))
            out_np = os.path.join(tmp, base + ".out.np")
            rc, _, _ = expect_ok("run %s numpy .npy" % base,
                                 ["run", path, "--input", npy_path, "--output", out_np])
            if rc == 0:
                check("run %s numpy .npy same bytes" % base, open(out_np, "rb").read() == got)
        except ImportError:
            pass

    # Repeat, timing, stdout output. The outputs are the last run's: those
    # of one run, unless the model keeps state across invokes (resource
    # variables, LSTM / SVDF state), when only their size is the same.
    rc, out, err = mote("run", path, "--input", raw_path, "--output", "-", "--repeat", "3",
                        "--time")
    stateful = any(o["op"] in STATEFUL_OPS for o in doc["operators"])
    check("run %s --repeat 3 --time" % base, rc == 0 and
          (out == got if not stateful else len(out) == len(got)) and
          stderr_lines(err)[:1] and stderr_lines(err)[0].startswith("time: "),
          "exit %d, stderr %r" % (rc, err[:200]))


def test_run_errors(path, doc, tmp):
    """Every malformed input: exit 1, one line, no crash."""
    base = os.path.basename(path)
    inp = doc["inputs"][0]
    n, dims = inp["bytes"], inp["shape"]
    shape = "[" + ",".join(str(d) for d in dims) + "]"
    good = os.path.join(tmp, "good.bin")
    open(good, "wb").write(bytes(n))

    def run_with(name, data, suffix=".bin", contains=None, inputs=None):
        p = os.path.join(tmp, "case" + suffix)
        if data is not None:
            open(p, "wb").write(data)
        args = ["run", path]
        for i in (inputs if inputs is not None else [p]):
            args += ["--input", i]
        args += ["--output", os.path.join(tmp, "o.bin")]
        return expect_error("run %s: %s" % (base, name), args, contains)

    run_with("wrong-size raw", bytes(100), contains=[
        "input 0", "has 100 bytes", "model input 0 (%s %s)" % (shape, inp["type"]),
        "needs %d" % n])
    run_with("empty raw", b"", contains="has 0 bytes")
    run_with("one byte too many", bytes(n + 1), contains="has %d bytes" % (n + 1))
    run_with("missing input file", None, inputs=[os.path.join(tmp, "nope.bin")],
             contains="nope.bin")
    run_with("too many inputs", None, inputs=[good, good, good], contains="got 3")
    expect_error("run %s: missing model" % base,
                 ["run", os.path.join(tmp, "nope.tflite"), "--input", good, "--output",
                  os.path.join(tmp, "o.bin")])
    expect_error("run %s: output in missing dir" % base,
                 ["run", path, "--input", good, "--output", os.path.join(tmp, "no", "dir", "o")])

    descr = NPY_DESCR.get(inp["type"])
    if descr is None:
        return
    esize = SIZE[descr]
    count = n // esize
    # A float .npy for a quantized integer input is quantized (`run --help`),
    # so the dtype refused there is another integer width.
    quantized = inp.get("scale", 0) != 0 and descr[1] == "i"
    wrong = ("<i2" if descr == "|i1" else "|i1") if quantized else \
        ("<f8" if descr != "<f8" else "|i1")
    ok = npy_bytes(descr, dims, bytes(n))
    run_with("npy bad magic", b"\x93NUMPZ" + ok[6:], ".npy", "magic")
    run_with("npy bad version", ok[:6] + b"\x07\x00" + ok[8:], ".npy", "version")
    run_with("npy wrong dtype", npy_bytes(wrong, dims, bytes(SIZE[wrong] * count)), ".npy",
             ["'%s'" % wrong, "'%s'" % descr])
    # (A float .npy is quantized for a quantized input, so an int16 one gets <u2.)
    other = "|u1" if descr == "|i1" else "<i4" if descr == "<f4" else \
        "<u2" if descr == "<i2" and quantized else "<f4"
    run_with("npy same-size other kind", npy_bytes(other, dims, bytes(SIZE[other] * count)),
             ".npy", "'%s'" % other)
    if esize > 1:
        run_with("npy big-endian", npy_bytes(">" + descr[1:], dims, bytes(n)), ".npy",
                 "'>%s'" % descr[1:])
    run_with("npy fortran order", npy_bytes(descr, dims, bytes(n), fortran=True), ".npy",
             "Fortran")
    run_with("npy wrong shape", npy_bytes(descr, [count - 1], bytes(n - esize)), ".npy",
             ["(%d,)" % (count - 1), "needs shape %s" % shape])
    # The shape policy: same element count is not enough. Only dimensions of
    # size 1 may be added or left out; anything else is refused, naming both.
    squeezed = [d for d in dims if d != 1]
    if len(squeezed) >= 2 and squeezed[0] != squeezed[-1]:
        swapped = list(reversed(squeezed))
        run_with("npy same count, dims reversed %s" % swapped, npy_bytes(descr, swapped, bytes(n)),
                 ".npy", [npy_shape(swapped), "needs shape %s" % shape, "size 1"])
    if len(squeezed) >= 2:
        run_with("npy same count, flattened", npy_bytes(descr, [count], bytes(n)), ".npy",
                 ["(%d,)" % count, "needs shape %s" % shape])
    if any(d > 1 for d in dims):
        big = [d for d in dims]
        k = next(i for i, d in enumerate(big) if d > 1)
        if big[k] % 2 == 0:
            big[k:k + 1] = [2, big[k] // 2]
            run_with("npy same count, a dimension split", npy_bytes(descr, big, bytes(n)), ".npy",
                     [npy_shape(big), "needs shape %s" % shape])
    # Input size limit: 8 times the tensor's bytes (its elements as float64)
    # plus 16384 bytes of .npy header.
    limit = 8 * n + 16384
    run_with("raw input past the read limit", bytes(limit + 1), contains=[
        "larger than the limit of %d bytes" % limit, "takes %d bytes" % n, "16384"])
    run_with("raw input at the read limit", bytes(limit), contains="has %d bytes" % limit)
    expect_error("run %s: /dev/zero as input" % base,
                 ["run", path, "--input", "/dev/zero", "--output", os.path.join(tmp, "o.bin")],
                 ["/dev/zero", "larger than the limit of %d bytes" % limit])
    if descr != "<f8" and not quantized:
        run_with("npy float64 (numpy's default dtype)",
                 npy_bytes("<f8", dims, bytes(8 * count)), ".npy", ["'<f8'", "'%s'" % descr])
    run_with("npy truncated data", ok[:-1], ".npy", "truncated")
    run_with("npy excess data", ok + b"\0", ".npy")
    run_with("npy truncated header", ok[:40], ".npy", "truncated")
    run_with("npy truncated prefix", ok[:9], ".npy", "truncated")
    run_with("npy magic only", ok[:6], ".npy")
    run_with("npy empty", b"", ".npy")
    run_with("npy structured dtype", npy_bytes(None, None, bytes(n), header=
             "{'descr': [('a', '|i1')], 'fortran_order': False, 'shape': (%d,), }" % n), ".npy",
             "structured")
    run_with("npy missing key", npy_bytes(None, None, bytes(n), header=
             "{'descr': '%s', 'shape': (%d,), }" % (descr, count)), ".npy")
    run_with("npy extra key", npy_bytes(None, None, bytes(n), header=
             "{'descr': '%s', 'fortran_order': False, 'shape': (%d,), 'x': 1}" % (descr, count)), ".npy")
    run_with("npy negative dim", npy_bytes(None, None, bytes(n), header=
             "{'descr': '%s', 'fortran_order': False, 'shape': (-%d,), }" % (descr, count)), ".npy")
    run_with("npy huge shape", npy_bytes(None, None, bytes(n), header=
             "{'descr': '%s', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), }"
             % descr),
             ".npy")
    run_with("npy garbage header", npy_bytes(None, None, bytes(n), header="\x01\x02{{{'"), ".npy")
    run_with("npy header length past end", ok[:8] + b"\xff\xff" + ok[10:], ".npy")
    # A .npy magic without the suffix is still parsed as .npy, not as raw bytes.
    run_with("npy magic in .bin", npy_bytes(wrong, dims, bytes(SIZE[wrong] * count)), ".bin",
             "dtype")


def test_bad_models(path, tmp):
    data = open(path, "rb").read()
    good = os.path.join(tmp, "zeros.bin")
    open(good, "wb").write(bytes(16))
    cases = {
        "not a model (text)": b"hello, this is not a model\n" * 10,
        "empty model": b"",
        "truncated model (half)": data[: len(data) // 2],
        "truncated model (header)": data[:12],
        "identifier changed": data[:4] + b"XXXX" + data[8:],
    }
    for name, blob in cases.items():
        p = os.path.join(tmp, "bad.tflite")
        open(p, "wb").write(blob)
        expect_error("inspect " + name, ["inspect", p])
        expect_error("inspect --json " + name, ["inspect", p, "--json"])
        expect_error("run " + name, ["run", p, "--input", good, "--output",
                                     os.path.join(tmp, "o.bin")])
    # Truncation at spread-out lengths, and single flipped bytes: never a crash.
    p = os.path.join(tmp, "cut.tflite")
    step = max(1, len(data) // 40)
    for cut in range(0, len(data), step):
        open(p, "wb").write(data[:cut])
        expect_clean("inspect truncated at %d" % cut, ["inspect", p, "--json"])
    for i, pos in enumerate(range(0, min(len(data), 4096), 97)):
        b = bytearray(data)
        b[pos] ^= 0xff
        open(p, "wb").write(bytes(b))
        expect_clean("inspect flipped byte %d" % pos, ["inspect", p])


def test_special_files(model, tmp):
    """Sources with no size to trust: /dev/zero is refused at the limit,
    quickly, naming it; FIFOs are read whole; empty files are refused."""
    t0 = time.time()
    line = expect_error("inspect /dev/zero", ["inspect", "/dev/zero"],
                        ["/dev/zero", "larger than the limit of 268435456 bytes (256 MiB)",
                         "model file"])
    check("inspect /dev/zero is quick", time.time() - t0 < 20, "%.1f s" % (time.time() - t0))
    expect_error("run /dev/zero as model", ["run", "/dev/zero", "--input", "/dev/null",
                                            "--output", os.path.join(tmp, "o.bin")], "256 MiB")
    empty = os.path.join(tmp, "empty.tflite")
    open(empty, "wb").close()
    expect_error("inspect empty file", ["inspect", empty], "truncated")
    expect_error("inspect /dev/null", ["inspect", "/dev/null"], "truncated")

    data = open(model, "rb").read()
    rc, want, _ = mote("inspect", model, "--json")
    fifo = os.path.join(tmp, "model.fifo")
    os.mkfifo(fifo)

    def feed(blob):
        def run():
            try:
                with open(fifo, "wb") as f:
                    f.write(blob)
            except OSError:
                pass
        t = threading.Thread(target=run, daemon=True)
        t.start()
        return t

    t = feed(data)
    rc, out, err = mote("inspect", fifo, "--json")
    t.join(30)
    try:
        same = json.loads(out)["tensors"] == json.loads(want)["tensors"]
    except (ValueError, KeyError):
        same = False
    check("inspect a model through a FIFO", rc == 0 and same, "exit %d %r" % (rc, err[:200]))
    t = feed(b"")
    expect_error("inspect an empty FIFO", ["inspect", fifo], "truncated")
    t.join(30)
    doc = json.loads(want)
    if len(doc["inputs"]) == 1:
        n = doc["inputs"][0]["bytes"]
        out_fifo = os.path.join(tmp, "fifo.out")
        ref = os.path.join(tmp, "fifo.in")
        open(ref, "wb").write(bytes(n))
        expect_ok("run from a regular input", ["run", model, "--input", ref, "--output", out_fifo])
        want_out = open(out_fifo, "rb").read()
        t = feed(bytes(n))
        rc, out, err = mote("run", model, "--input", fifo, "--output", "-")
        t.join(30)
        check("run with the input through a FIFO", rc == 0 and out == want_out,
              "exit %d %r" % (rc, err[:200]))
        t = feed(bytes(8 * n + 16385))
        expect_error("run with an oversized input through a FIFO",
                     ["run", model, "--input", fifo, "--output", out_fifo],
                     "larger than the limit of %d bytes" % (8 * n + 16384))
        t.join(30)
    os.unlink(fifo)


def test_hostile():
    for p in sorted(glob.glob(os.path.join(HOSTILE, "**", "*.tflite"), recursive=True)):
        expect_clean("inspect hostile %s" % os.path.relpath(p, HOSTILE), ["inspect", p])
        expect_clean("inspect --json hostile %s" % os.path.relpath(p, HOSTILE),
                     ["inspect", p, "--json"])


def test_json_escaping(tmp):
    """A file name with quotes, control and non-UTF-8 bytes still gives valid JSON."""
    paths = model_paths()
    src = next((p for p in paths if os.path.basename(p) in EXPECTED), None)
    if src is None:
        return
    odd = os.path.join(tmp.encode(), b'm"\\\x01\xff\xc3\xa9.tflite')
    with open(odd, "wb") as f:
        f.write(open(src, "rb").read())
    p = subprocess.run([MOTE.encode(), b"inspect", odd, b"--json"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    try:
        doc = json.loads(p.stdout.decode("utf-8"))
        ok = p.returncode == 0 and doc["file"].endswith('m"\\\x01\xff\xe9.tflite')
    except (ValueError, KeyError):
        ok = False
    check("json escaping of odd file name", ok, repr(p.stdout[:120]))
    p = subprocess.run([MOTE.encode(), b"inspect", odd + b"x"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    check("odd missing file name gives one line", p.returncode == 1 and
          len(p.stderr.splitlines()) == 1)


def test_first_hour(tmp):
    """Issue 12's first-hour fixes: help, .npy output, --print, float inputs
    quantized, the arena and identifier messages."""
    rc, out, err = mote("--help")
    text = out.decode()
    src = open(os.path.join(ROOT, "tools", "mote", "main.c")).read()
    commands = re.findall(r'strcmp\(cmd, "([a-z]+)"\)', src)
    check("main.c dispatches commands", len(commands) >= 5, str(commands))
    for c in commands:
        check("top-level help lists '%s'" % c, re.search(r"^  %s\b" % c, text, re.M) is not None)
    check("top-level help says float32 runs", "float32" in text)
    for c in commands:
        if c in ("profile", "validate", "report"):
            continue      # Python: their --help is tested in tests/tools/
        rc, sub, _ = mote(c, "--help")
        flags = set(re.findall(r"(--[a-z][a-z-]*)", sub.decode()))
        for f in sorted(flags - {"--help"}):
            check("top-level help lists %s %s" % (c, f), f in text, "missing from mote --help")
    rc, out, _ = mote("run", "--help")
    check("run --help says float32 models run", b"float32" in out)

    kws = os.path.join(MODELS, "mlperf-tiny", "kws_ref_model.tflite")
    gin = os.path.join(GOLDEN, "kws_ref_model", "in_0.bin")
    want = open(os.path.join(GOLDEN, "kws_ref_model", "out_0.bin"), "rb").read()
    if not os.path.exists(kws):
        return
    npy = os.path.join(tmp, "fh_out.npy")
    expect_ok("run --output .npy", ["run", kws, "--input", gin, "--output", npy])
    data = open(npy, "rb").read()
    hlen = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + hlen].decode("latin-1")
    check(".npy output: magic and version", data[:8] == b"\x93NUMPY\x01\x00")
    check(".npy output: 64-byte aligned header ending in newline",
          (10 + hlen) % 64 == 0 and header.endswith("\n"))
    check(".npy output: dtype and shape", "'descr': '|i1'" in header and
          "'shape': (1, 12)" in header, header)
    check(".npy output: data", data[10 + hlen:] == want)
    rc, out, err = expect_ok("run --print", ["run", kws, "--input", gin, "--print", "--top", "2"])
    text = out.decode()
    check("run --print: dequantized values", "0.921875" in text, text)
    check("run --print: top-2", "top 1: class 9 score 0.921875" in text and "top 2: class 11"
          in text and "top 3" not in text, text)
    # Float input in real units: quantized into the input's scale and zero point.
    info = json.loads(mote("inspect", kws, "--json")[1])["inputs"][0]
    raw = open(gin, "rb").read()
    real = [(b - 256 if b > 127 else b) - info["zero_point"] for b in raw]
    fnpy = os.path.join(tmp, "fh_float.npy")
    open(fnpy, "wb").write(npy_bytes("<f4", info["shape"], struct.pack(
        "<%df" % len(real), *[v * info["scale"] for v in real])))
    o2 = os.path.join(tmp, "fh_o2.bin")
    expect_ok("run: float .npy quantized", ["run", kws, "--input", fnpy, "--output", o2])
    check("run: float .npy quantized gives the golden output", open(o2, "rb").read() == want)
    expect_error("run: neither --output nor --print", ["run", kws, "--input", gin],
                 ["--output", "--print"])
    line = expect_error("run --arena too small", ["run", kws, "--input", gin, "--print",
                                                   "--arena", "1000"],
                        ["arena is 1000 bytes", "needs"])
    check("ARENA_SMALL names both sizes", re.search(r"arena is 1000 bytes.*needs \d+", line)
          is not None, line)
    zipf = os.path.join(tmp, "fh.zip")
    open(zipf, "wb").write(b"PK\x03\x04" * 8)
    line = expect_error("not a TFLite model", ["inspect", zipf],
                        ["not a TFLite model", "0x50 0x4b 0x03 0x04"])
    check("identifier named once", line.count("TFL3") == 1, line)


def main():
    global MOTE
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    MOTE = os.path.abspath(sys.argv[1])
    test_help()
    paths = model_paths()
    check("models found under %s" % MODELS, len(paths) > 0)
    with tempfile.TemporaryDirectory() as tmp:
        if paths:
            test_arg_errors(paths[0])
        for path in paths:
            doc = test_inspect(path)
            if doc is not None and doc.get("inputs"):
                test_run(path, doc, tmp)
                test_run_errors(path, doc, tmp)
        known = [p for p in paths if os.path.basename(p) == "kws_ref_model.tflite"]
        if known:
            test_bad_models(known[0], tmp)
            test_special_files(known[0], tmp)
        test_hostile()
        test_json_escaping(tmp)
        test_first_hour(tmp)
    if len(sys.argv) > 2:
        p = subprocess.run([sys.argv[2]], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        check("npy_check", p.returncode == 0, p.stdout.decode("utf-8", "replace")[-400:])
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
