"""mote.Model: a .tflite model run by the mote runtime (libmote.so, ctypes)."""
import ctypes
import json
import os
import tempfile

import numpy as np

from . import _lib

L = _lib.lib

# mote_type (TFLite TensorType) -> numpy dtype
DTYPES = {0: np.float32, 1: np.float16, 2: np.int32, 3: np.uint8, 4: np.int64, 6: np.bool_,
          7: np.int16, 9: np.int8, 10: np.float64}


class MoteError(RuntimeError):
    """A mote status other than MOTE_OK; .status holds the code."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class TensorInfo:
    """A model input or output: name, shape, dtype (numpy), scale, zero_point."""

    def __init__(self, name, shape, dtype, scale, zero_point, index, type_name):
        self.name, self.shape, self.dtype = name, shape, dtype
        self.scale, self.zero_point, self.index, self.type_name = scale, zero_point, index, type_name

    @property
    def quantized(self):
        return self.scale != 0.0 and np.issubdtype(self.dtype, np.integer)

    def quantize(self, x):
        """Float values into this tensor's integers (round half away from zero, saturate)."""
        info = np.iinfo(self.dtype)
        v = np.asarray(x, np.float64) / self.scale
        q = np.sign(v) * np.floor(np.abs(v) + 0.5) + self.zero_point  # half away from 0, as C round()
        return np.clip(q, info.min, info.max).astype(self.dtype)

    def dequantize(self, q):
        return ((np.asarray(q, np.float64) - self.zero_point) * self.scale).astype(np.float32)

    def __repr__(self):
        return "TensorInfo(name=%r, shape=%r, dtype=%s, scale=%g, zero_point=%d)" % (
            self.name, self.shape, np.dtype(self.dtype).name, self.scale, self.zero_point)


