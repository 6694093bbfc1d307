"""BATCH_MATMUL test spec: lhs and rhs of rank 2-5 with broadcast batch
dimensions (either side 1), adj_x / adj_y, rhs sometimes constant (and now
and then lhs); int8 with any zero points, int16 with zero points 0, float32.
Edge cases: depth 1, long depths, extreme values and zero points, output
scales that saturate or shift left."""

import numpy as np

from draws import Case, common_desc, log_uniform, rand_zp
from spec_reduce import rand_input
from tflite_builder import OP, OPT, TT, Graph, quant, schema

OPERATOR = "BATCH_MATMUL"
KERNELS = {"int8": "BATCH_MATMUL_S8", "int16": "BATCH_MATMUL_S16",
           "float32": "BATCH_MATMUL_F32"}
# Hybrid (float lhs, constant int8 rhs): spec_hybrid.py, against LiteRT.
EXTRA_KERNELS = {"float32_hybrid": "BATCH_MATMUL_HYBRID"}
TT_OF = {"int8": TT.INT8, "int16": TT.INT16, "float32": TT.FLOAT32}


def _stored(shape2, adj):
    return [shape2[1], shape2[0]] if adj else shape2


def _build(dtype, lb, rb, rows, depth, cols, adj_x, adj_y, ql, qr, qo, const, rng):
    lshape = lb + _stored([rows, depth], adj_x)
    rshape = rb + _stored([depth, cols], adj_y)
    n = max(len(lb), len(rb))
    lbp = [1] * (n - len(lb)) + lb
    rbp = [1] * (n - len(rb)) + rb
    ob = [a if b == 1 else b for a, b in zip(lbp, rbp)]
    x = rand_input(rng, dtype, lshape)
    y = rand_input(rng, dtype, rshape)
    if callable(qo):  # an output scale fitted to the actual products
        xl = x.astype(np.float64) - ql[1]
        yr = y.astype(np.float64) - qr[1]
        if adj_x:
            xl = np.swapaxes(xl, -1, -2)
        if adj_y:
            yr = np.swapaxes(yr, -1, -2)
        peak = float(np.max(np.abs(np.matmul(xl, yr)))) * ql[0] * qr[0] or ql[0] * qr[0]
        qo = qo(peak)
    g = Graph()
    tt = TT_OF[dtype]
    q = (lambda s: None if s is None else quant(*s))
    tl = g.const("lhs", x, tt, q(ql)) if const == "lhs" else g.tensor("lhs", lshape, tt, q(ql))
    tr = g.const("rhs", y, tt, q(qr)) if const == "rhs" else g.tensor("rhs", rshape, tt, q(qr))
    to = g.tensor("output", ob + [rows, cols], tt, q(qo))
    o = schema.BatchMatMulOptionsT()
    o.adjX, o.adjY = bool(adj_x), bool(adj_y)
    g.op(OP.BATCH_MATMUL, [tl, tr], [to], OPT.BatchMatMulOptions, o)
    ins = [t for t, k in ((tl, "lhs"), (tr, "rhs")) if k != const]
    data = [d for d, k in ((x, "lhs"), (y, "rhs")) if k != const]
    d = common_desc(lhs=lshape, rhs=rshape, adj_x=int(adj_x), adj_y=int(adj_y), const=const)
    if ql is not None:
        d += " " + common_desc(lq=list(ql), rq=list(qr), oq=list(qo))
    return Case(g.finish(ins, [to]), data, d)


def _quant(rng, dtype, wild=False):
    """Input quantizations and a function of the largest real output giving
    the output quantization: spread over most of the type, or (wild) up to
    three decades either way."""
    if dtype == "float32":
        return None, None, None
    if dtype == "int8":
        ql = (float(np.float32(log_uniform(rng, -3, 0))), rand_zp(rng))
        qr = (float(np.float32(log_uniform(rng, -3, 0))), rand_zp(rng))
        qmax, zo = 127, rand_zp(rng)
    else:
        ql = (float(np.float32(log_uniform(rng, -5, -2))), 0)
        qr = (float(np.float32(log_uniform(rng, -5, -2))), 0)
        qmax, zo = 32767, 0
    f = log_uniform(rng, -3, 3) if wild else rng.uniform(0.4, 1.3)
    return ql, qr, lambda peak: (float(np.float32(peak / (max(qmax - abs(zo), 32) * f))), zo)


def _batches(rng):
    nb = int(rng.integers(0, 4))
    full = [int(rng.integers(1, 4)) for _ in range(nb)]
    lb, rb = list(full), list(full)
    for i in range(nb):
        r = rng.random()
        if r < 0.2:
            lb[i] = 1
        elif r < 0.4:
            rb[i] = 1
    # Drop leading batch dims from one side (rank broadcasting).
    if nb and rng.random() < 0.3:
        cut = int(rng.integers(1, nb + 1))
        if rng.random() < 0.5:
            lb = lb[cut:]
        else:
            rb = rb[cut:]
    return lb, rb


def draw(rng, dtype):
    if dtype == "float32_hybrid":
        import spec_hybrid
        return spec_hybrid.draw_bmm(rng)
    lb, rb = _batches(rng)
    rows, cols = int(rng.integers(1, 9)), int(rng.integers(1, 9))
    depth = int(rng.integers(1, 40)) if rng.random() < 0.8 else int(rng.integers(40, 300))
    adj_x, adj_y = bool(rng.random() < 0.4), bool(rng.random() < 0.4)
    r = rng.random()
    const = "rhs" if r < 0.3 else ("lhs" if r < 0.4 else None)
    ql, qr, qo = _quant(rng, dtype, rng.random() < 0.1)
    return _build(dtype, lb, rb, rows, depth, cols, adj_x, adj_y, ql, qr, qo, const, rng)


def edges(dtype):
    if dtype == "float32_hybrid":
        import spec_hybrid
        return spec_hybrid.edges_bmm()
    pts = [([], [], 1, 1, 1, 0, 0), ([2], [2], 3, 1, 4, 1, 0), ([1, 3], [2, 1], 2, 5, 3, 0, 1),
           ([2, 1, 2], [3, 1], 2, 4, 2, 1, 1), ([], [3, 2], 4, 6, 2, 0, 0),
           ([1], [], 5, 200, 3, 0, 1), ([2, 2], [2, 2], 1, 17, 1, 1, 0)]
    out = []
    for lb, rb, rows, depth, cols, ax, ay in pts:
        out.append(lambda rng, p=(lb, rb, rows, depth, cols, ax, ay): _build(
            dtype, p[0], p[1], p[2], p[3], p[4], p[5], p[6], *_quant(rng, dtype),
            "rhs" if p[2] > 3 else None, rng))
    if dtype == "int8":
        for zl, zr in ((-128, -128), (127, 127), (-128, 127)):
            out.append(lambda rng, zl=zl, zr=zr: _build(
                dtype, [2], [], 3, 64, 4, 0, 0, (0.02, zl), (0.03, zr),
                (0.02 * 0.03 * 2000.0, int(rng.integers(-128, 128))), None, rng))
        out.append(lambda rng: _build(dtype, [], [], 2, 8, 2, 0, 0, (0.5, 0), (0.5, 0),
                                      (0.5 * 0.5 / 50.0, 0), None, rng))  # shift left
    if dtype == "int16":
        out.append(lambda rng: _build(dtype, [], [], 2, 300, 2, 0, 1, (1e-4, 0), (1e-4, 0),
                                      (1e-4 * 1e-4 * 5e6, 0), None, rng))
    return out
