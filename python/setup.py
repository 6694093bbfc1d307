"""pip install ./python — the mote Python package over libmote.so (ctypes).

libmote.so is compiled at install time from the repository's own sources
(src/, tools/mote/) with the C compiler ($CC, default cc): nothing is copied.
"""
import os
import sys

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


class BuildWithLib(build_py):
    def run(self):
        super().run()
        sys.path.insert(0, os.path.join(HERE, "mote"))
        import _build  # noqa: E402
        out = os.path.join(self.build_lib, "mote", "libmote.so")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        _build.build(out, root=os.path.normpath(os.path.join(HERE, "..")))


class BinaryDistribution(Distribution):
    """libmote.so is native code: the wheel is platform-specific."""

    def has_ext_modules(self):
        return True


setup(
    distclass=BinaryDistribution,
    name="mote",
    version="0.1.0",
    description="Run TFLite models with the mote runtime (heap-free C99) from Python",
    packages=["mote"],
    package_data={"mote": ["_shim.c"]},
    install_requires=["numpy"],
    python_requires=">=3.8",
    cmdclass={"build_py": BuildWithLib},
    entry_points={"console_scripts": ["mote-py=mote.__main__:main"]},
    zip_safe=False,
)
