"""Golden numbers from real Keras 3 for Flatten, Rescaling and the noise layers (ShapedKerasGoldenTest).

Run with a Keras 3 installation (the numbers in ShapedKerasGoldenTest came from Keras 3.15.1 on
TensorFlow 2.21, CPU):  python keras_shape_layers.py
It prints Java array literals; CI has no Keras, so the test holds the printed numbers as constants.

What it computes, in float64 (keras.config.set_floatx("float64")) unless it says float32:
  1. Rescaling(1/255) and Rescaling(2.0, -1.0) on fixed values, in float32 and float64.
  2. A model Input((2, 3)) -> Rescaling(0.5, 0.25) -> Flatten -> Dense(4, tanh) -> Dense(2) with fixed
     weights: predict on a (5, 2, 3) batch, then three full-batch SGD(0.1) steps on mean squared error
     (model.fit, shuffle=False, batch_size=5): the losses Keras reports and the weights after.
  3. GaussianDropout(0.3) and GaussianNoise(0.3) on ones((20, 500)): identity in inference; in
     training the sample standard deviation Keras' own tests check (to 0.02) against
     sqrt(rate / (1 - rate)) and stddev.
"""
import numpy as np
import keras

keras.config.set_floatx("float64")


def java(name, values):
    flat = np.asarray(values, dtype=np.float64).ravel()
    body = ", ".join(repr(float(v)) for v in flat)
    print(f"    static final double[] {name} = {{{body}}};")


# 1. Rescaling
values = np.array([[0.0, 1.0, 127.0, 128.0, 254.0, 255.0, 3.3, -7.25]])
for dtype in ("float32", "float64"):
    for scale, offset, tag in ((1 / 255, 0.0, "INV255"), (2.0, -1.0, "TWO_MINUS_ONE")):
        layer = keras.layers.Rescaling(scale, offset, dtype=dtype)
        out = keras.ops.convert_to_numpy(layer(values.astype(dtype)))
        java(f"RESCALING_{tag}_{dtype.upper()}", out)
java("RESCALING_INPUT", values)

# 2. a model with Input((2, 3)), Rescaling and Flatten
rng = np.random.default_rng(21)
x = rng.uniform(-2, 2, size=(5, 2, 3))
y = rng.uniform(-1, 1, size=(5, 2))
model = keras.Sequential([keras.Input((2, 3)), keras.layers.Rescaling(0.5, 0.25), keras.layers.Flatten(),
                          keras.layers.Dense(4, activation="tanh"), keras.layers.Dense(2)])
weights = [rng.uniform(-0.5, 0.5, size=w.shape) for w in model.get_weights()]
model.set_weights(weights)
java("MODEL_X", x)
java("MODEL_Y", y)
for i, w in enumerate(weights):
    java(f"MODEL_WEIGHTS_{i}", w)
java("MODEL_PREDICTIONS", model.predict(x, verbose=0))
print("    // summary output shapes:", [tuple(l.output.shape) for l in model.layers])
model.compile(loss="mse", optimizer=keras.optimizers.SGD(0.1))
history = model.fit(x, y, epochs=3, batch_size=5, shuffle=False, verbose=0)
java("MODEL_LOSSES", history.history["loss"])
for i, w in enumerate(model.get_weights()):
    java(f"MODEL_TRAINED_{i}", w)

# 3. the noise layers
ones = np.ones((20, 500))
for layer, expected in ((keras.layers.GaussianDropout(0.3, seed=1337), np.sqrt(0.3 / 0.7)),
                        (keras.layers.GaussianNoise(0.3, seed=1337), 0.3)):
    inference = keras.ops.convert_to_numpy(layer(ones, training=False))
    training = keras.ops.convert_to_numpy(layer(ones, training=True))
    print(f"    // {layer.__class__.__name__}: inference identity {np.array_equal(inference, ones)}, "
          f"training std {training.std():.6f} (Keras' test: {expected:.6f} within 0.02), mean {training.mean():.6f}")
