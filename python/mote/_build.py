"""Build libmote.so (runtime + host-tool sources + _shim.c) with the C compiler.

Used by setup.py at `pip install ./python` time and runnable by hand:
    python python/mote/_build.py OUT.so
The sources are the repository's own (src/, tools/mote/); nothing is copied.
"""
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def sources(root):
    srcs = []
    for pat in ("src/base/*.c", "src/format/*.c", "src/kernels/*.c", "src/kernels/ref/*.c",
                "src/kernels/arm/*.c", "src/kernels/x86/*.c", "src/ops/*.c", "src/core/*.c", "tools/mote/*.c"):
        srcs += sorted(glob.glob(os.path.join(root, pat)))
    # The host tool's main() and anything needing more than libc stay out.
    srcs = [s for s in srcs if os.path.basename(s) not in ("main.c",)]
    return srcs + [os.path.join(HERE, "_shim.c")]


def build(out, root=None, cc=None):
    root = root or os.path.normpath(os.path.join(HERE, "..", ".."))
    cc = cc or os.environ.get("CC", "cc")
    cmd = [cc, "-std=c99", "-O2", "-fPIC", "-shared",
           "-I" + os.path.join(root, "include"), "-I" + os.path.join(root, "src"),
           "-I" + os.path.join(root, "tools", "mote"), "-o", out] + sources(root) + ["-lm"]
    subprocess.run(cmd, check=True)
    return out


if __name__ == "__main__":
    build(sys.argv[1])
