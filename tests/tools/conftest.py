"""Shared settings of tests/tools (pytest, run by `make test-tools`).

MOTE_CLI    the host tool under test (default build/mote)
MOTE_LIB    libmote.so for the Python package (default build/libmote.so)
MOTE_TEST_BUILD  scratch build directory kept between runs (firmware, CMake)
"""
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.dont_write_bytecode = True

CLI = os.path.abspath(os.environ.get("MOTE_CLI", os.path.join(ROOT, "build", "mote")))
os.environ.setdefault("MOTE_LIB", os.path.join(os.path.dirname(CLI), "libmote.so"))
os.environ["MOTE_CLI"] = CLI
SCRATCH = os.path.abspath(os.environ.get("MOTE_TEST_BUILD",
                                         os.path.join(os.path.dirname(CLI), "tests", "tools")))
KWS = os.path.join(ROOT, "models", "mlperf-tiny", "kws_ref_model.tflite")
GOLDEN = os.path.join(ROOT, "tests", "data", "golden")


@pytest.fixture
def scratch():
    os.makedirs(SCRATCH, exist_ok=True)
    return SCRATCH
