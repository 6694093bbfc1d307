"""CMake packaging: no -Werror forced on a consumer, cmake --install,
find_package(mote CONFIG) and the pkg-config file."""
import os
import subprocess

from conftest import KWS, ROOT


def run(*cmd, **kw):
    p = subprocess.run(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    assert p.returncode == 0, " ".join(cmd) + "\n" + p.stdout.decode()[-3000:]
    return p.stdout.decode()


def test_install_find_package_pkg_config(scratch, tmp_path):
    b = os.path.join(scratch, "cmake-lib")
    prefix = str(tmp_path / "prefix")
    run("cmake", "-S", ROOT, "-B", b, "-DCMAKE_BUILD_TYPE=Release")
    run("cmake", "--build", b, "-j2")
    run("cmake", "--install", b, "--prefix", prefix)
    libdir = next(os.path.join(prefix, d) for d in ("lib", "lib64")
                  if os.path.isdir(os.path.join(prefix, d)))
    for f in ("libmote.a", "cmake/mote/moteConfig.cmake", "cmake/mote/moteTargets.cmake",
              "pkgconfig/mote.pc"):
        assert os.path.exists(os.path.join(libdir, f)), f
    assert os.path.exists(os.path.join(prefix, "include", "mote", "mote.h"))
    # find_package(mote CONFIG) + mote::mote
    cb = str(tmp_path / "consumer")
    run("cmake", "-S", os.path.join(ROOT, "tests", "cmake_consumer", "installed"), "-B", cb,
        "-DCMAKE_PREFIX_PATH=" + prefix, "-DCMAKE_BUILD_TYPE=Release")
    run("cmake", "--build", cb)
    assert "arena_bytes=" in run(os.path.join(cb, "consumer"), KWS)
    # pkg-config, relocated with the prefix
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(libdir, "pkgconfig"))
    flags = run("pkg-config", "--cflags", "--libs", "mote", env=env).split()
    exe = str(tmp_path / "pc_consumer")
    run("cc", "-std=c99", os.path.join(ROOT, "tests", "cmake_consumer", "main.c"), "-o", exe,
        *flags)
    assert "arena_bytes=" in run(exe, KWS)


def test_no_werror_on_consumers(scratch):
    """The add_subdirectory consumer: mote's sources get no -Werror (it is not
    the top-level project) and the consumer's own flags get nothing of mote's."""
    # make test-tools passes test-cmake's build directory (the same configure),
    # so the consumer built there is not built a second time.
    b = os.environ.get("MOTE_CMAKE_CONSUMER_BUILD") or os.path.join(scratch, "cmake-sub")
    run("cmake", "-S", os.path.join(ROOT, "tests", "cmake_consumer"), "-B", b,
        "-DCMAKE_BUILD_TYPE=Release")
    flags = open(os.path.join(b, "mote", "CMakeFiles", "mote.dir", "flags.make")).read()
    assert "-Werror" not in flags and "-Wall" in flags
    consumer = open(os.path.join(b, "CMakeFiles", "consumer.dir", "flags.make")).read()
    assert "-Werror" not in consumer and "-Wall" not in consumer
    run("cmake", "--build", b, "-j2")
    assert "arena_bytes=" in run(os.path.join(b, "consumer"), KWS)
