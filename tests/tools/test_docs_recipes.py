"""docs/CORTEX-M.md's two build recipes (CMake, plain Makefile), taken from the
page as written and run: the QEMU port's files stand in for a vendor's, the
firmware runs on mps2-an386 and must print the golden KWS output."""
import os
import re
import shlex
import shutil
import subprocess

import pytest

from conftest import GOLDEN, KWS, ROOT

PORT = os.path.join(ROOT, "ports", "cortex-m")
BOARD_SRCS = ["startup.c", "fault.c", "semihost.c", "icount.c", "stack.c"]
MAIN = r'''
#include <stdio.h>
int main(void)
{
    static signed char features[490], scores[12];
    FILE *f = fopen("in.bin", "rb");
    if (f == NULL || fread(features, 1, sizeof features, f) != sizeof features) return 2;
    fclose(f);
    if (run_model(features, scores) != 0) { printf("run_model failed\n"); return 1; }
    printf("out ");
    for (unsigned k = 0; k < sizeof scores; k++) printf("%02x", (unsigned char)scores[k]);
    printf("\n");
    return 0;
}
'''


def blocks(lang):
    text = open(os.path.join(ROOT, "docs", "CORTEX-M.md")).read()
    return re.findall(r"```%s\n(.*?)```" % lang, text, re.S)


def project(where):
    """A firmware project as the page describes it: main.c (the page's C code
    plus a main), model.S (the page's), board.ld (mps2.ld INCLUDing
    common.ld, so -L must be right), the start-up files, third_party/mote."""
    if os.path.exists(where):
        shutil.rmtree(where)
    os.makedirs(os.path.join(where, "third_party"))
    os.symlink(ROOT, os.path.join(where, "third_party", "mote"))
    c = [b for b in blocks("c") if "run_model" in b]
    assert c, "no run_model() C block in docs/CORTEX-M.md"
    open(os.path.join(where, "main.c"), "w").write(c[0] + MAIN)
    (asm,) = [b for b in blocks("asm") if ".incbin" in b]
    open(os.path.join(where, "model.S"), "w").write(asm)
    shutil.copy(KWS, os.path.join(where, "model.tflite"))
    shutil.copy(os.path.join(PORT, "ld", "mps2.ld"), os.path.join(where, "board.ld"))
    shutil.copy(os.path.join(PORT, "ld", "common.ld"), os.path.join(where, "common.ld"))
    for f in os.listdir(PORT):
        if f.endswith((".c", ".h")):
            shutil.copy(os.path.join(PORT, f), where)
    shutil.copy(os.path.join(GOLDEN, "kws_ref_model", "in_0.bin"), os.path.join(where, "in.bin"))


def run(cmd, cwd, **kw):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    assert p.returncode == 0, " ".join(cmd) + "\n" + p.stdout.decode()[-3000:]
    return p.stdout.decode()


def qemu(elf, cwd):
    out = run(["timeout", "120", "qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor",
               "none", "-semihosting-config", "enable=on,target=native", "-kernel", elf], cwd)
    want = open(os.path.join(GOLDEN, "kws_ref_model", "out_0.bin"), "rb").read().hex()
    assert "out " + want in out, out


@pytest.fixture(scope="module", autouse=True)
def tools():
    p = subprocess.run(["sh", os.path.join(ROOT, "tools", "ci", "install-mcu-tools.sh"), "--arm"])
    assert p.returncode == 0


def test_plain_makefile_recipe(scratch):
    where = os.path.join(scratch, "recipe-make")
    project(where)
    (mk,) = [b for b in blocks("make") if "MOTE_SRCS" in b]
    open(os.path.join(where, "Makefile"), "w").write(mk)
    run(["make", "-j2", "app.elf", "BOARD_SRCS=" + " ".join(BOARD_SRCS),
         "BOARD_LDFLAGS=--specs=rdimon.specs -nostartfiles"], where)
    qemu("app.elf", where)


def test_cmake_recipe(scratch):
    where = os.path.join(scratch, "recipe-cmake")
    project(where)
    (cm,) = [b for b in blocks("cmake") if "add_subdirectory" in b]
    open(os.path.join(where, "CMakeLists.txt"), "w").write(cm)
    (sh,) = [b for b in blocks("sh") if "CMAKE_TOOLCHAIN_FILE" in b]
    configure = shlex.split(sh.split("cmake --build")[0].replace("\\\n", " "))
    run(configure + ["-DBOARD_SOURCES=" + ";".join(BOARD_SRCS),
                     "-DBOARD_LDFLAGS=--specs=rdimon.specs;-nostartfiles"], where)
    run(["cmake", "--build", "build", "-j2"], where)
    qemu(os.path.join("build", "app.elf"), where)
