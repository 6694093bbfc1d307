"""The mote_status names and values, parsed from include/mote/status.h: the
one list of status names (the C tests' table is generated from the same
header, tests/common/gen_status_table.sh).

    from status_names import STATUS        # {"MOTE_OK": 0, "MOTE_E_ARG": -1, ...}
    status_names.require("MOTE_E_SHAPE")   # the name, or ValueError if unknown

Run as a script to check manifests (the second column of each
tab-separated line names a status, or "A|32:B": A with a 64-bit size_t, B
with a 32-bit one):

    python3 tests/common/status_names.py --check MANIFEST.tsv...
"""
import os
import re
import sys

HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "include", "mote",
                      "status.h")


def parse(path=HEADER):
    """{name: value} of every member of enum mote_status in the header."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"typedef\s+enum\s+mote_status\s*\{(.*?)\}", text, re.S)
    if m is None:
        raise ValueError("%s: no enum mote_status" % path)
    body = re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)
    names = dict((n, int(v)) for n, v in re.findall(r"\b(MOTE_[A-Z0-9_]+)\s*=\s*(-?\d+)", body))
    if not names:
        raise ValueError("%s: enum mote_status has no members" % path)
    return names


STATUS = parse()


def require(name):
    """name, if it is a status the header defines; else ValueError."""
    if name not in STATUS:
        raise ValueError("%r is not a mote_status (include/mote/status.h)" % name)
    return name


def check_manifests(paths):
    bad = 0
    seen = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for k, line in enumerate(f, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                seen += 1
                # "A|32:B": A with a 64-bit size_t, B with a 32-bit one.
                if len(cols) < 2 or any(p not in STATUS for p in cols[1].split("|32:")):
                    bad += 1
                    print("FAIL %s:%d: unknown status %r" % (path, k, cols[1:2]))
    print("status names: %d of %d manifest lines name a status of include/mote/status.h "
          "(%d statuses)" % (seen - bad, seen, len(STATUS)))
    return 1 if bad or seen == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--check":
        print(__doc__)
        sys.exit(2)
    sys.exit(check_manifests(sys.argv[2:]))
