"""ctypes bindings to libmote.so (the runtime built as a shared library).

The library is found, in order: $MOTE_LIB; libmote.so next to this file
(put there by `pip install ./python`); build/libmote.so in the repository
(`make pylib`).
"""
import ctypes
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def _find():
    cands = [os.environ.get("MOTE_LIB"), os.path.join(HERE, "libmote.so"),
             os.path.join(HERE, "..", "..", "build", "libmote.so")]
    for c in cands:
        if c and os.path.exists(c):
            return os.path.abspath(c)
    raise OSError("mote: libmote.so not found (set MOTE_LIB, `pip install ./python`, "
                  "or `make pylib` in the repository)")


lib = ctypes.CDLL(_find())

for name in ("mote_py_model_size", "mote_py_session_size", "mote_py_tensor_size",
             "mote_py_max_rank", "mote_py_arena_align"):
    getattr(lib, name).restype = ctypes.c_size_t
    getattr(lib, name).argtypes = []

MAX_RANK = lib.mote_py_max_rank()
ARENA_ALIGN = lib.mote_py_arena_align()


class Tensor(ctypes.Structure):
    """struct mote_tensor of include/mote/mote.h."""
    _fields_ = [("type", ctypes.c_int), ("rank", ctypes.c_int32),
                ("dims", ctypes.c_int32 * MAX_RANK), ("bytes", ctypes.c_size_t),
                ("data", ctypes.c_void_p), ("scale", ctypes.c_float),
                ("zero_point", ctypes.c_int32), ("index", ctypes.c_int32)]


if ctypes.sizeof(Tensor) != lib.mote_py_tensor_size():
    raise OSError("mote: libmote.so's mote_tensor layout differs from the bindings")

vp, sz, u32, i32, cp = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint32, ctypes.c_int32,
                        ctypes.c_char_p)
_sigs = {
    "mote_model_init": (ctypes.c_int, [vp, vp, sz]),
    "mote_model_init_for": (ctypes.c_int, [vp, vp, sz, u32]),
    "mote_model_arena_size": (sz, [vp]),
    "mote_model_input_count": (u32, [vp]),
    "mote_model_output_count": (u32, [vp]),
    "mote_model_op_count": (u32, [vp]),
    "mote_session_init": (ctypes.c_int, [vp, vp, vp, sz]),
    "mote_input": (ctypes.POINTER(Tensor), [vp, u32]),
    "mote_output": (ctypes.POINTER(Tensor), [vp, u32]),
    "mote_invoke": (ctypes.c_int, [vp]),
    "mote_status_str": (cp, [ctypes.c_int]),
    "mote_type_name": (cp, [i32]),
    "mote_py_model_error": (cp, [vp]),
    "mote_py_session_error": (cp, [vp]),
    "mote_py_flush": (ctypes.c_int, []),
    "cmd_inspect": (ctypes.c_int, [ctypes.c_int, ctypes.POINTER(cp)]),
}
for _n, (_r, _a) in _sigs.items():
    _f = getattr(lib, _n)
    _f.restype, _f.argtypes = _r, _a
