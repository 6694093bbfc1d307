"""Build the model zoo: models/zoo/*.tflite, made with TensorFlow's converter.

usage: .venv-zoo/bin/python tools/zoo/make_zoo.py [--out models/zoo] [--only NAME ...]
       (or `make zoo`, which creates .venv-zoo with tensorflow, numpy and tf_keras)

Every model is built here from scratch with Keras (tf_keras, Keras 2, whose LSTM
layer converts to the fused UNIDIRECTIONAL_SEQUENCE_LSTM) or a tf.Module, with
random weights drawn from fixed seeds: nothing is trained and no pretrained
weight is downloaded. Each model is converted by tf.lite.TFLiteConverter:

  float  plain conversion (float32 in, out and weights)
  int8   full-integer post-training quantization, TFLITE_BUILTINS_INT8,
         int8 inputs and outputs
  16x8   EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8,
         int16 inputs and outputs

The representative datasets come from numpy generators with fixed seeds
(REP_SAMPLES samples each, drawn as the model's input would be). Conversions
the converter itself refuses are listed in models/zoo/MANIFEST.txt with its
message, as are the sizes and operators of every file written.
"""
import argparse
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402

REP_SAMPLES = 32
SEED = 20261201

# ---- weights ---------------------------------------------------------------


def randomize(model, seed):
    """Keras initializes kernels (seeded by keras.utils.set_random_seed) but
    leaves biases, batch-norm shifts and statistics at 0/1; draw those too so
    every bias and every folded batch norm is exercised."""
    rng = np.random.default_rng(seed)
    for w in model.weights:
        name, shape = w.name, tuple(w.shape)
        if "moving_variance" in name or "gamma" in name:
            w.assign(rng.uniform(0.5, 1.5, shape).astype(np.float32))
        elif "bias" in name or "beta" in name or "moving_mean" in name:
            w.assign(rng.uniform(-0.2, 0.2, shape).astype(np.float32))


def const(rng, *shape, scale=0.3):
    return tf.constant(rng.uniform(-scale, scale, shape).astype(np.float32))


# ---- the models ------------------------------------------------------------
# Each builder returns (converter factory, input shapes without the batch
# axis, input draw). The factory returns a fresh TFLiteConverter.


def keras_source(model):
    return lambda: tf.lite.TFLiteConverter.from_keras_model(model)


def module_source(module, enable_variables=False):
    def make():
        c = tf.lite.TFLiteConverter.from_concrete_functions(
            [module.__call__.get_concrete_function()], module)
        if enable_variables:
            c.experimental_enable_resource_variables = True
        return c
    return make


def normal(rng, shape):
    return rng.standard_normal(shape).astype(np.float32)


def image(rng, shape):
    return rng.uniform(-1.0, 1.0, shape).astype(np.float32)


def mobilenet_v2():
    """MobileNetV2, alpha 0.35, 96x96x3, 10 classes (weights=None)."""
    m = keras.applications.MobileNetV2(input_shape=(96, 96, 3), alpha=0.35, weights=None,
                                       classes=10, classifier_activation="softmax")
    randomize(m, SEED + 1)
    return keras_source(m), [(96, 96, 3)], image


def cnn1d_accel():
    """1-D CNN over 128 accelerometer samples x 3 axes, 6 activities."""
    L = keras.layers
    inp = keras.Input((128, 3), batch_size=1)
    x = L.Conv1D(16, 5, activation="relu")(inp)
    x = L.MaxPooling1D(2)(x)
    x = L.Conv1D(32, 5, padding="same", activation="relu")(x)
    x = L.AveragePooling1D(2)(x)
    x = L.Conv1D(32, 3, activation="relu")(x)
    x = L.GlobalAveragePooling1D()(x)
    x = L.Dense(16, activation="relu")(x)
    out = L.Dense(6, activation="softmax")(x)
    m = keras.Model(inp, out)
    randomize(m, SEED + 2)
    return keras_source(m), [(128, 3)], normal


def lstm_accel():
    """LSTM (32 units) over 128 accelerometer samples x 3 axes, 6 activities."""
    L = keras.layers
    inp = keras.Input((128, 3), batch_size=1)
    x = L.LSTM(32)(inp)
    out = L.Dense(6, activation="softmax")(x)
    m = keras.Model(inp, out)
    randomize(m, SEED + 3)
    return keras_source(m), [(128, 3)], normal


