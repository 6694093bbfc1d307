#!/usr/bin/env python3
"""Write the op test cases: random single-operator models with the outputs
the oracles give, for tests/ops/run_cases.c.

For every operator of src/ops/ops.def there must be a spec,
tests/ops/spec_<file>.py, defining:

  OPERATOR  the ops.def name ("CONV_2D");
  KERNELS   {type: kernel id} for every type ops.def gives the operator
            ("int8", "float32", later "int16");
  draw(rng, type)  a random Case (draws.py) from a numpy Generator; raises
            draws.Invalid when the parameters drawn cannot form a model;
  edges(type)      a list of functions rng -> Case: fixed edge cases;
  ORACLES   optional {type: "tflm" | "litert"}, overriding the default
            oracle of a type (below).

A spec may define fix_expected(case, expected) -> expected: the oracle's
outputs with the bytes it leaves undefined (a Signal Framer's frames before
it has enough samples: whatever its arena held) set to what mote writes.

A spec may also define EXTRA_KERNELS, {variant: kernel id}, for kernels of
a type ops.def's types column does not name (int8 activations with packed
int4 weights: {"int8_w4": "CONV_2D_S8_I4"}); draw() and edges() then get
the variant as their type, and --count cases are drawn for it.

For each kernel this writes, under --out, <kernel>/<i>.tflite, the inputs
<i>.in<k> and the expected outputs <i>.out<k> (raw little-endian bytes;
a Case with invokes=N > 1, a stateful operator's, holds N invokes back to
back: the oracle and run_cases run one session N times, state carried over),
<kernel>/cases.txt (one line per case: kernel, index, inputs, outputs, a
description) and finally <out>/manifest.txt, the lines of every kernel
written. Edge cases come first, then --count random cases per integer type
and --float-count per float type, each drawn from its own stream
(seed, spec, type, case), so any case reproduces alone.

Expected outputs: integer types from TFLite Micro's interpreter (byte for
byte); float32 from LiteRT's BUILTIN_REF kernels (run_cases compares within
1e-5 * max|expected| + 1e-30). Every --cross-check-every-th int8 case also
runs through LiteRT BUILTIN_REF: disagreements are reported, not failed.

A kernel whose stamp (hash of the spec sources and the harness, seed,
counts, oracle versions) is unchanged is not regenerated.

  gen_cases.py --out build/ops-cases                      # default set
  gen_cases.py --out build/ops-long --count 5000 --float-count 2000
  gen_cases.py --out /tmp/one --kernel CONV_2D_S8 --case 17   # one case alone
"""

import argparse
import hashlib
import importlib
import importlib.metadata
import os
import re
import shutil
import sys
import time
import zlib
from concurrent.futures import ProcessPoolExecutor

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import draws  # noqa: E402
from oracle import OracleRejected, OracleServer  # noqa: E402

DEFAULT_SEED = 20240601
MAX_ATTEMPTS = 100
FORMAT_VERSION = "ops-cases 1"
SHARED = ["gen_cases.py", "oracle.py", "draws.py", "tflite_builder.py"]
TYPE_BITS = {"MOTE_TM_I8": "int8", "MOTE_TM_I16": "int16", "MOTE_TM_F32": "float32",
             "MOTE_TM_I32": "int32", "MOTE_TM_I64": "int64", "MOTE_TM_BOOL": "bool",
             "MOTE_TM_U32": "uint32", "MOTE_TM_U64": "uint64"}
TYPE_ORDER = ["int8", "int16", "float32", "int32", "int64", "bool", "uint32", "uint64"]


def read_ops_def():
    """[(NAME, file, [types], [kernel ids])] from src/ops/ops.def."""
    text = open(os.path.join(ROOT, "src/ops/ops.def")).read()
    rows = []
    row = re.compile(r"^MOTE_OP\((\w+),\s*\d+,\s*\d+,\s*(\w+),\s*[^,]+,\s*([^,]+),"
                     r"\s*\"([^\"]*)\"", re.M)
    for m in row.finditer(text):
        types = [TYPE_BITS[b] for b in re.findall(r"MOTE_TM_\w+", m.group(3)) if b in TYPE_BITS]
        rows.append((m.group(1), m.group(2), types, m.group(4).split()))
    return rows


