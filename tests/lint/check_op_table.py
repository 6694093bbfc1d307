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
     below them), and src/kernels/ includes nothing from core, ops or format;
  5. the kernels column of ops.def (which kernels an operator's lowering may
     choose: the kernel -> operator mapping an operator selection,
     MOTE_OPSET, relies on) names only kernels of src/kernels/kernels.def,
     every kernel that has rows is named by some operator (else no selection
     could keep it), and the three tables (registry.c, macs.c,
     kernel_table.c) expand their rows through the selection macros
     (kernel rows per variant: MOTE_SEL_ROW, `mote ops --target`).

Prints `op-table: N passed, M failed` and exits non-zero on any failure.
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HELPERS = {"op_util.c", "op_conv_util.c", "op_elementwise_util.c", "op_shape_util.c", "op_s16_util.c", "op_hybrid_util.c", "op_reduce_util.c", "quant.c", "registry.c", "macs.c", "op_control_util.c", "op_signal_util.c", "lower_select.c", "requant_run.c"}
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

kdef = open(os.path.join(ROOT, "src/kernels/kernels.def")).read()
kdef_code = re.sub(r"/\*.*?\*/", "", kdef, flags=re.S)
kernels = set(re.findall(r"^MOTE_KERNEL\((\w+),", kdef_code, re.M))
krows = set(re.findall(r"^MOTE_KROW\((\w+),", kdef_code, re.M))
check(len(kernels) >= 8, "kernels.def has %d kernels" % len(kernels))
for k in sorted(krows - kernels):
    check(False, "kernels.def: MOTE_KROW(%s, ...) has no MOTE_KERNEL(%s, ...)" % (k, k))
odef = open(os.path.join(ROOT, "src/ops/ops.def")).read()
op_kernels = re.findall(r'^MOTE_OP\((\w+),\s*\d+,\s*\d+,\s*\w+,\s*[^,]+,\s*[^,"]+,\s*"([^"]*)"',
                        odef, re.M)
check(len(op_kernels) == len(rows),
      "ops.def: %d rows, but %d with a readable kernels column (7th field, a string)"
      % (len(rows), len(op_kernels)))
named = set()
for name, column in op_kernels:
    words = column.split()
    check(len(words) >= 1, "ops.def: %s names no kernel" % name)
    for k in words:
        named.add(k)
        check(k in kernels, "ops.def: %s names kernel %s, which kernels.def lacks" % (name, k))
for k in sorted(krows - named):
    check(False, "kernels.def: kernel %s has rows but no ops.def row names it in its kernels "
          "column (an operator selection could never keep it)" % k)
for rel, macro in (("src/ops/registry.c", "MOTE_SEL_OP(name)"),
                   ("src/ops/macs.c", "MOTE_SEL_OP(name)"),
                   ("src/kernels/kernel_table.c", "MOTE_SEL_ROW(id, variant)")):
    check(macro in open(os.path.join(ROOT, rel)).read(),
          "%s no longer expands its table rows through %s (operator selection)" % (rel, macro))

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
