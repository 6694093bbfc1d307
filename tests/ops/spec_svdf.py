"""SVDF test spec: a stateful operator, run several invokes per case.

Each case runs one session 1-5 times (draws.Case.invokes): the activation
state is a variable tensor that carries over, so later invokes check the
state shift, and run_cases checks that mote_session_reset() gives the first
invoke's outputs again. int8: int8 input, weights_feature and output, int32
bias, int16 weights_time and state (and sometimes both int8, which TFLite
Micro also runs); the fused activation is drawn but ignored, as TFLite
Micro's integer kernel does. float32: every fused clamp, bias present or
omitted. Two edge cases give the state tensor a constant buffer as well,
which TFLite Micro ignores (the state starts at zero / its zero point). Random batches 1-3, input size 1-24, units 1-8, rank 1-3, memory
1-8.

Hybrid (variant "float32_hybrid", kernel SVDF_HYBRID): float32 input, state,
bias and output, int8 weights_feature and weights_time with per-tensor
scales, asymmetric_quantize_inputs both ways. TFLite Micro has no hybrid
SVDF, so the expected outputs are LiteRT's (gen_cases.py: a float variant,
compared within 1e-5 x max|expected|). Inputs come from
spec_hybrid.hybrid_input (magnitudes 1e-3 to 1e3, all-positive,
all-negative, all-zero and single-spike rows), a new draw every invoke.
Weights keep to the converter's [-127, 127] (spec_hybrid._weights: LiteRT's
SIMD dot products differ on -128).
"""

import math

import numpy as np

from draws import (Case, Invalid, common_desc, f32, log_uniform, rand_act, rand_float, rand_int8,
                   rand_weights_int8, rand_zp)
from tflite_builder import ACT_NAMES, OP, OPT, TT, Graph, quant, schema

OPERATOR = "SVDF"
KERNELS = {"int8": "SVDF_S8", "float32": "SVDF_F32"}
EXTRA_KERNELS = {"float32_hybrid": "SVDF_HYBRID"}


def _geometry(rng, big=False):
    return dict(batches=int(rng.integers(1, 4)),
                input_size=int(rng.integers(200, 400)) if big else int(rng.integers(1, 25)),
                units=int(rng.integers(1, 9)), rank=int(rng.integers(1, 4)),
                memory=int(rng.integers(1, 9)), invokes=int(rng.choice([1, 2, 3, 4, 5])))


def _options(rank, act):
    o = schema.SVDFOptionsT()
    o.rank = rank
    o.fusedActivationFunction = act
    return OPT.SVDFOptions, o


def _variable(g, name, shape, ttype, q=None, data=None):
    """A variable tensor; with data, one that also carries a constant buffer
    (TFLite Micro ignores it and starts from zero / the zero point: so must
    mote)."""
    if data is None:
        t = g.tensor(name, shape, ttype, q)
    else:
        t = g.const(name, np.resize(data, shape), ttype, q)
    g.tensors[t].isVariable = True
    return t


