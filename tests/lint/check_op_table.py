#!/usr/bin/env python3
"""The operator table is the only place that knows which operators exist.

Checks, over the product's C code (src/, tools/, ports/, bench/, examples/):
  1. outside src/ops/, no code names an operator code (MOTE_OP_<NAME>),
     compares an operator's .code, or switches on it: operators are reached
     through the table (mote_op_find), never by name;
  2. every row of src/ops/ops.def has its op file src/ops/<file>.c, which
     defines mote_lower_<file>() and mote_macs_<file>();
  3. every op file in src/ops/ (other than the shared helpers) has a row;
  4. src/format/ includes nothing from src/core/ or src/ops/ (the reader sits
     below them), and src/kernels/ includes nothing from core, ops or format.

Prints `op-table: N passed, M failed` and exits non-zero on any failure.
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HELPERS = {"op_util.c", "op_conv_util.c", "quant.c", "registry.c", "macs.c"}
passed = failed = 0


def check(ok, msg):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL " + msg)


def product_files():
    for top in ("src", "tools", "ports", "bench", "examples"):
        for path in glob.glob(os.path.join(ROOT, top, "**", "*.[ch]"), recursive=True):
            yield os.path.relpath(path, ROOT)


dispatch = re.compile(r"MOTE_OP_[A-Z][A-Z0-9_]*|\.code\s*[!=]=|->code\s*[!=]=|switch\s*\(\s*\w*op\w*\.code")
for rel in product_files():
    if rel.startswith("src/ops/"):
        continue
    text = open(os.path.join(ROOT, rel), encoding="utf-8", errors="replace").read()
    hits = [m.group(0) for m in dispatch.finditer(text)]
    check(not hits, "%s dispatches on operator codes outside src/ops/: %s" % (rel, hits[:3]))

rows = re.findall(r"^MOTE_OP\((\w+),\s*(\d+),\s*(\d+),\s*(\w+),",
                  open(os.path.join(ROOT, "src/ops/ops.def")).read(), re.M)
check(len(rows) >= 8, "ops.def has %d rows" % len(rows))
files = set()
for name, code, options, stem in rows:
    path = os.path.join(ROOT, "src/ops", stem + ".c")
    files.add(stem + ".c")
    if not os.path.exists(path):
        check(False, "%s: src/ops/%s.c is missing" % (name, stem))
        continue
    text = open(path).read()
    check(re.search(r"\bmote_lower_%s\s*\(" % stem, text) is not None,
          "%s: src/ops/%s.c does not define mote_lower_%s" % (name, stem, stem))
    check(re.search(r"\bmote_macs_%s\s*\(" % stem, text) is not None,
          "%s: src/ops/%s.c does not define mote_macs_%s" % (name, stem, stem))
for path in glob.glob(os.path.join(ROOT, "src/ops/*.c")):
    base = os.path.basename(path)
    check(base in files or base in HELPERS, "src/ops/%s has no row in ops.def" % base)

layers = {"src/format": ("core/", "ops/", "kernels/"),
          "src/kernels": ("core/", "ops/", "format/"),
          "src/base": ("core/", "ops/", "format/", "kernels/")}
for folder, banned in layers.items():
    for path in glob.glob(os.path.join(ROOT, folder, "**", "*.[ch]"), recursive=True):
        for inc in re.findall(r'#include\s+"([^"]+)"', open(path).read()):
            check(not inc.startswith(banned), "%s includes %s (the layer below must not)"
                  % (os.path.relpath(path, ROOT), inc))

print("op-table: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
