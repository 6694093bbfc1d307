"""The model zoo end to end: every models/zoo/*.tflite through mote and through
TFLite Micro's Python interpreter (PyPI tflite-micro), compared byte for byte.

The models are made by tools/zoo/make_zoo.py with TensorFlow's converter
(models/zoo/README.md); this test needs only numpy and tflite-micro, never
TensorFlow. mote runs through the Python package (python/mote, libmote.so):
one session per model, invoked several times, so the state of recurrent and
streaming models (LSTM variable tensors, resource variables) carries from one
invoke to the next exactly as in TFLite Micro's interpreter.

Inputs: fixed seeds. Quantized inputs are draws of the distribution the
model was calibrated on, quantized into the input's scale, plus one invoke of
integers spread over the type's whole range; float inputs are normal draws.

Results:
  int8 / int16 outputs  equal to TFLite Micro's, byte for byte.
  float32 outputs       equal to TFLite Micro's, byte for byte, except any
                        model in FLOAT_TOLERANCE (with its reason; none now).
A model mote refuses or runs differently FAILS the suite, unless it is in
PENDING (named with the operator x type mote still lacks), which is printed
loudly; a PENDING model that now passes fails too, so the entry is removed.
A model TFLite Micro itself refuses would be listed in TFLM_REFUSES and mote's
refusal checked to be a clear message (none today).

usage: test_zoo.py [MOTE_LIB]   (make test-zoo)
"""
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ZOO_DIR = os.path.join(ROOT, "models", "zoo")
if len(sys.argv) > 1:
    os.environ["MOTE_LIB"] = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.dont_write_bytecode = True

import mote  # noqa: E402
from tflite_micro.python.tflite_micro import runtime  # noqa: E402

# Every model the zoo must hold (tools/zoo/make_zoo.py writes them), and how
# many invokes each gets. Recurrent and streaming models run more, so their
# state carries (stream_var's ring buffer holds 8 frames: 20 invokes wrap it twice).
ZOO = {
    "mobilenet_v2_int8": 4, "mobilenet_v2_16x8": 4, "mobilenet_v2_float": 4,
    "cnn1d_accel_int8": 8, "cnn1d_accel_16x8": 8, "cnn1d_accel_float": 8,
    "lstm_accel_int8": 8, "lstm_accel_float": 8,
    "gru_kws_int8": 8, "gru_kws_float": 8,
    "stream_var_int8": 20, "stream_var_16x8": 20, "stream_var_float": 20,
    "autoencoder_int8": 8, "autoencoder_16x8": 8, "autoencoder_float": 8,
    "ds_cnn_audio_int8": 8, "ds_cnn_audio_16x8": 8, "ds_cnn_audio_float": 8,
    "nchw_torchstyle_int8": 8, "nchw_torchstyle_16x8": 8, "nchw_torchstyle_float": 8,
}

# Models mote cannot run yet, with the operator x type it lacks. Printed
# loudly; emptied as the operators land. A listed model that runs and
# matches fails the suite until its entry is removed.
PENDING = {}

# Float models whose outputs may differ from TFLite Micro's in the last bits:
# name -> (relative tolerance, reason). Empty: every float model is
# bit-identical (lstm_accel_float was listed until the float LSTM kernel
# followed TFLite Micro's arithmetic order).
FLOAT_TOLERANCE = {}

# Models whose every intermediate tensor is compared too ("taps"): the model is
# re-packed with subgraph 0's operator outputs as its outputs (MOTE_MAX_IO at a
# time; the operators are unchanged) and each variant invoked TAPS_INVOKES
# times in both runtimes. MobileNetV2 needs it: with random weights and no
# training its output hardly depends on the input (int8 and 16x8 give the same
# bytes for every input; float differs in the last bits), so comparing the
# final output alone would prove little about the 65 layers before it.
TAPS = {"mobilenet_v2_int8", "mobilenet_v2_16x8", "mobilenet_v2_float"}
TAPS_PER_VARIANT = 4   # mote's MOTE_MAX_IO
TAPS_INVOKES = 2       # invoke 1 of a quantized model spans the input type's range

# Models TFLite Micro itself refuses: name -> what mote must say (none today).
TFLM_REFUSES = {}


