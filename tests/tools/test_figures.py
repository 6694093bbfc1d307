"""docs/CORTEX-M.md's arena table is what `mote inspect --target m4` says."""
import json
import os
import re
import subprocess

from conftest import CLI, ROOT


def test_cortex_m_arena_table():
    text = open(os.path.join(ROOT, "docs", "CORTEX-M.md")).read()
    rows = re.findall(r"^\| (\w+) \| ([\d ]+) \|$", text, re.M)
    assert len(rows) >= 6
    for name, figure in rows:
        folder = "tflm-examples" if name == "person_detect" else "mlperf-tiny"
        path = os.path.join(ROOT, "models", folder, name + ".tflite")
        doc = json.loads(subprocess.run([CLI, "inspect", path, "--json", "--target", "m4"],
                                        stdout=subprocess.PIPE, check=True).stdout)
        assert int(figure.replace(" ", "")) == doc["arena_bytes"], name


def test_help_of_python_commands():
    for cmd in ("profile", "validate", "report"):
        p = subprocess.run([CLI, cmd, "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert p.returncode == 0 and b"usage: mote " + cmd.encode() in p.stdout, p.stderr


def test_make_demo_builds_the_cli(tmp_path):
    """`make demo` builds build/mote too, so the README's next command works."""
    p = subprocess.run(["make", "-n", "-C", ROOT, "BUILD=" + str(tmp_path / "b"), "demo"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.decode()
    assert re.search(r"-o %s\s" % re.escape(str(tmp_path / "b" / "mote")), out), out[-2000:]
