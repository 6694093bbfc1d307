"""mote: run TFLite models with the mote runtime from Python.

    import mote
    m = mote.Model("model.tflite")
    m.inputs[0].shape, m.inputs[0].dtype, m.inputs[0].scale, m.arena_bytes
    (scores,) = m.run(x)                     # float x is quantized into the input's scale
    (probs,) = m.run(x, dequantize=True)     # outputs as real values
    m.inspect()                              # the dict `mote inspect --json` prints

`python -m mote validate|report|profile ...` are the tools `build/mote` runs.
"""
__all__ = ["Model", "MoteError", "TensorInfo"]


def __getattr__(name):
    # Lazy: `python -m mote profile` needs neither numpy nor libmote.so.
    if name in __all__:
        from . import model
        return getattr(model, name)
    raise AttributeError(name)

__version__ = "0.1.0"