def draw_inputs(model, name, invoke):
    """The inputs of one invoke: seeded by the model's name and the invoke."""
    seed = (sum(name.encode()) * 1000 + invoke) & 0xFFFFFFFF
    rng = np.random.default_rng(seed)
    image = name.startswith(("mobilenet", "nchw"))
    xs = []
    for info in model.inputs:
        if np.issubdtype(info.dtype, np.integer):
            if invoke == 1:   # the whole range of the type
                ii = np.iinfo(info.dtype)
                xs.append(rng.integers(ii.min, ii.max, size=info.shape, endpoint=True,
                                       dtype=np.int64).astype(info.dtype))
            else:
                real = rng.uniform(-1, 1, info.shape) if image else rng.standard_normal(info.shape)
                xs.append(info.quantize(real))
        else:
            real = rng.uniform(-1, 1, info.shape) if image else rng.standard_normal(info.shape)
            xs.append(real.astype(np.float32))
    return xs


def tflm_interpreter(data):
    return runtime.Interpreter.from_bytes(data, arena_size=max(1 << 20, 4 * len(data)))


def compare(name, k, got, want):
    """None when output k agrees (bytes; float within the listed tolerance)."""
    got = np.asarray(got)
    want = np.asarray(want)
    if got.size != want.size or got.dtype != want.dtype:
        return "output %d: mote %s %s, TFLite Micro %s %s" % (
            k, got.dtype, got.shape, want.dtype, want.shape)
    g, w = got.reshape(-1), want.reshape(-1)
    if g.tobytes() == w.tobytes():
        return None
    diff = np.abs(g.astype(np.float64) - w.astype(np.float64))
    where = int(np.argmax(diff))
    if name in FLOAT_TOLERANCE and np.issubdtype(g.dtype, np.floating):
        tol = FLOAT_TOLERANCE[name][0] * max(float(np.max(np.abs(w))), 1e-30)
        if float(diff.max()) <= tol:
            return None
    return "output %d: %d of %d elements differ, largest %g at %d (mote %r, TFLite Micro %r)" % (
        k, int(np.count_nonzero(diff)), g.size, float(diff.max()), where, g[where].item(),
        w[where].item())


def tap_variants(data):
    """(model bytes, tensor indices): subgraph 0's operator outputs made the
    outputs, TAPS_PER_VARIANT at a time."""
    import flatbuffers
    from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as s
    m = s.ModelT.InitFromPackedBuf(data, 0)
    g = m.subgraphs[0]
    taps = []
    for op in g.operators:
        taps.extend(o for o in op.outputs if o >= 0 and o not in taps)
    for i in range(0, len(taps), TAPS_PER_VARIANT):
        g.outputs = taps[i:i + TAPS_PER_VARIANT]
        b = flatbuffers.Builder(len(data) + 65536)
        b.Finish(m.Pack(b), file_identifier=b"TFL3")
        yield bytes(b.Output()), g.outputs


def run_taps(name, data):
    """(problems, tensors compared) over every operator output of subgraph 0."""
    problems, n = [], 0
    for variant, taps in tap_variants(data):
        it = tflm_interpreter(variant)
        try:
            model = mote.Model(variant)
        except mote.MoteError as e:
            return ["taps %s: mote: %s" % (taps, e)], n
        for t in range(TAPS_INVOKES):
            xs = draw_inputs(model, name, t)
            for i, x in enumerate(xs):
                it.set_input(x, i)
            it.invoke()
            got = model.run(*xs)
            for k, tensor in enumerate(taps):
                n += 1
                p = compare(name, k, got[k], np.array(it.get_output(k)))
                if p:
                    problems.append("invoke %d, tensor %d: %s" % (t, tensor, p))
    return problems, n