def kernel_order():
    text = open(os.path.join(ROOT, "src/kernels/kernels.def")).read()
    return re.findall(r"^MOTE_KERNEL\((\w+),", text, re.M)


def spec_files(stem, seen=None):
    """The spec's file and the specs it imports (their edits change its cases)."""
    seen = seen if seen is not None else []
    name = "spec_%s.py" % stem
    if name in seen:
        return seen
    seen.append(name)
    text = open(os.path.join(HERE, name)).read()
    for dep in re.findall(r"^\s*(?:import|from)\s+spec_(\w+)", text, re.M):
        spec_files(dep, seen)
    return seen


class Unit:
    """One (spec, type) feeding a kernel."""

    def __init__(self, stem, dtype, count):
        self.stem, self.dtype, self.count = stem, dtype, count

    @property
    def spec(self):
        return importlib.import_module("spec_" + self.stem)


def plan(args):
    """({kernel: [Unit]}, [error]) for every operator and type of ops.def: an
    operator without a spec (or a spec that disagrees with ops.def) is an
    error, reported after the other kernels ran."""
    kernels = {}
    errors = []
    for name, stem, types, kids in read_ops_def():
        if not os.path.exists(os.path.join(HERE, "spec_%s.py" % stem)):
            errors.append("%s: no test spec tests/ops/spec_%s.py" % (name, stem))
            continue
        spec = importlib.import_module("spec_" + stem)
        if getattr(spec, "OPERATOR", None) != name:
            errors.append("spec_%s.py: OPERATOR is %r, ops.def says %s"
                          % (stem, getattr(spec, "OPERATOR", None), name))
        for t in sorted(types, key=TYPE_ORDER.index):
            k = spec.KERNELS.get(t)
            if k is None:
                errors.append("%s: ops.def gives type %s, spec_%s.py has no kernel for it"
                              % (name, t, stem))
                continue
            if k not in kids:
                errors.append("%s: spec_%s.py names kernel %s, ops.def lists %s"
                              % (name, stem, k, kids))
            n = args.float_count if t.startswith("float") else args.count
            kernels.setdefault(k, []).append(Unit(stem, t, n))
        for t, k in getattr(spec, "EXTRA_KERNELS", {}).items():
            if k not in kids:
                errors.append("%s: spec_%s.py names kernel %s, ops.def lists %s"
                              % (name, stem, k, kids))
                continue
            n = args.float_count if t.startswith("float") else args.count
            kernels.setdefault(k, []).append(Unit(stem, t, n))
    order = kernel_order()
    return {k: kernels[k] for k in sorted(kernels, key=lambda k: order.index(k)
                                          if k in order else len(order))}, errors


def stamp_for(kernel, units, args):
    h = hashlib.sha256()
    h.update(("%s|%s|seed=%d|xcheck=%d" % (FORMAT_VERSION, kernel, args.seed,
                                           args.cross_check_every)).encode())
    files = list(SHARED)
    for u in units:
        h.update(("|%s:%s:%d" % (u.stem, u.dtype, u.count)).encode())
        files += spec_files(u.stem)
    for f in sorted(set(files)):
        h.update(f.encode() + b"\0" + open(os.path.join(HERE, f), "rb").read())
    for pkg in ("numpy", "flatbuffers", "tflite-micro", "ai-edge-litert"):
        try:
            h.update(("|%s=%s" % (pkg, importlib.metadata.version(pkg))).encode())
        except importlib.metadata.PackageNotFoundError:
            pass
    return h.hexdigest()


def case_rng(seed, unit, kind, index):
    """One independent stream per (seed, spec, type, edge/draw, case)."""
    key = zlib.crc32(("%s:%s" % (unit.stem, unit.dtype)).encode())
    return np.random.default_rng([seed, key, kind, index])


def case_slots(units):
    """[(unit, kind, local index)] in case order: per unit, edges then draws."""
    slots = []
    for u in units:
        n_edges = len(u.spec.edges(u.dtype))
        slots += [(u, 0, j) for j in range(n_edges)]
        slots += [(u, 1, j) for j in range(u.count)]
    return slots


