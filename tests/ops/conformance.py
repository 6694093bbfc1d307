#!/usr/bin/env python3
"""The conformance table of bench/RESULTS.md: operator x kernel (types) x
cases x result, from the output of tests/ops/run_cases.

  make test-ops | tee /tmp/ops.log
  python3 tests/ops/conformance.py /tmp/ops.log > /tmp/conformance.md

Each run_cases line `KERNEL: N passed, M failed (rows: ref, ...)` becomes one
row per operator of src/ops/ops.def whose kernels column names KERNEL.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROW = re.compile(r'^MOTE_OP\((\w+),\s*\d+,\s*\d+,\s*\w+,[^"]*"([^"]*)"', re.M)
LINE = re.compile(r"^(\w+): (\d+) passed, (\d+) failed(?: \(rows: ([^)]*)\))?")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    ops_def = open(os.path.join(ROOT, "src/ops/ops.def")).read()
    ops_of = {}
    for op, kernels in ROW.findall(ops_def):
        for k in kernels.split():
            ops_of.setdefault(k, []).append(op)
    results = {}
    for line in open(sys.argv[1], errors="replace"):
        m = LINE.match(line.strip())
        if m and m.group(1) in ops_of:
            results[m.group(1)] = (int(m.group(2)), int(m.group(3)), m.group(4) or "ref")
    rows = []
    for kernel, ops in ops_of.items():
        for op in ops:
            passed, failed, variants = results.get(kernel, (0, 0, None))
            verdict = ("**not run**" if variants is None else
                       "all byte-exact / within tolerance" if failed == 0 else
                       "**%d failed**" % failed)
            rows.append((op, kernel, passed + failed, verdict, variants or "-"))
    print("| operator | kernel (types) | cases | result | rows run |")
    print("|---|---|---:|---|---|")
    for op, kernel, n, verdict, variants in sorted(rows):
        print("| %s | %s | %d | %s | %s |" % (op, kernel, n, verdict, variants))
    total = sum(r[0] + r[1] for r in results.values())
    bad = sum(r[1] for r in results.values())
    print("\n%d operators, %d kernels, %d cases, %d failed." % (
        len({r[0] for r in rows}), len(ops_of), total, bad))


if __name__ == "__main__":
    main()