class GruKws(tf.Module):
    """GRU keyword spotter over 49x10 features as a tf.while_loop (converted to
    WHILE, not unrolled). The frames are rotated through the loop (slice frame
    0, move it to the end) so that every loop-carried tensor changes: a
    tensor passed through the body unchanged crashes the converter's
    calibrator (tensorflow/tensorflow#75140)."""

    H, T, F, CLASSES = 32, 49, 10, 12

    def __init__(self):
        super().__init__()
        rng = np.random.default_rng(SEED + 4)
        H = self.H
        self.wx, self.wh, self.b = const(rng, self.F, 3 * H), const(rng, H, 3 * H), \
            const(rng, 3 * H, scale=0.1)
        self.wo, self.bo = const(rng, H, self.CLASSES), const(rng, self.CLASSES, scale=0.1)

    @tf.function(input_signature=[tf.TensorSpec([1, T, F], tf.float32)])
    def __call__(self, x):
        def cond(i, x, h):
            return i < self.T

        def body(i, x, h):
            xt = x[:, 0, :]
            x = tf.concat([x[:, 1:, :], x[:, :1, :]], axis=1)
            xz, xr, xn = tf.split(tf.matmul(xt, self.wx) + self.b, 3, axis=1)
            hz, hr, hn = tf.split(tf.matmul(h, self.wh), 3, axis=1)
            z = tf.sigmoid(xz + hz)
            r = tf.sigmoid(xr + hr)
            n = tf.tanh(xn + r * hn)
            return i + 1, x, (1.0 - z) * n + z * h

        _, _, h = tf.while_loop(cond, body, [tf.constant(0), x, tf.zeros([1, self.H])])
        return tf.nn.softmax(tf.matmul(h, self.wo) + self.bo)


def gru_kws():
    m = GruKws()
    return module_source(m), [(GruKws.T, GruKws.F)], normal


class StreamVar(tf.Module):
    """Streaming classifier: each invoke takes one frame of 16 features; a
    resource variable keeps the last 8 frames (a ring buffer shifted by one
    frame per invoke: READ_VARIABLE, append, ASSIGN_VARIABLE); a dense head
    classifies the window. The variable starts at zero (CALL_ONCE)."""

    F, T = 16, 8

    def __init__(self):
        super().__init__()
        rng = np.random.default_rng(SEED + 5)
        self.buf = tf.Variable(tf.zeros([1, self.T, self.F]), name="frames")
        self.w1, self.b1 = const(rng, self.T * self.F, 32, scale=0.2), const(rng, 32, scale=0.1)
        self.w2, self.b2 = const(rng, 32, 4), const(rng, 4, scale=0.1)

    @tf.function(input_signature=[tf.TensorSpec([1, F], tf.float32)])
    def __call__(self, x):
        frames = tf.concat([self.buf.read_value()[:, 1:, :], tf.reshape(x, [1, 1, self.F])], axis=1)
        self.buf.assign(frames)
        h = tf.nn.relu(tf.matmul(tf.reshape(frames, [1, self.T * self.F]), self.w1) + self.b1)
        return tf.matmul(h, self.w2) + self.b2


def stream_var():
    m = StreamVar()
    return module_source(m, enable_variables=True), [(StreamVar.F,)], normal


def autoencoder():
    """Dense autoencoder over 128 spectrum bins: 128-64-16-64-128."""
    L = keras.layers
    inp = keras.Input((128,), batch_size=1)
    x = L.Dense(64, activation="relu")(inp)
    x = L.Dense(16, activation="relu")(x)
    x = L.Dense(64, activation="relu")(x)
    out = L.Dense(128)(x)
    m = keras.Model(inp, out)
    randomize(m, SEED + 6)
    return keras_source(m), [(128,)], normal


def ds_cnn_audio():
    """Depthwise-separable CNN over 49x10 audio features (DS-CNN style), 12 classes."""
    L = keras.layers
    inp = keras.Input((49, 10, 1), batch_size=1)
    x = L.Conv2D(32, (10, 4), strides=(2, 2), padding="same", use_bias=False)(inp)
    x = L.BatchNormalization()(x)
    x = L.ReLU()(x)
    for _ in range(2):
        x = L.DepthwiseConv2D((3, 3), padding="same", use_bias=False)(x)
        x = L.BatchNormalization()(x)
        x = L.ReLU()(x)
        x = L.Conv2D(32, (1, 1), use_bias=False)(x)
        x = L.BatchNormalization()(x)
        x = L.ReLU()(x)
    x = L.AveragePooling2D((25, 5))(x)
    x = L.Flatten()(x)
    out = L.Dense(12, activation="softmax")(x)
    m = keras.Model(inp, out)
    randomize(m, SEED + 7)
    return keras_source(m), [(49, 10, 1)], normal


