#!/usr/bin/env python3
"""Golden numbers for backprop4j's ring-2 activations, from real Keras (issue 21).

For each activation, by its Keras name (keras.activations.*, keras 3 on TensorFlow), in float64
and float32: its values on a grid of inputs (negatives, 0, large |x|, the points where the
formulas change method, and random ones), and its derivative there from TensorFlow's autodiff
(tf.GradientTape). Also the layers keras.layers.LeakyReLU (default slope 0.3) and keras.layers.ELU.

Run from the repository root with a Python that has Keras 3 and TensorFlow (CI does not need
them; the Java tests read the JSON this writes):

    /work/wt/i22-venv/bin/python core/src/test/python/keras_activations.py

It writes core/src/test/resources/reference/keras_activations.json (deterministic).
"""
import json
import math
import os
import pathlib
import random

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "reference" / "keras_activations.json"

GRID = [-700.0, -100.0, -40.0, -20.0, -10.0, -6.0, -5.0, -3.5, -3.0, -2.857142857142857, -2.5, -2.0, -1.5,
        -1.25, -1.0, -0.84375, -0.7, -0.5, -0.25, -0.1, -1e-3, -1e-8, 0.0, 1e-8, 1e-3, 0.1, 0.25, 0.5, 0.7,
        0.84375, 1.0, 1.25, 1.5, 2.0, 2.5, 2.857142857142857, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 10.0, 20.0, 40.0,
        100.0, 700.0]
rng = random.Random(21)
GRID += [round(rng.uniform(-8.0, 8.0), 6) for _ in range(40)]

# case -> (backprop4j's registered name, its config, the Keras function). TensorFlow's LeakyRelu op
# keeps its slope as a 32-bit float attribute, also in float64: Keras' leaky_relu(x, 0.2) computes
# with 0.20000000298023224 (the Java test compares with that slope for these cases).
ACTIVATIONS = {
    "elu": ("elu", {}, lambda x: keras.activations.elu(x)),
    "elu_alpha_0.5": ("elu", {"alpha": 0.5}, lambda x: keras.activations.elu(x, alpha=0.5)),
    "selu": ("selu", {}, lambda x: keras.activations.selu(x)),
    "gelu": ("gelu", {}, lambda x: keras.activations.gelu(x)),
    "silu": ("silu", {}, lambda x: keras.activations.silu(x)),
    "swish": ("swish", {}, lambda x: keras.activations.swish(x)),
    "softplus": ("softplus", {}, lambda x: keras.activations.softplus(x)),
    "softsign": ("softsign", {}, lambda x: keras.activations.softsign(x)),
    "leaky_relu": ("leaky_relu", {}, lambda x: keras.activations.leaky_relu(x)),
    "leaky_relu_slope_0.1": ("leaky_relu", {"negative_slope": 0.1},
                             lambda x: keras.activations.leaky_relu(x, negative_slope=0.1)),
    "hard_sigmoid": ("hard_sigmoid", {}, lambda x: keras.activations.hard_sigmoid(x)),
    "relu6": ("relu6", {}, lambda x: keras.activations.relu6(x)),
    "mish": ("mish", {}, lambda x: keras.activations.mish(x)),
    "exponential": ("exponential", {}, lambda x: keras.activations.exponential(x)),
}

# layers: made per dtype (a Keras layer casts its input to its own dtype, float32 by default)
LAYERS = {
    "LeakyReLU()": ("LeakyReLU", {}, lambda dtype: keras.layers.LeakyReLU(dtype=dtype)),
    "LeakyReLU(0.1)": ("LeakyReLU", {"negative_slope": 0.1}, lambda dtype: keras.layers.LeakyReLU(negative_slope=0.1, dtype=dtype)),
    "ELU()": ("ELU", {}, lambda dtype: keras.layers.ELU(dtype=dtype)),
    "ELU(0.5)": ("ELU", {"alpha": 0.5}, lambda dtype: keras.layers.ELU(alpha=0.5, dtype=dtype)),
}


def values_and_derivatives(function, dtype):
    x = tf.constant(GRID, dtype=dtype)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = function(x)
    dy = tape.gradient(y, x)  # the sum of y: element i of the result is dy_i/dx_i
    def finite_or_none(values):  # float32 overflows (exp(100)) are written as null
        return [float(v) if np.isfinite(v) else None for v in np.asarray(values)]

    return finite_or_none(y), finite_or_none(dy)


def record(name, config, function, layer=False):
    y64, d64 = values_and_derivatives(function("float64") if layer else function, tf.float64)
    y32, d32 = values_and_derivatives(function("float32") if layer else function, tf.float32)
    return {"name": name, "config": config, "float64": {"values": y64, "derivatives": d64},
            "float32": {"values": y32, "derivatives": d32}}


def gelu_exact():
    """GELU and its derivative from Python's libm erfc (about 1 ulp): TensorFlow computes Keras' exact
    gelu as 0.5 x erfc(-x / sqrt 2), and its float64 erfc is off by up to about 5e-9 relative (checked
    here against math.erfc), so for gelu the Java test holds backprop4j to these values at 1e-12 and
    to Keras' at 1e-8."""
    values, derivatives = [], []
    for x in GRID:
        cdf = 0.5 * math.erfc(-x / math.sqrt(2.0))
        values.append(x * cdf)
        derivatives.append(cdf + x * math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi))
    return {"values": values, "derivatives": derivatives}


def to_json(value, indent=0):
    """Objects one key a line, number lists on one line; floats in repr form (exact doubles)."""
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(value, dict):
        items = [inner + json.dumps(k) + ": " + to_json(v, indent + 1) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}" if items else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v, allow_nan=False) for v in value) + "]"
    return json.dumps(value, allow_nan=False)


def main():
    payload = {
        "title": "keras.activations.* and keras.layers.{LeakyReLU, ELU} on a grid, with tf.GradientTape derivatives",
        "generator": "core/src/test/python/keras_activations.py",
        "keras_version": keras.__version__, "tensorflow_version": tf.__version__,
        "x": GRID,
        "activations": {case: record(name, config, f) for case, (name, config, f) in ACTIVATIONS.items()},
        "layers": {case: record(name, config, layer, True) for case, (name, config, layer) in LAYERS.items()},
    }
    payload["activations"]["gelu"]["float64_exact"] = gelu_exact()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(to_json(payload) + "\n")
    print("wrote", OUT, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
