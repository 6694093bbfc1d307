#!/usr/bin/env python3
"""Single-operator seeds for fuzz_gen: one recipe per operator of
src/ops/ops.def and per element type (int8, float32).

A recipe (tests/fuzz/fuzz_gen.c): type byte (0 int8, 1 float32), operator
count - 1, four input dimension indices, input quantization bytes, then the
operator selector, an index into the ops.def codes in increasing order,
and option bytes.

    python3 tests/fuzz/make_gen_seeds.py    # writes tests/fuzz/corpus/fuzz_gen/seed_*
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OPS = os.path.join(HERE, "..", "..", "src", "ops", "ops.def")
OUT = os.path.join(HERE, "corpus", "fuzz_gen")


def main():
    text = open(OPS).read()
    ops = sorted((int(code), name) for name, code in
                 re.findall(r"^MOTE_OP\((\w+),\s*(\d+),", text, re.M))
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.startswith("seed_"):
            os.remove(os.path.join(OUT, old))
    tail = bytes([0, 3, 1, 2, 1, 1, 0, 1] + [0] * 16)
    for t, tn in ((0, "s8"), (1, "f32")):
        for i, (_, name) in enumerate(ops):
            # dims indices 0,7,7,3 -> [1,4,4,2]; input quant scale 0.05, zero point 0
            recipe = bytes([t, 0, 0, 7, 7, 3, 0, 0, 0, i]) + tail
            with open(os.path.join(OUT, "seed_%s_%s" % (name.lower(), tn)), "wb") as f:
                f.write(recipe)
    print("%d seeds for %d operators in %s" % (2 * len(ops), len(ops), OUT))


if __name__ == "__main__":
    main()
