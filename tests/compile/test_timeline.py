#!/usr/bin/env python3
"""`mote inspect --timeline` and `--svg FILE` on every bundled model: the
chart has one row per operator plus the outputs, the peak it marks is the
lower bound `--plan` prints (plus kernel scratch on a core whose kernels
use some), every letter in a row is a buffer of the
legend, and the SVG is well-formed XML with one box per buffer and scratch.

It also holds the planner to its figures: with the reference kernels
(--target m0plus, no kernel scratch) every bundled model's
activations equal the lower bound (the most bytes live at once), and none
is above what the planner gave before it tried several orders
(ACTS_BEFORE: activations only, so changes to the runtime state do not
move them).

Usage: test_timeline.py MOTE OUT_DIR
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
MODELS = ["models/mlperf-tiny/kws_ref_model.tflite", "models/mlperf-tiny/vww_96_int8.tflite",
          "models/mlperf-tiny/pretrainedResnet_quant.tflite",
          "models/mlperf-tiny/ad01_int8.tflite", "models/mlperf-tiny/str_ww_ref_model.tflite",
          "models/tflm-examples/person_detect.tflite"]
# Activation bytes (reference rows) with greedy-by-size placement alone
# (2026-12-01; arena_bytes was then KWS 20 336, VWW 82 032, IC 52 656, AD 1 616,
# SWW 12 080).
ACTS_BEFORE = {"kws_ref_model": 16000, "vww_96_int8": 64512, "pretrainedResnet_quant": 49152,
               "ad01_int8": 768, "str_ww_ref_model": 6656, "person_detect": 55296}


def main():
    mote, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    bad = 0
    for model in MODELS:
        for target in ("m0plus", "m4", "host"):
            svg = os.path.join(out, "%s-%s.svg" % (os.path.basename(model)[:-7], target))
            text = subprocess.run([mote, "inspect", model, "--plan", "--timeline", "--svg", svg,
                                   "--target", target], cwd=ROOT, check=True,
                                  stdout=subprocess.PIPE).stdout.decode()
            ops = int(re.search(r"^operators: (\d+)$", text, re.M).group(1))
            bound = int(re.search(r"lower bound for these lifetimes: (\d+)", text).group(1))
            # ... and with each step's kernel scratch or in-place ring added.
            step_bound = int(re.search(r"with kernel scratch: (\d+)", text).group(1))
            peak = int(re.search(r"^peak: (\d+) bytes live", text, re.M).group(1))
            rows = re.findall(r"^  (\d+|end)\s+\S+\s+\|([^|]*)\|", text, re.M)
            legend = set(re.findall(r"^  (\S) (?:tensor|scratch)", text, re.M))
            used = set("".join(r[1] for r in rows)) - {"."}
            n_boxes = len(re.findall(r"^  \S (?:tensor|scratch)", text, re.M))
            root = ET.parse(svg).getroot()
            rects = [e for e in root.iter() if e.tag.endswith("rect")]
            problems = []
            if len(rows) != ops + 1:
                problems.append("%d chart rows for %d operators" % (len(rows), ops))
            acts = int(re.search(r"^arena timeline: activations (\d+)", text, re.M).group(1))
            # --plan's first bound counts tensors only, its second and the
            # chart add each step's kernel scratch (with the reference rows,
            # --target m0plus, only the rings of in-place convolutions).
            if peak != step_bound or not (bound <= peak <= acts):
                problems.append("peak %d, --plan lower bound %d, activations %d"
                                % (peak, bound, acts))
            if not used <= legend:
                problems.append("symbols without legend: %s" % "".join(sorted(used - legend)))
            # background, peak band, frame, then one per buffer / scratch
            if len(rects) != n_boxes + 3:
                problems.append("%d SVG boxes for %d buffers" % (len(rects) - 3, n_boxes))
            if target == "m0plus":
                stem = os.path.basename(model)[:-7]
                if acts != step_bound:
                    problems.append("activations %d above the lower bound %d"
                                    % (acts, step_bound))
                if acts > ACTS_BEFORE[stem]:
                    problems.append("activations %d above %d" % (acts, ACTS_BEFORE[stem]))
            status = "ok" if not problems else "FAIL " + "; ".join(problems)
            bad += bool(problems)
            print("timeline %-40s %-4s peak=%-6d boxes=%-3d %s" % (model, target, peak, n_boxes,
                                                                status))
    print("test-timeline: %s" % ("ok" if bad == 0 else "%d failure(s)" % bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