class Model:
    """Model(path or bytes[, target]): verify and plan a .tflite model.

    target ("m4", "m55", ...): arena_bytes and inspect() are those of a
    firmware build for that core; run() still uses this build's kernels.

    .inputs / .outputs  lists of TensorInfo
    .arena_bytes        the exact arena a session needs
    .run(*arrays, dequantize=False) -> list of numpy arrays
    .inspect()          the dict `mote inspect --json` prints
    """

    def __init__(self, model, target=None):
        if isinstance(model, (bytes, bytearray)):
            data, self.path = bytes(model), None
        else:
            self.path = os.fspath(model)
            with open(self.path, "rb") as f:
                data = f.read()
        self.target = target
        self._bytes = ctypes.create_string_buffer(data, len(data))  # must outlive the model
        self._len = len(data)
        self._model = self._init(None)
        self.arena_bytes = int(L.mote_model_arena_size(self._model))
        if target is not None:
            # The arena a firmware build for that core needs (kernel variants
            # differ in scratch); runs here still use this build's kernels.
            self.arena_bytes = int(L.mote_model_arena_size(self._init(_target_isa(target))))
        self._session = ctypes.create_string_buffer(L.mote_py_session_size())
        align = _lib.ARENA_ALIGN
        self._arena = ctypes.create_string_buffer(
            max(int(L.mote_model_arena_size(self._model)), 1) + align)
        base = ctypes.addressof(self._arena)
        self._arena_ptr = base + (-base) % align
        st = L.mote_session_init(self._session, self._model, self._arena_ptr,
                                 int(L.mote_model_arena_size(self._model)))
        if st != 0:
            raise MoteError(st, "session: %s: %s" % (_status(st), L.mote_py_session_error(
                self._session).decode("utf-8", "replace")))
        n_in = L.mote_model_input_count(self._model)
        n_out = L.mote_model_output_count(self._model)
        names = {}
        if self.path is not None:
            try:
                js = self.inspect()
                names = {t["index"]: t["name"] for t in js["inputs"] + js["outputs"] if t}
            except Exception:  # names are a nicety; never fail a load on them
                names = {}
        self.inputs = [self._info(L.mote_input(self._session, i).contents, names)
                       for i in range(n_in)]
        self.outputs = [self._info(L.mote_output(self._session, i).contents, names)
                        for i in range(n_out)]

    def _init(self, isa):
        m = ctypes.create_string_buffer(L.mote_py_model_size())
        if isa is None:
            st = L.mote_model_init(m, self._bytes, self._len)
        else:
            st = L.mote_model_init_for(m, self._bytes, self._len, isa)
        if st != 0:
            raise MoteError(st, "%s: %s: %s" % (self.path or "<bytes>", _status(st),
                                                L.mote_py_model_error(m).decode(
                                                    "utf-8", "replace")))
        return m

    @staticmethod
    def _info(t, names):
        shape = tuple(int(t.dims[k]) for k in range(t.rank))
        dtype = DTYPES.get(t.type)
        if dtype is None:
            raise MoteError(-8, "tensor type %s has no numpy dtype" % L.mote_type_name(t.type))
        return TensorInfo(names.get(t.index, ""), shape, np.dtype(dtype).type, float(t.scale),
                          int(t.zero_point), int(t.index), L.mote_type_name(t.type).decode())

    def run(self, *arrays, dequantize=False, quantize=True):
        """Run once. Each array must have the input's shape (give or take dims of size 1).
        Float arrays given for a quantized input are quantized into its scale (quantize=True).
        dequantize=True returns quantized outputs as float32 real values."""
        if len(arrays) == 1 and isinstance(arrays[0], (list, tuple)) and len(self.inputs) > 1:
            arrays = tuple(arrays[0])
        if len(arrays) != len(self.inputs):
            raise ValueError("the model has %d input(s), got %d array(s)" %
                             (len(self.inputs), len(arrays)))
        for i, (info, a) in enumerate(zip(self.inputs, arrays)):
            a = np.asarray(a)
            if info.quantized and np.issubdtype(a.dtype, np.floating) and quantize:
                a = info.quantize(a)
            if a.dtype != info.dtype:
                raise ValueError("input %d: dtype %s, the model wants %s" %
                                 (i, a.dtype, np.dtype(info.dtype)))
            if [d for d in a.shape if d != 1] != [d for d in info.shape if d != 1]:
                raise ValueError("input %d: shape %s, the model wants %s" %
                                 (i, a.shape, info.shape))
            t = L.mote_input(self._session, i).contents
            buf = np.ascontiguousarray(a).tobytes()
            if len(buf) != t.bytes:
                raise ValueError("input %d: %d bytes, the model wants %d" % (i, len(buf), t.bytes))
            ctypes.memmove(t.data, buf, len(buf))
        st = L.mote_invoke(self._session)
        if st != 0:
            raise MoteError(st, "invoke: " + _status(st))
        outs = []
        for i, info in enumerate(self.outputs):
            t = L.mote_output(self._session, i).contents
            a = np.frombuffer(ctypes.string_at(t.data, t.bytes), dtype=info.dtype).reshape(
                info.shape).copy()
            if dequantize and info.quantized:
                a = info.dequantize(a)
            outs.append(a)
        return outs

    def inspect(self):
        """The dict `mote inspect --json MODEL` prints (same code: tools/mote/cmd_inspect.c)."""
        if self.path is None:
            with tempfile.NamedTemporaryFile(suffix=".tflite", delete=False) as f:
                f.write(ctypes.string_at(self._bytes, self._len))
                path = f.name
        else:
            path = self.path
        args = ["inspect", path, "--json"] + (["--target", self.target] if self.target else [])
        try:
            rc, out, err = _capture(args)
        finally:
            if self.path is None:
                os.unlink(path)
        if rc != 0:
            raise MoteError(rc, err.strip() or "inspect failed")
        return json.loads(out)


def _status(st):
    return L.mote_status_str(st).decode()


def _target_isa(name):
    isa = {"m0plus": 0, "m3": 0, "m4": 1, "m7": 1, "m33": 1, "m55": 3}
    if name not in isa:
        raise ValueError("unknown target %r (m0plus, m3, m4, m7, m33, m55)" % name)
    return isa[name]


def _capture(args):
    """Call a CLI command in-process, capturing fds 1 and 2."""
    argv = (ctypes.c_char_p * (len(args) + 1))(*[a.encode() for a in args], None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        L.mote_py_flush()
        saved = os.dup(1), os.dup(2)
        try:
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            rc = L.cmd_inspect(len(args), argv)
            L.mote_py_flush()
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
        out.seek(0)
        err.seek(0)
        return rc, out.read().decode(), err.read().decode()
