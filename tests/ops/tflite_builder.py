"""Write single-operator (or small) .tflite models: the one model writer of
the Python tests (tests/ops/ specs, tests/lower/, tests/cli/).

Models are written with the TFLite schema's object API, the way the converter
lays them out: schema version 3, buffer 0 empty, every constant in its own
16-byte aligned buffer, builtin_code and deprecated_builtin_code both filled
in.

    g = Graph()
    ti = g.tensor("input", [1, 8], TT.INT8, quant(0.05, 3))
    tw = g.const("weights", w, TT.INT8, quant(w_scales, [0] * 4, 0))
    to = g.tensor("output", [1, 4], TT.INT8, quant(0.1, -2))
    g.op(OP.FULLY_CONNECTED, [ti, tw], [to], opt_type, opt)
    model_bytes = g.finish([ti], [to])

Several subgraphs (IF, WHILE, CALL_ONCE): g.subgraph() gives subgraph 1, 2...
(a Graph sharing the model's buffers and operator codes); build it like g,
give it its inputs and outputs with sub.io([...], [...]), and pass sub.index
in the calling operator's options. g.finish() writes them all.
"""

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as schema

OP = schema.BuiltinOperator
OPT = schema.BuiltinOptions
TT = schema.TensorType
ACT = schema.ActivationFunctionType
PAD = schema.Padding

ACT_NAMES = {ACT.NONE: "NONE", ACT.RELU: "RELU", ACT.RELU_N1_TO_1: "RELU_N1_TO_1",
             ACT.RELU6: "RELU6"}
PAD_NAMES = {PAD.SAME: "SAME", PAD.VALID: "VALID"}
ACTIVATIONS = [ACT.NONE, ACT.RELU, ACT.RELU6, ACT.RELU_N1_TO_1]

NP_OF_TT = {TT.FLOAT32: np.float32, TT.INT8: np.int8, TT.INT16: np.int16, TT.INT32: np.int32,
            TT.INT64: np.int64, TT.BOOL: np.bool_, TT.UINT32: np.uint32, TT.UINT64: np.uint64}

# The test types of the harness (tests/ops/gen_cases.py) as tensor types.
TT_OF_TYPE = {"int8": TT.INT8, "int16": TT.INT16, "float32": TT.FLOAT32, "int32": TT.INT32,
              "int64": TT.INT64, "bool": TT.BOOL, "uint32": TT.UINT32, "uint64": TT.UINT64}


class _AlignedBufferT(schema.BufferT):
    """A BufferT whose data is 16-byte aligned in the file, as the TFLite
    converter writes it, so a runtime may read int32/float constants in place."""

    def Pack(self, builder):
        data = None
        if self.data is not None and len(self.data) > 0:
            raw = bytes(self.data)
            builder.StartVector(1, len(raw), 16)
            builder.head = builder.head - len(raw)
            builder.Bytes[builder.head:builder.head + len(raw)] = raw
            data = builder.EndVector(len(raw))
        schema.BufferStart(builder)
        if data is not None:
            schema.BufferAddData(builder, data)
        return schema.BufferEnd(builder)


def quant(scale, zero_point, dim=0):
    """Per-tensor (scalars) or per-axis (sequences) quantization parameters."""
    q = schema.QuantizationParametersT()
    q.scale = [float(s) for s in np.atleast_1d(scale)]
    q.zeroPoint = [int(z) for z in np.atleast_1d(zero_point)]
    q.quantizedDimension = dim
    return q