def make_case(oracle, seed, unit, kind, j, stats):
    """(case, expected outputs) or raises RuntimeError."""
    spec = unit.spec
    rng = case_rng(seed, unit, kind, j)
    # A spec may name its oracle per type (ORACLES = {"float32": "tflm"}): an
    # operator LiteRT's BUILTIN_REF lacks, or one TFLite Micro does not run.
    which = getattr(spec, "ORACLES", {}).get(unit.dtype) or (
        "litert" if unit.dtype.startswith("float") else "tflm")
    for attempt in range(MAX_ATTEMPTS):
        try:
            case = spec.edges(unit.dtype)[j](rng) if kind == 0 else spec.draw(rng, unit.dtype)
        except draws.Invalid:
            stats["invalid"] += 1
            continue
        try:
            expected = oracle.call(which, case.oracle_model or case.model, case.inputs,
                                   case.n_outputs, case.invokes)
            if hasattr(spec, "fix_expected"):
                expected = spec.fix_expected(case, expected)
        except OracleRejected as e:
            stats["rejected"].append("%s attempt %d: %s | %s" % (j, attempt, e, case.desc))
            if kind == 0:
                raise RuntimeError("edge case %d rejected by the oracle: %s" % (j, e))
            continue
        return case, expected
    raise RuntimeError("no valid model in %d attempts" % MAX_ATTEMPTS)


def cross_check(oracle, case, expected, stats, where):
    stats["checked"] += 1
    try:
        other = oracle.call("litert", case.model, case.inputs, case.n_outputs, case.invokes)
    except OracleRejected as e:
        stats["refused"].append("%s: %s | %s" % (where, e, case.desc))
        return
    a = b"".join(np.ascontiguousarray(o).tobytes() for o in expected)
    b = b"".join(np.ascontiguousarray(o).tobytes() for o in other)
    if a != b:
        e = np.frombuffer(a, np.int8).astype(np.int32)
        g = np.frombuffer(b, np.int8).astype(np.int32)
        if len(e) != len(g):
            why = "LiteRT output is %d bytes, TFLM %d" % (len(g), len(e))
        else:
            bad = np.nonzero(e != g)[0]
            why = "%d/%d bytes differ, max |diff| %d" % (len(bad), len(e),
                                                         int(np.max(np.abs(e - g))))
        stats["disagree"].append("%s: %s | %s" % (where, why, case.desc))


def write_case(d, kernel, i, unit, kind, j, case, expected):
    with open(os.path.join(d, "%d.tflite" % i), "wb") as f:
        f.write(case.model)
    for k, x in enumerate(case.inputs):
        with open(os.path.join(d, "%d.in%d" % (i, k)), "wb") as f:
            f.write(np.ascontiguousarray(x).tobytes())
    for k, y in enumerate(expected):
        with open(os.path.join(d, "%d.out%d" % (i, k)), "wb") as f:
            f.write(np.ascontiguousarray(y).tobytes())
    # A stateful case says how many invokes its files hold, first in the
    # description (run_cases.c reads it there).
    invokes = "invokes=%d " % case.invokes if case.invokes > 1 else ""
    return "%s %d %d %d %stype=%s %s=%d %s\n" % (kernel, i, len(case.inputs), len(expected),
                                                invokes, unit.dtype,
                                                "edge" if kind == 0 else "draw", j, case.desc)


def summary(kernel, n, stats, secs):
    extra = []
    if stats["rejected"]:
        extra.append("%d models rejected by the oracle and redrawn" % len(stats["rejected"]))
    if stats["invalid"]:
        extra.append("%d invalid shapes redrawn" % stats["invalid"])
    if stats["checked"]:
        extra.append("TFLM and LiteRT agree on %d/%d cross-checked" % (
            stats["checked"] - len(stats["disagree"]) - len(stats["refused"]), stats["checked"]))
        if stats["refused"]:
            extra.append("LiteRT refused %d" % len(stats["refused"]))
    extra.append("%.1fs" % secs)
    lines = ["%s: %d cases (%s)" % (kernel, n, "; ".join(extra))]
    lines += ["  ORACLES DISAGREE case %s" % s for s in stats["disagree"][:3]]
    lines += ["  LiteRT refused case %s" % s for s in stats["refused"][:1]]
    return "\n".join(lines) + "\n"


