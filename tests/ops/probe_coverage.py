#!/usr/bin/env python3
"""Which (operator, type) pairs does TFLite Micro run that mote does not?

For every builtin operator of src/ops/ops.def (control flow and the Signal
custom operators aside) and every type of {int8, int16, int32, int64, bool,
float32}, this asks TFLite Micro's Python interpreter whether it runs a
single-operator model of that type, and compares with the types ops.def gives
the operator. The models come from the operator's own test spec: a type the
spec draws is drawn directly; any other type is made by rewriting a draw of a
type the spec has (int8 for int16, float32 otherwise): every tensor of the
source type becomes the probed type, constants and inputs are redrawn in it
(int16 with zero point 0, int32 / int64 / bool unquantized). Several draws
are tried; one that TFLite Micro invokes without an error means "TFLM runs
it". A "no" can be a false negative (the rewrite broke a rule the kernel
checks, such as an output scale the int16 LOGISTIC needs): read TFLite Micro's
kernel before trusting one. The probe sees types, not options: a type mote
runs only for some option values (LEAKY_RELU's alpha, say) counts as run. Each pair TFLM runs and mote lacks is then also
loaded by `build/mote inspect` to record why mote refuses it.

    .venv/bin/python tests/ops/probe_coverage.py [--mote build/mote] [--op PRELU]

Prints one line per pair TFLite Micro runs and mote does not, the pairs it
runs without a defined result (TFLM_UNDEFINED), then a table: "both", "TFLM"
(a gap), "mote" (mote only), "undef", "-" (neither).
Exits 0 (it reports; it does not judge).
"""

import argparse
import importlib
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

import draws  # noqa: E402
from gen_cases import read_ops_def  # noqa: E402
from oracle import OracleRejected, OracleServer  # noqa: E402
from tflite_builder import NP_OF_TT, TT, TT_OF_TYPE, _AlignedBufferT, quant, schema  # noqa: E402

TYPES = ["int8", "int16", "int32", "int64", "bool", "float32"]
# Operators the probe leaves out: run by the interpreter (no element type), or
# beyond TFLite Micro by design (TILE, RANGE: LiteRT's).
SKIP = {"IF", "WHILE", "CALL_ONCE", "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE", "TILE",
        "RANGE"}
TRIES = 8
# Pairs TFLite Micro invokes without an error but without a defined result,
# found by reading its kernels and by running them: not gaps to fill.
TFLM_UNDEFINED = {
    ("GREATER", "int16"): "Eval has an int16 case, but the installed TFLite Micro leaves "
                          "its rescaling unset for int16: 30000 > 2 comes out false",
}
for _op in ("LOGICAL_AND", "LOGICAL_OR"):
    for _t in ("int8", "int16", "int32", "int64", "float32"):
        TFLM_UNDEFINED[(_op, _t)] = "no type check: any bytes are read as bool"


def _source_type(spec_types, dtype):
    """The spec type a probe of `dtype` is rewritten from."""
    for t in (["int8", "int16", "float32"] if dtype == "int16" else
              ["float32", "int32", "int8", "int16"]):
        if t in spec_types:
            return t
    return spec_types[0] if spec_types else None


def _values(rng, dtype, shape):
    if dtype == "bool":
        return rng.random(size=shape) < 0.5
    if dtype == "int16":
        return rng.integers(-3000, 3001, size=shape).astype(np.int16)
    if dtype in ("int32", "int64"):
        v = rng.integers(-20, 21, size=shape)
        v[v == 0] = 3  # divisors (FLOOR_DIV, FLOOR_MOD) stay non-zero
        return v.astype(NP_OF_TT[TT_OF_TYPE[dtype]])
    if dtype == "int8":
        return rng.integers(-128, 128, size=shape).astype(np.int8)
    return rng.standard_normal(size=shape).astype(np.float32)


