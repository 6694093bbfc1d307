"""mote profile on one small model and one core (KWS on the Cortex-M4) under
QEMU; the README's KWS figures against what it measures."""
import json
import os
import re
import subprocess

import pytest

from conftest import CLI, GOLDEN, KWS, ROOT


@pytest.fixture(scope="module")
def prof():
    p = subprocess.run([CLI, "profile", KWS, "--core", "m4", "--mhz", "80", "--json",
                        "--input", os.path.join(GOLDEN, "kws_ref_model", "in_0.bin")],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=900)
    assert p.returncode == 0, p.stderr.decode()[-3000:]
    return json.loads(p.stdout)


def test_profile_json(prof):
    for key in ("core", "instructions", "arena_bytes", "stack_bytes", "flash", "layers"):
        assert key in prof
    assert prof["core"] == "m4" and prof["machine"] == "mps2-an386"
    assert prof["output_match"] is True
    inspect = json.loads(subprocess.run([CLI, "inspect", KWS, "--json", "--target", "m4"],
                                        stdout=subprocess.PIPE, check=True).stdout)
    assert prof["arena_bytes"] == inspect["arena_bytes"]      # host plan == device
    assert len(prof["layers"]) == len(inspect["operators"])
    total = 0
    for lay, op in zip(prof["layers"], inspect["operators"]):
        assert lay["op"] == op["op"] and lay["macs"] == op["macs"]
        assert lay["instructions"] > 0 and lay["kernel"] and lay["variant"]
        total += lay["instructions"]
        if lay["macs"]:
            assert lay["macs_per_instruction"] == pytest.approx(
                lay["macs"] / lay["instructions"], rel=1e-3)
    # Per-layer counts include the observer's overhead: close to the total.
    assert abs(total - prof["instructions"]) < 0.02 * prof["instructions"]
    assert prof["estimated_ms"] == pytest.approx(prof["instructions"] / 80e3, rel=1e-3)
    fl = prof["flash"]
    assert fl["weights"] == os.path.getsize(KWS)
    assert fl["runtime_code"] > 5000 and fl["kernels"] > 1000
    assert 500 < prof["stack_bytes"] < 64 * 1024


def test_profile_text():
    p = subprocess.run([CLI, "profile", KWS, "--core", "m4"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=900)
    out = p.stdout.decode()
    assert p.returncode == 0, p.stderr.decode()
    assert "random (seed 0)" in out and "firmware and host match" in out
    assert "estimate" in out and "instructions are not cycles" in out
    assert re.search(r"CONV_2D .*\[1,49,10,1\] -> \[1,25,5,64\]", out)


def test_profile_detects_mismatch():
    from mote import profile
    host = [bytes([1, 2, 3])]
    assert profile.compare(host, {0: bytes([1, 2, 3])}, ["INT8"]) is None
    assert "byte 1" in profile.compare(host, {0: bytes([1, 9, 3])}, ["INT8"])
    assert "none" in profile.compare(host, {}, ["INT8"])


def test_profile_errors(tmp_path):
    p = subprocess.run([CLI, "profile", KWS, "--core", "m99"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    assert p.returncode != 0 and b"m99" in p.stderr
    p = subprocess.run([CLI, "profile", str(tmp_path / "no.tflite"), "--core", "m4"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.returncode == 1 and p.stderr.startswith(b"mote: profile:")


def test_readme_kws_figures(prof):
    """README: 'KWS on a Cortex-M4, as the code measures it now'."""
    text = open(os.path.join(ROOT, "README.md")).read()
    m = re.search(r"KWS on a Cortex-M4, as the code\s+measures it now.*?: ([\d ]+)-byte arena,"
                  r"\s+[\d.]+ KB of stack to load \(`mote_model_init_in`\) and ([\d.]+) KB to run,"
                  r"\s+(\d+) KB of code\s+\(`flash_code`\), ([\d.]+) M instructions", text, re.S)
    assert m, "README's KWS figures sentence changed"
    assert int(m.group(1).replace(" ", "")) == prof["arena_bytes"]
    assert float(m.group(2)) == pytest.approx(prof["stack_bytes"] / 1000, abs=0.1)
    assert float(m.group(4)) == pytest.approx(prof["instructions"] / 1e6, rel=0.15)