class NchwNet(tf.Module):
    """A PyTorch-style graph: NCHW input [1,3,32,32], transposed to NHWC, an
    explicit tf.pad before a VALID convolution (as torch's padding=1 exports),
    global average pooling as tf.reduce_mean, then a linear layer."""

    def __init__(self):
        super().__init__()
        rng = np.random.default_rng(SEED + 8)
        self.k1, self.b1 = const(rng, 3, 3, 3, 16), const(rng, 16, scale=0.1)
        self.k2, self.b2 = const(rng, 3, 3, 16, 16, scale=0.15), const(rng, 16, scale=0.1)
        self.w, self.b = const(rng, 16, 10), const(rng, 10, scale=0.1)

    @tf.function(input_signature=[tf.TensorSpec([1, 3, 32, 32], tf.float32)])
    def __call__(self, x):
        x = tf.transpose(x, [0, 2, 3, 1])
        x = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]])
        x = tf.nn.relu(tf.nn.conv2d(x, self.k1, 1, "VALID") + self.b1)
        x = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]])
        x = tf.nn.relu(tf.nn.conv2d(x, self.k2, 2, "VALID") + self.b2)
        x = tf.reduce_mean(x, axis=[1, 2])
        return tf.matmul(x, self.w) + self.b


def nchw_torchstyle():
    m = NchwNet()
    return module_source(m), [(3, 32, 32)], image


# name -> (builder, modes). Every model is tried in all three modes, and a
# conversion the converter refuses is recorded in MANIFEST.txt.
ZOO = {
    "mobilenet_v2": (mobilenet_v2, ["int8", "16x8", "float"]),
    "cnn1d_accel": (cnn1d_accel, ["int8", "16x8", "float"]),
    "lstm_accel": (lstm_accel, ["int8", "16x8", "float"]),
    "gru_kws": (gru_kws, ["int8", "16x8", "float"]),
    "stream_var": (stream_var, ["int8", "16x8", "float"]),
    "autoencoder": (autoencoder, ["int8", "16x8", "float"]),
    "ds_cnn_audio": (ds_cnn_audio, ["int8", "16x8", "float"]),
    "nchw_torchstyle": (nchw_torchstyle, ["int8", "16x8", "float"]),
}

# ---- conversion --------------------------------------------------------------


def representative(shapes, draw, seed):
    def gen():
        rng = np.random.default_rng(seed)
        for _ in range(REP_SAMPLES):
            yield [draw(rng, (1,) + s) for s in shapes]
    return gen


def convert(make, shapes, draw, mode, seed):
    c = make()
    if mode != "float":
        c.optimizations = [tf.lite.Optimize.DEFAULT]
        c.representative_dataset = representative(shapes, draw, seed)
        if mode == "int8":
            c.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
            c.inference_input_type = c.inference_output_type = tf.int8
        else:
            c.target_spec.supported_ops = [
                tf.lite.OpsSet.EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
            c.inference_input_type = c.inference_output_type = tf.int16
    return c.convert()


def operators(data):
    """'OP:TYPE' (the first input's type) per subgraph, sorted, for the manifest."""
    from tensorflow.lite.python import schema_py_generated as s
    m = s.ModelT.InitFromPackedBuf(data, 0)
    names = {v: k for k, v in vars(s.BuiltinOperator).items() if not k.startswith("_")}
    types = {v: k for k, v in vars(s.TensorType).items() if not k.startswith("_")}
    out = []
    for g in m.subgraphs:
        seen = set()
        for op in g.operators:
            oc = m.operatorCodes[op.opcodeIndex]
            name = names.get(max(oc.builtinCode, oc.deprecatedBuiltinCode), "?")
            ins = [i for i in (op.inputs if op.inputs is not None else []) if i >= 0]
            t = types[g.tensors[ins[0]].type].lower() if ins else "-"
            seen.add("%s(%s)" % (name, t))
        out.append(sorted(seen))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join("models", "zoo"))
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    manifest = ["# generated by tools/zoo/make_zoo.py: TensorFlow %s, tf_keras %s, numpy %s" %
                (tf.__version__, keras.__version__, np.__version__)]
    for k, (name, (builder, modes)) in enumerate(ZOO.items()):
        if args.only and name not in args.only:
            continue
        # Fresh layer names (they go into the file) and seeds per model, so
        # --only NAME gives the same bytes as a whole run.
        keras.backend.clear_session()
        keras.utils.set_random_seed(SEED + k)
        make, shapes, draw = builder()
        for mode in modes:
            fname = "%s_%s.tflite" % (name, mode)
            try:
                data = convert(make, shapes, draw, mode, SEED + 100 + k)
            except Exception as e:  # the converter's refusal is a fact to record
                msg = " ".join(str(e).split())[:300]
                manifest.append("%s: converter refused: %s" % (fname, msg))
                print("%-32s converter refused: %s" % (fname, msg), flush=True)
                continue
            with open(os.path.join(args.out, fname), "wb") as f:
                f.write(data)
            ops = operators(data)
            manifest.append("%s: %d bytes; %s" % (fname, len(data), " | ".join(
                "subgraph %d: %s" % (i, " ".join(s)) for i, s in enumerate(ops))))
            print("%-32s %7d bytes" % (fname, len(data)), flush=True)
    if not args.only:
        with open(os.path.join(args.out, "MANIFEST.txt"), "w") as f:
            f.write("\n".join(manifest) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