def _case_int8(rng, geo, state_type=TT.INT16, act=None, state_data=False, same=False):
    b, n_in, units, rank, mem, inv = (geo[k] for k in ("batches", "input_size", "units", "rank",
                                                        "memory", "invokes"))
    filters = units * rank
    act = rand_act(rng) if act is None else act
    in_s, in_zp = log_uniform(rng, -2.5, 0), rand_zp(rng)
    wf = rand_weights_int8(rng, (filters, n_in))
    wf_s = log_uniform(rng, -3, -1)
    x = np.stack([rand_int8(rng, (b, n_in)) for _ in range(inv)])
    if same:  # one input every invoke: only the state changes the outputs
        x[:] = x[0]
    # State scale: the typical feature dot product lands a few hundred to a
    # few thousand steps from zero (int16), or tens (int8).
    typical = math.sqrt(n_in) * (float(np.std(x.astype(np.float64))) + 1) * (
        float(np.std(wf.astype(np.float64))) + 0.5) * in_s * wf_s
    if state_type == TT.INT16:
        st_s = typical / rng.uniform(200, 8000)
        st_zp = 0
        mag = int(rng.choice([127, 1024, 8192, 32767]))
        wt = rng.integers(-mag, mag + 1, size=(filters, mem)).astype(np.int16)
        st_range = 3000.0
    else:
        st_s = typical / rng.uniform(10, 80)
        st_zp = rand_zp(rng)
        wt = rand_weights_int8(rng, (filters, mem))
        st_range = 40.0
    wt_s = log_uniform(rng, -4, -1)
    bias_s = float(np.float32(st_s) * np.float32(wt_s))
    sum_typ = math.sqrt(mem * rank) * st_range * (float(np.std(wt.astype(np.float64))) + 0.5)
    bias = rng.integers(-int(sum_typ), int(sum_typ) + 1, size=units).astype(np.int32)
    out_s = sum_typ * st_s * wt_s / rng.uniform(8, 80) * log_uniform(rng, -0.7, 0.7)
    out_zp = rand_zp(rng)
    g = Graph()
    ti = g.tensor("input", [b, n_in], TT.INT8, quant(in_s, in_zp))
    tf = g.const("weights_feature", wf, TT.INT8, quant(wf_s, 0))
    tt = g.const("weights_time", wt, state_type, quant(wt_s, 0))
    tb = g.const("bias", bias, TT.INT32, quant(bias_s, 0))
    ts = _variable(g, "state", [b, filters * mem], state_type, quant(st_s, st_zp),
                   np.arange(1, 40) * 97 % 251 - 125 if state_data else None)
    to = g.tensor("output", [b, units], TT.INT8, quant(out_s, out_zp))
    g.op(OP.SVDF, [ti, tf, tt, tb, ts], [to], *_options(rank, act))
    desc = common_desc(batches=b, input_size=n_in, units=units, rank=rank, memory=mem,
                       state="int16" if state_type == TT.INT16 else "int8", act=ACT_NAMES[act],
                       in_s=in_s, in_zp=in_zp, st_s=st_s, st_zp=st_zp, out_s=out_s, out_zp=out_zp,
                       same_input=same)
    return Case(g.finish([ti], [to]), [x] if inv > 1 else [x[0]], desc, invokes=inv)


def _case_f32(rng, geo, has_bias=None, act=None):
    b, n_in, units, rank, mem, inv = (geo[k] for k in ("batches", "input_size", "units", "rank",
                                                        "memory", "invokes"))
    filters = units * rank
    act = rand_act(rng) if act is None else act
    has_bias = bool(rng.random() < 0.75) if has_bias is None else has_bias
    g = Graph()
    ti = g.tensor("input", [b, n_in], TT.FLOAT32)
    tf = g.const("weights_feature", rand_float(rng, (filters, n_in), 1 / math.sqrt(n_in)),
                 TT.FLOAT32)
    tt = g.const("weights_time", rand_float(rng, (filters, mem), 0.5), TT.FLOAT32)
    tb = g.const("bias", rand_float(rng, (units,), 0.3), TT.FLOAT32) if has_bias else -1
    ts = _variable(g, "state", [b, filters * mem], TT.FLOAT32)
    to = g.tensor("output", [b, units], TT.FLOAT32)
    g.op(OP.SVDF, [ti, tf, tt, tb, ts], [to], *_options(rank, act))
    x = np.stack([rand_float(rng, (b, n_in)) for _ in range(inv)])
    desc = common_desc(batches=b, input_size=n_in, units=units, rank=rank, memory=mem,
                       bias=has_bias, act=ACT_NAMES[act])
    return Case(g.finish([ti], [to]), [x] if inv > 1 else [x[0]], desc, invokes=inv)