class Graph:
    """Collects tensors, constants and one or more operators of one subgraph."""

    def __init__(self):
        self.buffers = [_AlignedBufferT()]  # buffer 0: the empty sentinel
        self.tensors = []
        self.ops = []
        self.opcodes = []
        self.subgraphs = []  # subgraphs 1, 2, ... (Graph objects)
        self.index = 0
        self.root = self  # the model's subgraph 0, which holds the others
        self.inputs = self.outputs = None

    def subgraph(self):
        """A new subgraph of this model (the next index; any subgraph may
        ask, the model's subgraph 0 keeps the list)."""
        root = self.root
        sub = Graph()
        sub.buffers = root.buffers
        sub.opcodes = root.opcodes
        sub.root = root
        root.subgraphs.append(sub)
        sub.index = len(root.subgraphs)
        return sub

    def io(self, inputs, outputs):
        self.inputs, self.outputs = list(inputs), list(outputs)

    def _subgraph_t(self, inputs, outputs, name):
        sg = schema.SubGraphT()
        sg.tensors = self.tensors
        sg.inputs = list(inputs)
        sg.outputs = list(outputs)
        sg.operators = self.ops
        sg.name = name
        return sg

    def _tensor(self, name, shape, ttype, buffer, q):
        t = schema.TensorT()
        t.name = name
        t.shape = [int(d) for d in shape]
        t.type = ttype
        t.buffer = buffer
        t.quantization = q
        self.tensors.append(t)
        return len(self.tensors) - 1

    def tensor(self, name, shape, ttype, q=None):
        return self._tensor(name, shape, ttype, 0, q)

    def const(self, name, array, ttype, q=None):
        arr = np.ascontiguousarray(array, dtype=NP_OF_TT[ttype])
        b = _AlignedBufferT()
        b.data = arr.tobytes()
        self.buffers.append(b)
        return self._tensor(name, arr.shape, ttype, len(self.buffers) - 1, q)

    def const_int4(self, name, array, q=None):
        """Packed INT4 constant: values in [-8, 7], two per byte, element 2i in
        the low nibble of byte i (TFLite's dense int4 packing)."""
        arr = np.ascontiguousarray(array, dtype=np.int8)
        flat = arr.reshape(-1).astype(np.uint8) & 0x0F
        if len(flat) % 2:
            flat = np.concatenate([flat, np.zeros(1, np.uint8)])
        b = _AlignedBufferT()
        b.data = (flat[0::2] | (flat[1::2] << 4)).astype(np.uint8).tobytes()
        self.buffers.append(b)
        return self._tensor(name, arr.shape, TT.INT4, len(self.buffers) - 1, q)

    def op(self, code, inputs, outputs, opt_type=0, opt=None):
        if code not in self.opcodes:
            self.opcodes.append(code)
        o = schema.OperatorT()
        o.opcodeIndex = self.opcodes.index(code)
        o.inputs = list(inputs)
        o.outputs = list(outputs)
        o.builtinOptionsType = opt_type
        o.builtinOptions = opt
        self.ops.append(o)

    def custom_op(self, custom_code, inputs, outputs, options=None):
        """A CUSTOM operator (TFLite Micro's Signal library...): custom_code
        names it, options (a dict) become its FlexBuffer custom_options."""
        from flatbuffers import flexbuffers
        key = ("custom", custom_code)
        if key not in self.opcodes:
            self.opcodes.append(key)
        o = schema.OperatorT()
        o.opcodeIndex = self.opcodes.index(key)
        o.inputs = list(inputs)
        o.outputs = list(outputs)
        if options is not None:
            o.customOptions = list(flexbuffers.Dumps(options))
        self.ops.append(o)

    def finish(self, inputs, outputs):
        m = schema.ModelT()
        m.version = 3
        m.description = "mote test"
        m.subgraphs = [self._subgraph_t(inputs, outputs, "main")] + [
            sub._subgraph_t(sub.inputs or [], sub.outputs or [], "subgraph%d" % sub.index)
            for sub in self.subgraphs]
        m.buffers = self.buffers
        m.operatorCodes = []
        for code in self.opcodes:
            oc = schema.OperatorCodeT()
            if isinstance(code, tuple):  # ("custom", custom_code)
                oc.customCode = code[1]
                code = OP.CUSTOM
            oc.builtinCode = code
            oc.deprecatedBuiltinCode = min(code, 127)
            oc.version = 1
            m.operatorCodes.append(oc)
        builder = flatbuffers.Builder(0)
        builder.Finish(m.Pack(builder), b"TFL3")
        return bytes(builder.Output())
