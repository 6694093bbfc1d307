"""The Python package (python/mote, ctypes over libmote.so) against the CLI,
the golden set and TFLite Micro; and `pip install ./python`."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import CLI, GOLDEN, KWS, ROOT

import mote  # noqa: E402  (conftest put python/ on the path)

MODELS = {
    "kws_ref_model": "mlperf-tiny", "vww_96_int8": "mlperf-tiny",
    "pretrainedResnet_quant": "mlperf-tiny", "ad01_int8": "mlperf-tiny",
    "str_ww_ref_model": "mlperf-tiny", "person_detect": "tflm-examples"}


def model_path(name):
    return os.path.join(ROOT, "models", MODELS.get(name, "mlperf-tiny"), name + ".tflite")


def cli_json(*args):
    return json.loads(subprocess.run([CLI] + list(args), check=True,
                                     stdout=subprocess.PIPE).stdout)


def test_model_attributes():
    m = mote.Model(KWS)
    doc = cli_json("inspect", KWS, "--json")
    assert m.arena_bytes == doc["arena_bytes"]
    assert len(m.inputs) == 1 and len(m.outputs) == 1
    for info, d in zip(m.inputs + m.outputs, doc["inputs"] + doc["outputs"]):
        assert info.name == d["name"]
        assert info.shape == tuple(d["shape"])
        assert info.dtype is np.int8
        assert info.scale == pytest.approx(d["scale"], rel=1e-6)
        assert info.zero_point == d["zero_point"]


def test_inspect_is_the_cli_json():
    for name in ("kws_ref_model", "person_detect"):
        assert mote.Model(model_path(name)).inspect() == cli_json("inspect", model_path(name),
                                                                   "--json")
    assert mote.Model(KWS, target="m4").inspect() == cli_json("inspect", KWS, "--json",
                                                              "--target", "m4")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_golden(name):
    m = mote.Model(model_path(name))
    x = np.fromfile(os.path.join(GOLDEN, name, "in_0.bin"), dtype=m.inputs[0].dtype)
    (out,) = m.run(x.reshape(m.inputs[0].shape))
    want = np.fromfile(os.path.join(GOLDEN, name, "out_0.bin"), dtype=m.outputs[0].dtype)
    assert out.shape == m.outputs[0].shape
    assert np.array_equal(out.ravel(), want)


def test_run_matches_cli(tmp_path):
    m = mote.Model(KWS)
    x = np.random.default_rng(1).integers(-128, 128, size=m.inputs[0].shape, dtype=np.int8)
    inp = tmp_path / "x.bin"
    x.tofile(inp)
    subprocess.run([CLI, "run", KWS, "--input", str(inp), "--output", str(tmp_path / "o.bin")],
                   check=True)
    assert m.run(x)[0].tobytes() == (tmp_path / "o.bin").read_bytes()


def test_quantize_dequantize():
    m = mote.Model(KWS)
    q = np.fromfile(os.path.join(GOLDEN, "kws_ref_model", "in_0.bin"), np.int8)
    q = q.reshape(m.inputs[0].shape)
    real = m.inputs[0].dequantize(q)
    assert real.dtype == np.float32
    assert np.array_equal(m.inputs[0].quantize(real), q)
    (a,) = m.run(q)
    (b,) = m.run(real)                       # float input quantized on the way in
    assert np.array_equal(a, b)
    (p,) = m.run(q, dequantize=True)
    assert p.dtype == np.float32
    assert np.allclose(p, (a.astype(np.float32) + 128) / 256)


def test_float_model_against_tflm():
    tflm = pytest.importorskip("tflite_micro.python.tflite_micro.runtime",
                               reason="tflite-micro is a test requirement")
    path = os.path.join(ROOT, "models", "mlperf-tiny", "ad01_fp32.tflite")
    m = mote.Model(path)
    assert m.inputs[0].dtype is np.float32 and m.inputs[0].scale == 0.0
    x = np.random.default_rng(3).uniform(-1, 1, m.inputs[0].shape).astype(np.float32)
    it = tflm.Interpreter.from_bytes(open(path, "rb").read(), arena_size=1 << 20)
    it.set_input(x, 0)
    it.invoke()
    assert np.array_equal(m.run(x)[0], np.array(it.get_output(0)))


def test_int8_against_tflm_random():
    tflm = pytest.importorskip("tflite_micro.python.tflite_micro.runtime")
    m = mote.Model(KWS)
    it = tflm.Interpreter.from_bytes(open(KWS, "rb").read(), arena_size=1 << 20)
    rng = np.random.default_rng(7)
    for _ in range(5):
        x = rng.integers(-128, 128, size=m.inputs[0].shape, dtype=np.int8)
        it.set_input(x, 0)
        it.invoke()
        assert np.array_equal(m.run(x)[0], np.array(it.get_output(0)))


def test_errors(tmp_path):
    bad = tmp_path / "bad.tflite"
    bad.write_bytes(b"PK\x03\x04" * 8)
    with pytest.raises(mote.MoteError) as e:
        mote.Model(str(bad))
    assert "not a TFLite model" in str(e.value) and e.value.status == -3
    m = mote.Model(KWS)
    with pytest.raises(ValueError):
        m.run(np.zeros((1, 10), np.int8))
    with pytest.raises(ValueError):
        m.run()
    with pytest.raises(ValueError):
        m.run(np.zeros(m.inputs[0].shape, np.int16))


def test_pip_install(tmp_path):
    """pip install ./python builds libmote.so from the repository's sources."""
    target = tmp_path / "site"
    # Build isolation: pip fetches setuptools and wheel from PyPI (or its cache).
    p = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                        "--target", str(target),
                        os.path.join(ROOT, "python")],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert p.returncode == 0, p.stdout.decode()[-3000:]
    assert (target / "mote" / "libmote.so").exists()
    env = dict(os.environ, PYTHONPATH=str(target))
    env.pop("MOTE_LIB", None)
    code = ("import mote, numpy as np; m = mote.Model(%r); "
            "print(mote.model._lib.lib._name); print(m.run(np.zeros(m.inputs[0].shape, "
            "np.int8))[0].shape)" % KWS)
    p = subprocess.run([sys.executable, "-c", code], env=env, cwd=str(tmp_path),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.decode()
    assert p.returncode == 0, out
    assert str(target) in out and "(1, 12)" in out