def gen_kernel(kernel, args, stamp, only=None):
    """Write one kernel's cases (or, with only=i, case i alone). Returns
    (summary text, error text or None)."""
    units = plan(args)[0][kernel]
    d = os.path.join(args.out, kernel)
    if only is None and os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d, exist_ok=True)
    stats = dict(invalid=0, rejected=[], checked=0, disagree=[], refused=[])
    oracle = OracleServer()
    lines = []
    t0 = time.time()
    slots = case_slots(units)
    try:
        for i, (unit, kind, j) in enumerate(slots):
            if only is not None and i != only:
                continue
            try:
                case, expected = make_case(oracle, args.seed, unit, kind, j, stats)
            except RuntimeError as e:
                return "", "%s/%d (%s %s %d): %s" % (kernel, i, unit.dtype,
                                                    "edge" if kind == 0 else "draw", j, e)
            if (unit.dtype == "int8" and args.cross_check_every > 0
                    and i % args.cross_check_every == 0):
                cross_check(oracle, case, expected, stats, str(i))
            lines.append(write_case(d, kernel, i, unit, kind, j, case, expected))
    finally:
        oracle.close()
    if only is not None and not lines:
        return "", "%s has %d cases; there is no case %d" % (kernel, len(slots), only)
    with open(os.path.join(d, "cases.txt"), "w") as f:
        f.writelines(lines)
    text = summary(kernel, len(lines), stats, time.time() - t0)
    if only is None:
        with open(os.path.join(d, "report.txt"), "w") as f:
            f.write(text)
        with open(os.path.join(d, "stamp"), "w") as f:
            f.write(stamp + "\n")
    return text, None


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="case directory (created)")
    ap.add_argument("--count", type=int, default=500,
                    help="random cases per integer type (default 500)")
    ap.add_argument("--float-count", type=int, default=200,
                    help="random cases per float type (default 200)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--kernel", action="append", help="only this kernel (repeatable)")
    ap.add_argument("--case", type=int, help="only case i of the one --kernel")
    ap.add_argument("--cross-check-every", type=int, default=4, metavar="K",
                    help="run every K-th int8 case through LiteRT too (0: never)")
    ap.add_argument("--jobs", type=int, default=2, help="kernels generated in parallel")
    args = ap.parse_args()

    kernels, spec_errors = plan(args)
    for e in spec_errors:
        print("error: " + e)
    chosen = args.kernel or list(kernels)
    for k in chosen:
        if k not in kernels:
            print("error: unknown kernel %s (have: %s)" % (k, " ".join(kernels)))
            return 2
    os.makedirs(args.out, exist_ok=True)
    manifest = os.path.join(args.out, "manifest.txt")
    if args.case is not None:
        if len(chosen) != 1:
            print("error: --case needs exactly one --kernel")
            return 2
        text, err = gen_kernel(chosen[0], args, "", only=args.case)
        if err:
            print("error: " + err)
            return 1
        shutil.copyfile(os.path.join(args.out, chosen[0], "cases.txt"), manifest)
        sys.stdout.write(open(manifest).read())
        return 0

    t0 = time.time()
    todo, cached = [], []
    stamps = {k: stamp_for(k, kernels[k], args) for k in chosen}
    for k in chosen:
        p = os.path.join(args.out, k, "stamp")
        ok = os.path.exists(p) and open(p).read().strip() == stamps[k]
        (cached if ok else todo).append(k)
    failed = []
    if todo:
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as ex:
            futs = {k: ex.submit(gen_kernel, k, args, stamps[k]) for k in todo}
            for k in todo:
                text, err = futs[k].result()
                if err:
                    failed.append(err)
                    print("error: " + err)
                else:
                    sys.stdout.write(text)
    for k in cached:
        sys.stdout.write(open(os.path.join(args.out, k, "report.txt")).read().rstrip("\n")
                         + " [cached]\n")
    if failed:
        if os.path.exists(manifest):
            os.remove(manifest)
        return 1
    n = 0
    with open(manifest + ".tmp", "w") as f:
        for k in chosen:
            text = open(os.path.join(args.out, k, "cases.txt")).read()
            n += text.count("\n")
            f.write(text)
    os.replace(manifest + ".tmp", manifest)
    print("op cases: %d in %d kernels (%d generated, %d cached) in %.1fs -> %s"
          % (n, len(chosen), len(todo), len(cached), time.time() - t0, manifest))
    if spec_errors and not args.kernel:
        print("error: %d operator(s) of src/ops/ops.def without a valid spec "
              "(docs/ADDING-AN-OPERATOR.md, step 4)" % len(spec_errors))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
