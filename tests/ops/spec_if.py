"""IF: control flow / resource variables. Its models have several
subgraphs or carry state across invokes, so it is not drawn here: ops.def
gives it no element type, and tests/ops/test_control_flow.py (make
test-control-flow) runs it against TFLite Micro over several invokes."""

OPERATOR = "IF"
KERNELS = {}


def draw(rng, dtype):
    raise NotImplementedError("tests/ops/test_control_flow.py tests IF")


def edges(dtype):
    return []
