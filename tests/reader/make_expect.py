#!/usr/bin/env python3
"""Write what the reader must see in each model, decoded by an independent
parser (the flatbuffers object API generated from the TFLite schema, shipped in
ai-edge-litert), as a TSV the C test compares against line by line.

Usage: make_expect.py MODEL.tflite... > tests/data/reader/expect.tsv

Lines (tab-separated):
  model  NAME  FILE_BYTES  N_TENSORS  N_OPS  N_OPCODES  N_BUFFERS  INPUTS  OUTPUTS
  tensor NAME  I  TYPE  DIMS  DATA_BYTES  N_SCALES  N_ZERO_POINTS  SCALE0_BITS  ZP0  QDIM
  op     NAME  I  CODE  VERSION  INPUTS  OUTPUTS  OPTIONS_TYPE  OPTIONS
Lists are comma-separated ("-" when empty); SCALE0_BITS is the float32 bit
pattern in hex, so the comparison is exact. OPTIONS holds the decoded fields
in the order of the mote_graph_*_opts struct (softmax beta as float32 bits).
"""
import os
import struct
import sys

from ai_edge_litert import schema_py_generated as schema

CONV, DW, FC, AVG, MAXP, ADD, SOFTMAX = 3, 4, 9, 1, 17, 0, 25


def lst(xs):
    xs = [] if xs is None else [int(x) for x in xs]
    return ','.join(str(x) for x in xs) if xs else '-'


def f32_bits(x):
    return '%08x' % struct.unpack('<I', struct.pack('<f', float(x)))[0]


def qdim(t, q, scales):
    """quantized_dimension as the reader reports it: a per-axis rank-1 tensor
    (a bias) is quantized along its only dimension, whatever the file says
    (person_detect's biases say 3, copied from their filters)."""
    if q is None:
        return 0
    if len(scales) > 1 and len(t.shape) == 1 and t.shape[0] == len(scales):
        return 0
    return q.quantizedDimension


def options(code, o):
    """Decoded options as the reader must give them, schema defaults included."""
    if code in (CONV, DW):
        if o is None:
            return [0, 0, 0, 1, 1, 0, 0]
        dm = o.depthMultiplier if code == DW else 0
        return [o.padding, o.strideW, o.strideH, o.dilationWFactor, o.dilationHFactor, dm,
                o.fusedActivationFunction]
    if code == FC:
        return [0, 0, 0] if o is None else [o.fusedActivationFunction, o.weightsFormat,
                                            int(bool(o.keepNumDims))]
    if code in (AVG, MAXP):
        return [0] * 6 if o is None else [o.padding, o.strideW, o.strideH, o.filterWidth,
                                          o.filterHeight, o.fusedActivationFunction]
    if code == ADD:
        return [0] if o is None else [o.fusedActivationFunction]
    if code == SOFTMAX:
        return [f32_bits(0.0 if o is None else o.beta)]
    return []


def main():
    for path in sys.argv[1:]:
        data = open(path, 'rb').read()
        name = os.path.basename(path)
        m = schema.ModelT.InitFromPackedBuf(data, 0)
        sg = m.subgraphs[0]
        print('\t'.join(str(x) for x in [
            'model', name, len(data), len(sg.tensors), len(sg.operators),
            len(m.operatorCodes), len(m.buffers), lst(sg.inputs), lst(sg.outputs)]))
        for i, t in enumerate(sg.tensors):
            buf = m.buffers[t.buffer]
            nbytes = 0 if buf.data is None else len(buf.data)
            q = t.quantization
            scales = [] if q is None or q.scale is None else list(q.scale)
            zps = [] if q is None or q.zeroPoint is None else list(q.zeroPoint)
            print('\t'.join(str(x) for x in [
                'tensor', name, i, t.type, lst(t.shape), nbytes, len(scales), len(zps),
                f32_bits(scales[0]) if scales else '-', int(zps[0]) if zps else 0,
                qdim(t, q, scales)]))
        for i, op in enumerate(sg.operators):
            oc = m.operatorCodes[op.opcodeIndex]
            code = max(oc.builtinCode, oc.deprecatedBuiltinCode)
            print('\t'.join(str(x) for x in [
                'op', name, i, code, oc.version, lst(op.inputs), lst(op.outputs),
                op.builtinOptionsType, lst(options(code, op.builtinOptions)) if code != SOFTMAX
                else options(code, op.builtinOptions)[0]]))


if __name__ == '__main__':
    main()
