"""Write tests/data/order/: the reordered model test-mcu runs on every core
(test_order.py's four_branches: four widen-then-narrow branches summed by
ADDs, 11 operators the planner runs in another order, with a band chain),
one random input and TensorFlow Lite Micro's output for it.

usage: make_order_data.py [OUT_DIR]   (default tests/data/order)
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "ops"))
sys.path.insert(0, HERE)
import test_order  # noqa: E402  (seeds its generator on import)
import oracle  # noqa: E402


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "data", "order")
    os.makedirs(out, exist_ok=True)
    model = test_order.four_branches()[0]
    x = np.random.default_rng(12).integers(-128, 128, size=(1, test_order.H, test_order.W,
                                                            test_order.C)).astype(np.int8)
    y = oracle.run_tflm(model, [x], 1)[0].astype(np.int8)
    with open(os.path.join(out, "order_branches.tflite"), "wb") as f:
        f.write(model)
    x.tofile(os.path.join(out, "in_0.bin"))
    y.tofile(os.path.join(out, "out_0.bin"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
