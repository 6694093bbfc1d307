"""mote validate, mote report (rendered by headless Chromium) and the
unsupported-operator message, through the host CLI (build/mote)."""
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys

import numpy as np
import pytest

from conftest import CLI, GOLDEN, KWS, ROOT

sys.path.insert(0, os.path.join(ROOT, "tests", "ops"))


def mote(*args, timeout=600):
    p = subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


# ---- validate ----------------------------------------------------------------

def test_validate_random_tflm():
    rc, out, err = mote("validate", KWS, "--random", 4, "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["ok"] and doc["samples"] == 4 and doc["reference"] == "tflm"
    (row,) = doc["outputs"]
    assert row["exact"] == 1.0 and row["max_abs"] == 0 and row["rmse"] == 0
    assert row["cosine"] == pytest.approx(1.0) and row["top1"] == 1.0
    assert row["tolerance"] == "exact"


def test_validate_data_dir_litert(tmp_path):
    # User data: a raw golden input, a float .npy in real units (quantized by
    # validate) and a batch .npy of two samples.
    from mote import Model
    m = Model(KWS)
    q = np.fromfile(os.path.join(GOLDEN, "kws_ref_model", "in_0.bin"), np.int8)
    shutil.copy(os.path.join(GOLDEN, "kws_ref_model", "in_0.bin"), tmp_path / "a.bin")
    np.save(tmp_path / "b.npy", m.inputs[0].dequantize(q.reshape(49, 10)))
    np.save(tmp_path / "c.npy", np.stack([q.reshape(1, 49, 10, 1)] * 2)[:, 0])
    rc, out, err = mote("validate", KWS, "--data", tmp_path, "--reference", "litert")
    assert rc == 0, err + out
    assert "samples: 4" in out and "exact_match: 100.0%" in out and "top1_agreement" in out
    assert "cosine" in out and "rmse" in out and "max_abs_diff" in out


def test_validate_float_model():
    path = os.path.join(ROOT, "models", "mlperf-tiny", "ad01_fp32.tflite")
    rc, out, err = mote("validate", path, "--random", 2)
    assert rc == 0, err
    assert "result: mote agrees with tflm" in out


def test_validate_reports_disagreement():
    from mote import Model, validate
    m = Model(KWS)
    good = [[np.full((1, 12), -128, np.int8)]]
    bad = [[np.full((1, 12), -127, np.int8)]]
    rows = validate.compare(m, good, bad, "tflm", 1, 1e-4)
    assert not rows[0]["ok"] and rows[0]["max_abs_lsb"] == 1 and rows[0]["exact"] == 0.0
    rows = validate.compare(m, good, bad, "litert", 1, 1e-4)
    assert rows[0]["ok"]                      # within 1 LSB against LiteRT


def test_validate_errors(tmp_path):
    rc, out, err = mote("validate", tmp_path / "nope.tflite", "--random", 1)
    assert rc == 1 and err.startswith("mote: validate:")
    (tmp_path / "x.bin").write_bytes(b"\0" * 3)
    rc, out, err = mote("validate", KWS, "--data", tmp_path)
    assert rc == 1 and "3 bytes" in err


# ---- report ------------------------------------------------------------------

class StrictParser(html.parser.HTMLParser):
    """Every non-void element closed, properly nested; no external resource."""
    VOID = {"meta", "br", "img", "input", "link", "hr", "col", "source", "wbr"}
    SVG_SELF = {"rect", "line", "path", "circle", "polyline"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags = [], [], {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for k, v in attrs:
            if k in ("src", "href") or (v and ("http://" in v or "https://" in v)
                                         and k != "xmlns"):
                self.errors.append("external reference %s=%r" % (k, v))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes %r" % (tag, self.stack[-1:]))
        else:
            self.stack.pop()


def check_html(text):
    assert text.startswith("<!DOCTYPE html>")
    p = StrictParser()
    p.feed(text)
    p.close()
    assert not p.errors, p.errors[:5]
    assert not p.stack, p.stack
    assert "<script" not in text.lower()
    return p.tags


def render(page, png, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium missing: tools/ci/install-test-tools.sh installs it"
    p = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-first-run", "--user-data-dir=%s" % (tmp_path / "profile"),
                        "--screenshot=%s" % png, "--window-size=1200,1600",
                        "--hide-scrollbars", "file://%s" % page],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    assert p.returncode == 0 and os.path.exists(png), p.stdout.decode()[-2000:]


def png_pixels(path):
    """(width, height, share of non-white pixels) of an 8-bit RGB(A) PNG."""
    import zlib
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    i = 0
    for _ in range(h):           # undo the PNG filters
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    px = np.frombuffer(b"".join(rows), np.uint8).reshape(h, w, bpp)[:, :, :3]
    return w, h, float(np.mean(np.any(px < 245, axis=2))), px


def test_report_html_and_screenshot(tmp_path):
    page = tmp_path / "kws.html"
    rc, out, err = mote("report", KWS, "-o", page)
    assert rc == 0, err
    text = page.read_text()
    tags = check_html(text)
    assert tags.get("svg") == 1 and tags.get("rect", 0) > 10     # the arena timeline
    assert "peak" in text and "CONV_2D" in text and "2,656,768" in text   # totals: MACs
    assert text.count("<tr>") >= 13                              # one row per operator
    png = tmp_path / "kws.png"
    render(page, png, tmp_path)
    w, h, ink, px = png_pixels(png)
    assert (w, h) == (1200, 1600)
    assert 0.02 < ink < 0.9, ink                                 # drawn, not blank
    colored = np.mean((px[:, :, 2].astype(int) - px[:, :, 0]) > 60)   # the blue boxes/bars
    assert colored > 0.002, colored


def test_report_errors(tmp_path):
    rc, out, err = mote("report", tmp_path / "nope.tflite", "-o", tmp_path / "x.html")
    assert rc == 1 and err.startswith("mote: report:")
    assert not (tmp_path / "x.html").exists()


# ---- messages ------------------------------------------------------------------

def many_unsupported_ops(n):
    """A model chaining n float32 operators of n distinct codes mote lacks."""
    from tflite_builder import Graph, OP, TT
    # Exotic operators no microcontroller runtime is likely to grow soon.
    names = unsupported_names()
    codes = [getattr(OP, nm) for nm in names]
    codes = codes[:n]
    g = Graph()
    t = g.tensor("in", [1, 4], TT.FLOAT32)
    first = t
    for k, c in enumerate(codes):
        o = g.tensor("t%d" % k, [1, 4], TT.FLOAT32)
        g.op(c, [t], [o])
        t = o
    return g.finish([first], [t])


def unsupported_names():
    """Builtin operators mote does not run (none of them in `mote ops`)."""
    from tflite_builder import OP
    return [nm for nm in (
        "MATRIX_DIAG", "SEGMENT_SUM", "RFFT2D", "HASHTABLE_LOOKUP", "LSH_PROJECTION",
        "SKIP_GRAM", "EMBEDDING_LOOKUP_SPARSE", "UNIQUE", "WHERE", "RANK", "SCATTER_ND",
        "DENSIFY", "MATRIX_SET_DIAG", "REVERSE_SEQUENCE", "UNSORTED_SEGMENT_PROD",
        "NON_MAX_SUPPRESSION_V4", "NON_MAX_SUPPRESSION_V5", "BUCKETIZE", "RANDOM_UNIFORM",
        "MULTINOMIAL", "GELU", "LOCAL_RESPONSE_NORMALIZATION", "UNSORTED_SEGMENT_MAX",
        "UNSORTED_SEGMENT_SUM", "ATAN2", "SIGN")
        if hasattr(OP, nm)]


def test_unsupported_list_ends_with_and_n_more(tmp_path):
    path = tmp_path / "many.tflite"
    path.write_bytes(many_unsupported_ops(20))
    rc, out, err = mote("inspect", path)
    assert rc == 1
    line = err.strip()
    assert "unsupported operator(s): %s (operator 0)" % unsupported_names()[0] in line
    # the runtime's detail text (model.error.text, at most 199 bytes)
    detail = line[line.index("unsupported operator(s)"):].rsplit(" (status", 1)[0]
    assert len(detail) < 200, len(detail)
    import re
    m = re.search(r" and (\d+) more$", detail)
    assert m, detail
    named = re.findall(r"([A-Z0-9_]+) \(operator (\d+)\)", detail)
    assert len(named) + int(m.group(1)) == 20, (named, m.group(1))
    # every named entry is whole
    assert detail.count("(operator") == len(named)


def test_unsupported_short_list_whole(tmp_path):
    path = tmp_path / "three.tflite"
    path.write_bytes(many_unsupported_ops(3))
    rc, out, err = mote("inspect", path)
    assert rc == 1 and "more" not in err
    first = unsupported_names()[:3]
    assert "%s (operator 0), %s (operator 1), %s (operator 2)" % tuple(first) in err
