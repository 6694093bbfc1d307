"""The README's C snippet ("Use it") compiles cleanly under -Wall -Wextra
-Werror and runs: the golden KWS output with its 32 KB arena, and a clean
failure (no crash, ARENA_SMALL naming both sizes) with an arena too small."""
import os
import re
import subprocess

from conftest import CLI, GOLDEN, KWS, ROOT

HARNESS = r'''
#include <stdlib.h>
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *b = malloc(1 << 20);
    if (f == NULL || b == NULL) return NULL;
    *n = fread(b, 1, 1 << 20, f);
    fclose(f);
    return b;
}

int main(int argc, char **argv)
{
    size_t nm, ni;
    unsigned char *m, *in;
    int8_t scores[12];
    size_t k;
    if (argc != 3 || (m = slurp(argv[1], &nm)) == NULL || (in = slurp(argv[2], &ni)) == NULL)
        return 2;
    if (classify(m, nm, (const int8_t *)in, ni, scores, sizeof scores) != 0) return 1;
    printf("out ");
    for (k = 0; k < sizeof scores; k++) printf("%02x", (unsigned char)scores[k]);
    printf("\n");
    return 0;
}
'''


def snippet():
    text = open(os.path.join(ROOT, "README.md")).read()
    use = text[text.index("## Use it"):]
    m = re.search(r"```c\n(.*?)```", use, re.S)
    assert m, "no ```c block in the README's 'Use it' section"
    return m.group(1)


def build(tmp_path, code, name):
    src = tmp_path / (name + ".c")
    src.write_text(code + HARNESS)
    exe = tmp_path / name
    # The snippet itself at -Wall -Wextra -Werror -pedantic; the library as it builds.
    p = subprocess.run(["cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-c", str(src),
                        "-I" + os.path.join(ROOT, "include"), "-o", str(src) + ".o"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert p.returncode == 0, p.stdout.decode()
    # The library as `make` built it, next to the CLI under test.
    lib = os.path.join(os.path.dirname(CLI), "libmote.a")
    p = subprocess.run(["cc", str(src) + ".o", "-o", str(exe), lib, "-lm"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert p.returncode == 0, p.stdout.decode()
    return str(exe)


def test_readme_snippet_runs(tmp_path):
    exe = build(tmp_path, snippet(), "snippet")
    p = subprocess.run([exe, KWS, os.path.join(GOLDEN, "kws_ref_model", "in_0.bin")],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    want = open(os.path.join(GOLDEN, "kws_ref_model", "out_0.bin"), "rb").read().hex()
    assert p.returncode == 0, p.stdout.decode()
    assert ("out " + want) in p.stdout.decode()
    assert re.search(r"arena: \d+ bytes", p.stdout.decode())


def test_readme_snippet_arena_too_small(tmp_path):
    code = snippet()
    assert "32 * 1024" in code
    exe = build(tmp_path, code.replace("32 * 1024", "1024"), "small")
    p = subprocess.run([exe, KWS, os.path.join(GOLDEN, "kws_ref_model", "in_0.bin")],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    out = p.stdout.decode()
    assert p.returncode == 1, out          # the status was checked: no crash, no output
    assert re.search(r"session: .*arena is 1024 bytes; the model needs \d+", out), out
