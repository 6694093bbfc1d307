#!/usr/bin/env python3
"""Write the hostile-model corpus for the reader test.

Usage: .venv/bin/python tests/reader/make_hostile.py tests/data/hostile

Every file starts from one small valid model (a single int8 CONV_2D, built with
the TFLite schema's generated object API) and breaks exactly one thing, either
in the object model before packing or by patching the packed bytes. The
manifest MANIFEST.tsv lists: file, the one status the reader must return, and
what the file tests. Files are a few hundred bytes each.
"""
import copy
import os
import struct
import sys

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as schema

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from status_names import require as status  # noqa: E402  (names from include/mote/status.h)

CONV_2D = 3
POOL_OPTIONS = 5
CONV_OPTIONS = 1
INT8, INT32, FLOAT32 = 9, 2, 0


def tensor(name, shape, ttype, buffer=0, scales=None, zero_points=None, qdim=0):
    t = schema.TensorT()
    t.name = name
    t.shape = list(shape)
    t.type = ttype
    t.buffer = buffer
    if scales is not None:
        q = schema.QuantizationParametersT()
        q.scale = list(scales)
        q.zeroPoint = list(zero_points if zero_points is not None else [0] * len(scales))
        q.quantizedDimension = qdim
        t.quantization = q
    return t


def base_model():
    """input [1,4,4,2] -> CONV_2D(filter [3,1,1,2] per-channel, bias [3]) -> [1,4,4,3]."""
    m = schema.ModelT()
    m.version = 3
    oc = schema.OperatorCodeT()
    oc.deprecatedBuiltinCode = CONV_2D
    oc.builtinCode = CONV_2D
    oc.version = 3
    m.operatorCodes = [oc]
    buffers = []
    for data in (None, bytes(range(6)), struct.pack('<3i', 10, -20, 30)):
        b = schema.BufferT()
        b.data = None if data is None else np.frombuffer(data, dtype=np.uint8).copy()
        buffers.append(b)
    m.buffers = buffers
    sg = schema.SubGraphT()
    sg.tensors = [
        tensor('input', [1, 4, 4, 2], INT8, 0, [0.5], [-3]),
        tensor('filter', [3, 1, 1, 2], INT8, 1, [0.1, 0.2, 0.3], [0, 0, 0], 0),
        tensor('bias', [3], INT32, 2, [0.05, 0.1, 0.15], [0, 0, 0], 0),
        tensor('output', [1, 4, 4, 3], INT8, 0, [0.25], [7]),
    ]
    sg.inputs = [0]
    sg.outputs = [3]
    op = schema.OperatorT()
    op.opcodeIndex = 0
    op.inputs = [0, 1, 2]
    op.outputs = [3]
    op.builtinOptionsType = CONV_OPTIONS
    opts = schema.Conv2DOptionsT()
    opts.padding = 0
    opts.strideW = 1
    opts.strideH = 1
    opts.fusedActivationFunction = 1
    op.builtinOptions = opts
    sg.operators = [op]
    sg.name = 'main'
    m.subgraphs = [sg]
    m.description = 'mote hostile-input base model'
    return m


def pack(m):
    b = flatbuffers.Builder(1024)
    b.Finish(m.Pack(b), file_identifier=b'TFL3')
    return bytearray(b.Output())


def root(data):
    return schema.Model.GetRootAs(bytes(data), 0)


def tensor_table(data, i):
    return root(data).Subgraphs(0).Tensors(i)._tab


def vector_pos(tab, field):
    """Position of the length word of vector field `field` of a table."""
    o = tab.Offset(4 + 2 * field)
    assert o != 0
    return tab.Vector(o) - 4


