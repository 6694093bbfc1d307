"""Float32 models end to end: mote vs LiteRT's reference kernels.

For each pure-float bundled model, random inputs (fixed seeds) go through
`build/mote run` and through ai_edge_litert's Interpreter with the reference
op resolver (BUILTIN_REF). Outputs must agree within 1e-5 x the largest
output magnitude (summation order may differ). kws_ref_model_float32 is a
hybrid model (int8 CONV_2D weights, float activations): its hybrid kernels
quantize activations on the fly as LiteRT's do, same tolerance.

usage: test_float_models.py MOTE_BINARY
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType

MODELS = ["ad01_fp32", "pretrainedResnet", "vww_96_float", "kws_ref_model_float32"]
CASES = 4


def run_mote(mote, model, x, tmp):
    inp = os.path.join(tmp, "in.bin")
    out = os.path.join(tmp, "out.bin")
    x.tofile(inp)
    r = subprocess.run([mote, "run", model, "--input", inp, "--output", out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip())
    return np.fromfile(out, dtype=np.float32)


def main():
    mote = sys.argv[1]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in MODELS:
            path = os.path.join("models", "mlperf-tiny", name + ".tflite")
            it = Interpreter(model_path=path,
                             experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
            it.allocate_tensors()
            inp = it.get_input_details()[0]
            outd = it.get_output_details()[0]
            for case in range(CASES):
                rng = np.random.default_rng(1000 + case)
                x = rng.standard_normal(inp["shape"]).astype(np.float32)
                if case == 0:
                    x[...] = 0
                it.set_tensor(inp["index"], x)
                it.invoke()
                want = it.get_tensor(outd["index"]).reshape(-1)
                try:
                    got = run_mote(mote, path, x, tmp)
                except RuntimeError as e:
                    print(f"FAIL {name} case {case}: mote failed: {e}")
                    failed += 1
                    continue
                tol = 1e-5 * max(float(np.max(np.abs(want))), 1e-30)
                diff = float(np.max(np.abs(got - want))) if got.shape == want.shape else float("inf")
                if diff <= tol:
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL {name} case {case}: max diff {diff:g} > {tol:g}")
            print(f"  {name}: {CASES} cases checked")
    print(f"float models: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