def retype(case, src, dst, rng, io_only=False, positive=False):
    """The case's model with every `src` tensor made `dst` (only the
    non-constant ones when io_only: 16x8 operators keep int8 parameters), and
    its inputs (non-negative when positive: RSQRT, SQRT, LOG)."""
    m = schema.ModelT.InitFromObj(schema.Model.GetRootAs(case.model, 0))
    stt, dtt = TT_OF_TYPE[src], TT_OF_TYPE[dst]
    sg = m.subgraphs[0]
    bufs = []
    for b in m.buffers:
        nb = _AlignedBufferT()
        nb.data = b.data
        bufs.append(nb)
    m.buffers = bufs
    for t in sg.tensors:
        const = bool(t.buffer and m.buffers[t.buffer].data is not None and
                     len(m.buffers[t.buffer].data))
        if t.type != stt or (io_only and const):
            continue
        t.type = dtt
        if dst == "int16":
            s = t.quantization.scale if t.quantization is not None and t.quantization.scale \
                is not None and len(t.quantization.scale) else [0.01]
            t.quantization = quant(list(s), [0] * len(s), t.quantization.quantizedDimension
                                   if t.quantization is not None else 0)
        elif dst in ("int32", "int64", "bool"):
            t.quantization = None
        elif dst == "int8" and (t.quantization is None or t.quantization.scale is None):
            t.quantization = quant(0.05, 0)
        elif dst == "float32":
            t.quantization = None
        if t.buffer and m.buffers[t.buffer].data is not None and \
                len(m.buffers[t.buffer].data):
            shape = list(t.shape) if t.shape is not None else []
            old = np.frombuffer(bytes(m.buffers[t.buffer].data), NP_OF_TT[stt]).reshape(shape)
            new = _values(rng, dst, shape)
            if src == "float32" and dst in ("int32", "int64"):
                new = np.round(old).astype(new.dtype)  # keeps small integral constants
                new[new == 0] = 1
            m.buffers[t.buffer].data = np.ascontiguousarray(new).tobytes()
    inputs = []
    for k, ti in enumerate(sg.inputs):
        t = sg.tensors[ti]
        if t.type == dtt and case.inputs[k].dtype != NP_OF_TT[dtt]:
            x = _values(rng, dst, list(case.inputs[k].shape))
            inputs.append(np.abs(x).astype(x.dtype) if positive and dst != "bool" else x)
        else:
            inputs.append(case.inputs[k])
    import flatbuffers
    builder = flatbuffers.Builder(0)
    builder.Finish(m.Pack(builder), b"TFL3")
    return bytes(builder.Output()), inputs


def probe(oracle, spec, name, spec_types, dtype, seed):
    """(runs?, a model that runs or the last reason it did not)."""
    direct = dtype in spec.KERNELS and dtype in spec_types
    src = dtype if direct else _source_type([t for t in spec.KERNELS if t in TYPES], dtype)
    if src is None:
        return False, "no spec type to rewrite from", None
    why = []
    for i in range(TRIES):
        rng = np.random.default_rng([seed, i])
        try:
            case = spec.draw(rng, src)
        except draws.Invalid:
            continue
        if getattr(case, "invokes", 1) != 1:
            return False, "stateful (probed by its own spec)", None
        # Tries alternate: every tensor of the source type, then only the
        # non-constant ones; the last two with non-negative inputs.
        model, inputs = (case.model, case.inputs) if direct else retype(
            case, src, dtype, rng, io_only=bool(i % 2), positive=i >= TRIES - 2)
        try:
            oracle.call("tflm", model, inputs, case.n_outputs)
            return True, "", model
        except OracleRejected as e:
            msg = str(e).split(" Node ")[0]
            if msg not in why:
                why.append(msg)
    return False, " || ".join(why), None


def mote_reason(mote, model):
    with tempfile.NamedTemporaryFile(suffix=".tflite") as f:
        f.write(model)
        f.flush()
        r = subprocess.run([mote, "inspect", f.name], capture_output=True, text=True)
    lines = [ln.strip() for ln in (r.stdout + r.stderr).splitlines()
             if "unsupported" in ln.lower() or "refus" in ln.lower() or "error" in ln.lower()]
    return "loads" if r.returncode == 0 else (lines[-1] if lines else "exit %d" % r.returncode)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mote", default=os.path.join(ROOT, "build/mote"))
    ap.add_argument("--op", action="append", help="only these operators")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("-v", action="store_true", help="print why each probe failed")
    args = ap.parse_args()
    oracle = OracleServer()
    gaps, table, undefined = [], [], []
    for name, stem, types, _ in read_ops_def():
        if name in SKIP or name.startswith("Signal") or (args.op and name not in args.op):
            continue
        spec = importlib.import_module("spec_" + stem)
        row = []
        for dtype in TYPES:
            runs, why, model = probe(oracle, spec, name, types, dtype, args.seed)
            mote = dtype in types
            row.append("both" if runs and mote else "TFLM" if runs else
                       "mote" if mote else "-")
            if runs and not mote and (name, dtype) in TFLM_UNDEFINED:
                row[-1] = "undef"
                undefined.append((name, dtype, TFLM_UNDEFINED[(name, dtype)]))
            elif runs and not mote:
                gaps.append((name, dtype, mote_reason(args.mote, model)))
            if args.v and not runs:
                print("  %s %s: %s" % (name, dtype, why[:600]), flush=True)
            if mote and not runs:
                print("note: %s %s: mote runs it, the TFLM probe did not (%s)"
                      % (name, dtype, why[:160]), flush=True)
        table.append((name, row))
    oracle.close()
    print("\nTFLite Micro runs, mote does not (%d):" % len(gaps))
    for name, dtype, why in gaps:
        print("  %-24s %-8s mote: %s" % (name, dtype, why[:120]))
    print("\nTFLite Micro runs without a defined result (left alone, %d):" % len(undefined))
    for name, dtype, why in undefined:
        print("  %-24s %-8s %s" % (name, dtype, why))
    print("\n%-24s %s" % ("operator", " ".join("%-7s" % t for t in TYPES)))
    for name, row in table:
        print("%-24s %s" % (name, " ".join("%-7s" % c for c in row)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