def _case_hybrid(rng, geo, asymmetric=None, has_bias=None, act=None, kind=None):
    import spec_hybrid
    b, n_in, units, rank, mem, inv = (geo[k] for k in ("batches", "input_size", "units", "rank",
                                                        "memory", "invokes"))
    filters = units * rank
    act = rand_act(rng) if act is None else act
    has_bias = bool(rng.random() < 0.75) if has_bias is None else has_bias
    asymmetric = bool(rng.random() < 0.5) if asymmetric is None else asymmetric
    wf_s = f32(log_uniform(rng, -3, -1))
    wt_s = f32(log_uniform(rng, -3, -1))
    g = Graph()
    ti = g.tensor("input", [b, n_in], TT.FLOAT32)
    tf = g.const("weights_feature", spec_hybrid._weights(rng, (filters, n_in), allow_min=False),
                 TT.INT8, quant(wf_s, 0))
    tt = g.const("weights_time", spec_hybrid._weights(rng, (filters, mem), allow_min=False),
                 TT.INT8, quant(wt_s, 0))
    tb = g.const("bias", rand_float(rng, (units,), 0.3), TT.FLOAT32) if has_bias else -1
    ts = _variable(g, "state", [b, filters * mem], TT.FLOAT32)
    to = g.tensor("output", [b, units], TT.FLOAT32)
    opt_t, o = _options(rank, act)
    o.asymmetricQuantizeInputs = asymmetric
    g.op(OP.SVDF, [ti, tf, tt, tb, ts], [to], opt_t, o)
    xs, kinds = [], []
    for _ in range(inv):
        x, k = spec_hybrid.hybrid_input(rng, (b, n_in))
        if kind == "zero":
            x = np.zeros_like(x)
        xs.append(x)
        kinds.append(k if kind is None else kind)
    x = np.stack(xs)
    desc = common_desc(batches=b, input_size=n_in, units=units, rank=rank, memory=mem,
                       bias=has_bias, act=ACT_NAMES[act], hybrid=True, asymmetric=asymmetric,
                       inputs="/".join(kinds), wf_s=wf_s, wt_s=wt_s)
    return Case(g.finish([ti], [to]), [x] if inv > 1 else [x[0]], desc, invokes=inv)


def draw(rng, dtype):
    geo = _geometry(rng)
    if dtype == "float32_hybrid":
        return _case_hybrid(rng, geo)
    if dtype == "int8":
        return _case_int8(rng, geo, TT.INT8 if rng.random() < 0.15 else TT.INT16)
    if dtype == "float32":
        return _case_f32(rng, geo)
    raise Invalid(dtype)


def _fixed(rng, **kw):
    geo = _geometry(rng)
    geo.update(kw)
    return geo


def edges(dtype):
    if dtype == "float32_hybrid":
        return [
            lambda r: _case_hybrid(r, _fixed(r, rank=1, memory=1, invokes=3), False, False),
            lambda r: _case_hybrid(r, _fixed(r, rank=1, memory=1, invokes=3), True, False),
            lambda r: _case_hybrid(r, _fixed(r, batches=3, rank=3, memory=8, invokes=5), True),
            lambda r: _case_hybrid(r, _fixed(r, batches=3, rank=3, memory=8, invokes=5), False),
            lambda r: _case_hybrid(r, _geometry(r, big=True) | {"invokes": 4}, True, True),
            lambda r: _case_hybrid(r, _geometry(r, big=True) | {"invokes": 4}, False, True),
            lambda r: _case_hybrid(r, _fixed(r, invokes=3), True, kind="zero"),
            lambda r: _case_hybrid(r, _fixed(r, units=1, rank=1, input_size=1, invokes=2), True),
        ]
    if dtype == "int8":
        return [
            lambda r: _case_int8(r, _fixed(r, rank=1, memory=1, invokes=3)),
            lambda r: _case_int8(r, _fixed(r, batches=3, rank=3, memory=8, invokes=5)),
            lambda r: _case_int8(r, _geometry(r, big=True) | {"invokes": 4}),
            lambda r: _case_int8(r, _fixed(r, invokes=5), TT.INT8),
            lambda r: _case_int8(r, _fixed(r, units=1, rank=1, invokes=1)),
            lambda r: _case_int8(r, _fixed(r, invokes=3), state_data=True),
            lambda r: _case_int8(r, _fixed(r, invokes=3), TT.INT8, state_data=True),
            lambda r: _case_int8(r, _fixed(r, memory=4, invokes=4), same=True),
        ]
    return [
        lambda r: _case_f32(r, _fixed(r, rank=1, memory=1, invokes=3), has_bias=False),
        lambda r: _case_f32(r, _fixed(r, batches=3, rank=3, memory=8, invokes=5)),
        lambda r: _case_f32(r, _geometry(r, big=True) | {"invokes": 4}, has_bias=True),
    ]