def u32(data, pos, value):
    struct.pack_into('<I', data, pos, value & 0xffffffff)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else 'tests/data/hostile'
    os.makedirs(out_dir, exist_ok=True)
    manifest = []

    def emit(name, expect, why, data):
        with open(os.path.join(out_dir, name), 'wb') as f:
            f.write(bytes(data))
        manifest.append((name, status(expect), why))

    def variant(edit):
        m = base_model()
        edit(m)
        return pack(m)

    good = pack(base_model())
    emit('ok_base.tflite', 'MOTE_OK', 'the valid base model every other file breaks', good)

    def with_signature(m):
        m.subgraphs[0].tensors[0].shapeSignature = [-1, 4, 4, 2]
    emit('ok_shape_signature.tflite', 'MOTE_OK',
         'shape_signature with -1 (batch) is ignored, as in every MLPerf model',
         variant(with_signature))

    def deprecated_only(m):
        m.operatorCodes[0].builtinCode = 0
    emit('ok_deprecated_code.tflite', 'MOTE_OK',
         'op code only in deprecated_builtin_code (older writers)', variant(deprecated_only))

    def no_options(m):
        m.subgraphs[0].operators[0].builtinOptionsType = 0
        m.subgraphs[0].operators[0].builtinOptions = None
    emit('ok_no_options.tflite', 'MOTE_OK', 'options omitted: schema defaults apply',
         variant(no_options))

    # Buffer data placed after the flatbuffer, located by offset/size.
    placeholder = 0x1122334455667788
    def external(m):
        m.buffers[1].data = None
        m.buffers[1].offset = placeholder
        m.buffers[1].size = 6
    data = variant(external)
    at = data.find(struct.pack('<Q', placeholder))
    tail = (len(data) + 15) // 16 * 16
    struct.pack_into('<Q', data, at, tail)
    data += bytes(tail - len(data)) + bytes(range(6))
    emit('ok_buffer_offset.tflite', 'MOTE_OK', 'buffer data after the flatbuffer (offset/size)',
         data)
    bad = bytearray(data)
    struct.pack_into('<Q', bad, at, len(bad) + 64)
    emit('buffer_offset_oob.tflite', 'MOTE_E_OFFSET', 'buffer offset past the end of the file',
         bad)
    emit('buffer_offset_short.tflite', 'MOTE_E_TRUNCATED',
         'buffer offset/size runs past the end of the file', data[:-2])

    # --- header ---------------------------------------------------------
    emit('empty.tflite', 'MOTE_E_TRUNCATED', 'zero-byte file', b'')
    emit('truncated_header.tflite', 'MOTE_E_TRUNCATED', 'file shorter than the 8-byte header',
         good[:6])
    bad = bytearray(good)
    bad[4:8] = b'TFL2'
    emit('wrong_identifier.tflite', 'MOTE_E_IDENTIFIER', 'identifier TFL2 instead of TFL3', bad)
    bad = bytearray(good)
    u32(bad, 0, len(bad) + 100)
    emit('root_offset_oob.tflite', 'MOTE_E_OFFSET', 'root table offset past the end', bad)
    emit('truncated_half.tflite', 'MOTE_E_OFFSET',
         'file cut in half: a reference now points past the end', good[:len(good) // 2])
    emit('truncated_tail.tflite', 'MOTE_E_TRUNCATED',
         'last 3 bytes cut: the last object runs past the end', good[:-3])

    # --- tables and vtables ---------------------------------------------
    model_pos = struct.unpack_from('<I', good, 0)[0]
    bad = bytearray(good)
    struct.pack_into('<i', bad, model_pos, model_pos + 1000)
    emit('vtable_oob.tflite', 'MOTE_E_OFFSET', 'root table soffset puts its vtable before byte 0',
         bad)
    vt = model_pos - struct.unpack_from('<i', good, model_pos)[0]
    bad = bytearray(good)
    struct.pack_into('<H', bad, vt, 5)
    emit('vtable_odd_size.tflite', 'MOTE_E_OFFSET', 'vtable size odd (5)', bad)
    bad = bytearray(good)
    table_size = struct.unpack_from('<H', good, vt + 2)[0]
    struct.pack_into('<H', bad, vt + 4 + 2 * 2, table_size + 8)   # Model.subgraphs field
    emit('field_outside_table.tflite', 'MOTE_E_OFFSET',
         'a vtable entry puts a field past the table inline size', bad)
    bad = bytearray(good)
    tab = tensor_table(good, 3)
    u32(bad, tab.Pos + tab.Offset(4), 0x7ffffff0)                # shape offset field
    emit('field_offset_oob.tflite', 'MOTE_E_OFFSET', 'a vector offset points past the end', bad)

    # --- vectors and strings ---------------------------------------------
    bad = bytearray(good)
    u32(bad, vector_pos(tensor_table(good, 3), 0), 0x40000001)
    emit('vector_len_overflow.tflite', 'MOTE_E_OVERFLOW',
         'shape vector length 0x40000001 x 4 bytes overflows 32 bits', bad)
    bad = bytearray(good)
    u32(bad, vector_pos(root(good).Subgraphs(0)._tab, 0), 0x01000000)
    emit('vector_len_huge.tflite', 'MOTE_E_TRUNCATED',
         'tensor vector claims 16M elements, file is tiny', bad)
    bad = bytearray(good)
    name_at = bad.find(b'output\0')
    bad[name_at + 6] = ord('X')
    emit('string_no_nul.tflite', 'MOTE_E_OFFSET', 'tensor name string without its NUL', bad)

    # --- subgraphs ---------------------------------------------------------
    def two_subgraphs(m):
        m.subgraphs.append(copy.deepcopy(m.subgraphs[0]))
    emit('two_subgraphs.tflite', 'MOTE_OK',
         'two subgraphs, the second called by no operator: verified, not run (as TFLM)',
         variant(two_subgraphs))

    def second_subgraph_index_oob(m):
        sg = copy.deepcopy(m.subgraphs[0])
        sg.operators[0].inputs[0] = len(sg.tensors)
        m.subgraphs.append(sg)
    emit('subgraph1_tensor_index_oob.tflite', 'MOTE_E_INDEX',
         'operator input out of range in subgraph 1 (every subgraph is verified)',
         variant(second_subgraph_index_oob))

    def second_subgraph_bad_type(m):
        sg = copy.deepcopy(m.subgraphs[0])
        sg.tensors[0].type = 99
        m.subgraphs.append(sg)
    emit('subgraph1_bad_tensor_type.tflite', 'MOTE_E_ENUM', 'tensor type 99 in subgraph 1',
         variant(second_subgraph_bad_type))

    def zero_subgraphs(m):
        m.subgraphs = []
    emit('zero_subgraphs.tflite', 'MOTE_E_SUBGRAPHS', 'subgraph vector empty',
         variant(zero_subgraphs))

    def no_subgraphs(m):
        m.subgraphs = None
    emit('no_subgraphs.tflite', 'MOTE_E_SUBGRAPHS', 'subgraph vector absent',
         variant(no_subgraphs))

    # --- indices ------------------------------------------------------------
    def opcode_oob(m):
        m.subgraphs[0].operators[0].opcodeIndex = 5
    emit('opcode_index_oob.tflite', 'MOTE_E_INDEX', 'operator opcode_index 5 of 1',
         variant(opcode_oob))

    def input_oob(m):
        m.subgraphs[0].operators[0].inputs = [0, 977, 2]
    emit('tensor_index_oob.tflite', 'MOTE_E_INDEX', 'operator input 977 of 4 tensors',
         variant(input_oob))

    def input_neg(m):
        m.subgraphs[0].operators[0].inputs = [0, 1, -2]
    emit('tensor_index_neg.tflite', 'MOTE_E_INDEX', 'operator input -2',
         variant(input_neg))

    def optional_input(m):
        m.subgraphs[0].operators[0].inputs = [0, 1, -1]
    emit('ok_optional_input.tflite', 'MOTE_OK', 'operator input -1 (omitted optional bias)',
         variant(optional_input))

    def output_omitted(m):
        m.subgraphs[0].operators[0].outputs = [-1]
    emit('output_minus_one.tflite', 'MOTE_E_INDEX', 'operator output -1',
         variant(output_omitted))

    def sg_input_oob(m):
        m.subgraphs[0].inputs = [4]
    emit('subgraph_input_oob.tflite', 'MOTE_E_INDEX', 'subgraph input 4 of 4 tensors',
         variant(sg_input_oob))

    def sg_output_neg(m):
        m.subgraphs[0].outputs = [-1]
    emit('subgraph_output_neg.tflite', 'MOTE_E_INDEX', 'subgraph output -1',
         variant(sg_output_neg))

    def buffer_oob(m):
        m.subgraphs[0].tensors[1].buffer = 42
    emit('buffer_index_oob.tflite', 'MOTE_E_INDEX', 'tensor buffer 42 of 3', variant(buffer_oob))

    # --- enums ----------------------------------------------------------------
    def bad_type(m):
        m.subgraphs[0].tensors[3].type = 99
    emit('bad_tensor_type.tflite', 'MOTE_E_ENUM', 'tensor type 99', variant(bad_type))

    def neg_type(m):
        m.subgraphs[0].tensors[3].type = -3
    emit('bad_tensor_type_neg.tflite', 'MOTE_E_ENUM', 'tensor type -3', variant(neg_type))

    def bad_code(m):
        m.operatorCodes[0].builtinCode = 400
    emit('bad_op_code.tflite', 'MOTE_E_ENUM', 'builtin_code 400', variant(bad_code))

    def bad_deprecated(m):
        m.operatorCodes[0].deprecatedBuiltinCode = -5
    emit('bad_op_code_deprecated.tflite', 'MOTE_E_ENUM', 'deprecated_builtin_code -5',
         variant(bad_deprecated))

    def bad_options(m):
        m.subgraphs[0].operators[0].builtinOptionsType = 200
    emit('bad_options_type.tflite', 'MOTE_E_ENUM', 'builtin_options_type 200',
         variant(bad_options))

    def wrong_options(m):
        op = m.subgraphs[0].operators[0]
        op.builtinOptionsType = POOL_OPTIONS
        op.builtinOptions = schema.Pool2DOptionsT()
    emit('options_mismatch.tflite', 'MOTE_E_PARAM', 'CONV_2D carrying Pool2DOptions',
         variant(wrong_options))

    def bad_padding(m):
        m.subgraphs[0].operators[0].builtinOptions.padding = 7
    emit('bad_padding.tflite', 'MOTE_E_ENUM', 'Conv2DOptions padding 7', variant(bad_padding))

    def bad_activation(m):
        m.subgraphs[0].operators[0].builtinOptions.fusedActivationFunction = 9
    emit('bad_activation.tflite', 'MOTE_E_ENUM', 'fused activation 9', variant(bad_activation))

    # --- shapes -----------------------------------------------------------------
    def negative_dim(m):
        m.subgraphs[0].tensors[3].shape = [1, -1, 4, 3]
    emit('negative_dim.tflite', 'MOTE_E_DYNAMIC', 'shape [1,-1,4,3]', variant(negative_dim))

    def rank9(m):
        m.subgraphs[0].tensors[3].shape = [1] * 9
    emit('rank9.tflite', 'MOTE_E_LIMIT', 'rank 9 > MOTE_MAX_RANK', variant(rank9))

    def overflow32(m):
        m.subgraphs[0].tensors[3].shape = [1, 65536, 65536, 3]
    emit('shape_overflow32.tflite', 'MOTE_E_OVERFLOW',
         'shape [1,65536,65536,3] INT8: 12 GiB, past 32 bits', variant(overflow32))

    def overflow64(m):
        t = m.subgraphs[0].tensors[3]
        t.shape = [2147483647] * 4
        t.type = FLOAT32
        t.quantization = None
    emit('shape_overflow64.tflite', 'MOTE_E_OVERFLOW',
         'shape [2^31-1 x4] FLOAT32: past 64 bits', variant(overflow64))

    def zero_dim_huge(m):
        m.subgraphs[0].tensors[3].shape = [0, 2147483647, 2147483647, 3]
    emit('ok_zero_dim.tflite', 'MOTE_OK', 'a 0 dimension makes an empty tensor, not an overflow',
         variant(zero_dim_huge))

    def short_buffer(m):
        m.buffers[1].data = m.buffers[1].data[:5]
    emit('buffer_short.tflite', 'MOTE_E_SHAPE', 'filter buffer 5 bytes, shape needs 6',
         variant(short_buffer))

    def long_buffer(m):
        m.buffers[2].data = np.concatenate([m.buffers[2].data, np.zeros(4, np.uint8)])
    emit('buffer_long.tflite', 'MOTE_E_SHAPE', 'bias buffer 16 bytes, shape needs 12',
         variant(long_buffer))

    # --- quantization ---------------------------------------------------------
    def axis_count(m):
        m.subgraphs[0].tensors[1].quantization.scale = [0.1, 0.2]
        m.subgraphs[0].tensors[1].quantization.zeroPoint = [0, 0]
    emit('quant_axis_count.tflite', 'MOTE_E_QUANT',
         '2 per-axis scales for dimension 0 of size 3', variant(axis_count))

    def axis_dim(m):
        m.subgraphs[0].tensors[1].quantization.quantizedDimension = 4
    emit('quant_axis_dim.tflite', 'MOTE_E_QUANT', 'quantized_dimension 4 of a rank-4 tensor',
         variant(axis_dim))

    def zp_count(m):
        m.subgraphs[0].tensors[1].quantization.zeroPoint = [0, 0]
    emit('quant_zero_points.tflite', 'MOTE_E_QUANT', '3 scales, 2 zero points',
         variant(zp_count))

    def custom_quant(m):
        q = m.subgraphs[0].tensors[0].quantization
        q.detailsType = 1
        c = schema.CustomQuantizationT()
        c.custom = [1, 2, 3]
        q.details = c
    emit('quant_custom.tflite', 'MOTE_E_QUANT', 'custom quantization details',
         variant(custom_quant))

    # --- unsupported encodings ----------------------------------------------------
    def sparse(m):
        sp = schema.SparsityParametersT()
        sp.traversalOrder = [0, 1, 2, 3]
        m.subgraphs[0].tensors[1].sparsity = sp
    emit('sparse_tensor.tflite', 'MOTE_E_UNSUPPORTED_TYPE', 'filter with sparsity parameters',
         variant(sparse))

    def external_buffer(m):
        m.subgraphs[0].tensors[1].externalBuffer = 3
    emit('external_buffer.tflite', 'MOTE_E_UNSUPPORTED_TYPE',
         'tensor data in an external file', variant(external_buffer))

    with open(os.path.join(out_dir, 'MANIFEST.tsv'), 'w') as f:
        f.write('# file\texpected status\twhat it tests '
                '(written by tests/reader/make_hostile.py)\n')
        for row in manifest:
            f.write('\t'.join(row) + '\n')


if __name__ == '__main__':
    main()