def run_model(name, invokes):
    """(status, text): status is 'pass', 'fail', 'pending' or 'tflm-refuses'."""
    path = os.path.join(ZOO_DIR, name + ".tflite")
    with open(path, "rb") as f:
        data = f.read()
    try:
        it = tflm_interpreter(data)
    except Exception as e:  # TFLite Micro refuses the model
        msg = " ".join(str(e).split())[:200]
        if name not in TFLM_REFUSES:
            return "fail", "TFLite Micro refuses it (%s): list it in TFLM_REFUSES" % msg
        try:
            mote.Model(path)
        except mote.MoteError as me:
            if TFLM_REFUSES[name] in str(me):
                return "tflm-refuses", "TFLite Micro: %s; mote: %s" % (msg, me)
            return "fail", "mote's refusal does not say %r: %s" % (TFLM_REFUSES[name], me)
        return "fail", "TFLite Micro refuses it, mote loads it: compare by hand, then list it"
    try:
        model = mote.Model(path)
    except mote.MoteError as e:
        if name in PENDING:
            # Still prove the model is sound: TFLite Micro runs it.
            k = 0
            while True:
                try:
                    d = it.get_input_details(k)
                except Exception:  # past the last input
                    break
                it.set_input(np.zeros(d["shape"], d["dtype"]), k)
                k += 1
            it.invoke()
            return "pending", "%s; TFLite Micro runs it; mote: %s" % (PENDING[name], e)
        return "fail", "mote refuses it: %s" % e
    n_out = len(model.outputs)
    problems = []
    for t in range(invokes):
        xs = draw_inputs(model, name, t)
        for i, x in enumerate(xs):
            it.set_input(x, i)
        it.invoke()
        want = [np.array(it.get_output(k)) for k in range(n_out)]
        try:
            got = model.run(*xs)
        except mote.MoteError as e:
            problems.append("invoke %d: mote: %s" % (t, e))
            break
        for k in range(n_out):
            p = compare(name, k, got[k], want[k])
            if p:
                problems.append("invoke %d: %s" % (t, p))
    taps = ""
    if name in TAPS and not problems:
        problems, n = run_taps(name, data)
        taps = "; %d intermediate tensors x %d invokes" % (n // TAPS_INVOKES, TAPS_INVOKES)
    if problems:
        if name in PENDING:
            return "pending", "%s; mote differs: %s" % (PENDING[name], problems[0])
        return "fail", "; ".join(problems[:3])
    if name in PENDING:
        return "fail", "listed in PENDING (%s) but runs and matches: remove the entry" % PENDING[name]
    return "pass", "%d invokes, %d output(s)%s%s" % (
        invokes, n_out, taps, " (float tolerance: see FLOAT_TOLERANCE)" if name in FLOAT_TOLERANCE
        else ", bit-exact")


def main():
    start = time.time()
    counts = {"pass": 0, "fail": 0, "pending": 0, "tflm-refuses": 0}
    files = sorted(f[:-7] for f in os.listdir(ZOO_DIR) if f.endswith(".tflite"))
    for stale in sorted(set(PENDING) | set(FLOAT_TOLERANCE) | set(TFLM_REFUSES) | TAPS):
        if stale not in ZOO:
            print("FAIL %s: listed in PENDING/FLOAT_TOLERANCE/TFLM_REFUSES/TAPS, not in ZOO" % stale)
            counts["fail"] += 1
    for name in files:
        if name not in ZOO:
            print("FAIL %s: models/zoo/%s.tflite is not in ZOO (add it, with its invokes)" %
                  (name, name))
            counts["fail"] += 1
    pending = []
    for name, invokes in ZOO.items():
        if name not in files:
            print("FAIL %s: models/zoo/%s.tflite is missing (make zoo)" % (name, name))
            counts["fail"] += 1
            continue
        t0 = time.time()
        status, text = run_model(name, invokes)
        counts[status] += 1
        label = {"pass": "ok  ", "fail": "FAIL", "pending": "PENDING",
                 "tflm-refuses": "TFLM-REFUSES"}[status]
        print("%-12s %-24s %s (%.1f s)" % (label, name, text, time.time() - t0), flush=True)
        if status == "pending":
            pending.append((name, text))
    if pending:
        bar = "!" * 78
        print(bar)
        print("!!! PENDING: %d zoo model(s) mote cannot run yet (tests/zoo/test_zoo.py PENDING):"
              % len(pending))
        for name, text in pending:
            print("!!!   %s: %s" % (name, PENDING[name]))
        print(bar)
    print("zoo: %d passed, %d failed, %d pending, %d refused by TFLite Micro (%.1f s)" % (
        counts["pass"], counts["fail"], counts["pending"], counts["tflm-refuses"],
        time.time() - start))
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
