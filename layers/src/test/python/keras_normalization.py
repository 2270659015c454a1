"""Golden numbers for backprop4j's normalisation layers, from real Keras 3 (TensorFlow backend).

Run with the Keras venv:  /work/wt/i22-venv/bin/python layers/src/test/python/keras_normalization.py
Writes layers/src/test/resources/reference/normalization_keras.json, read by NormalizationTest and
BatchNormalizationTest (layers/src/test/java/org/backprop4j/layers/, through KerasFixture). CI has no Keras: the
tests read the fixture only. Inputs are drawn here with numpy's seeded generator and stored in the
fixture beside the outputs, so the Java side needs no random numbers of its own.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import keras  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference", "normalization_keras.json")


def lst(a):
    return np.asarray(a, dtype=np.float64).tolist()


def normalization_cases(rng):
    cases = []
    # Keras' docstring examples (keras/src/layers/preprocessing/normalization.py)
    layer = keras.layers.Normalization(axis=-1)
    adapt = np.array([[0., 7., 4.], [2., 9., 6.], [0., 7., 4.], [2., 9., 6.]], dtype="float32")
    layer.adapt(adapt)
    x = np.array([[0., 7., 4.]], dtype="float32")
    cases.append({"name": "docstring_adapt", "dtype": "float32", "adapt": lst(adapt), "x": lst(x),
                  "invert": False, "mean": lst(layer.get_weights()[0]), "variance": lst(layer.get_weights()[1]),
                  "y": lst(layer(x))})
    layer = keras.layers.Normalization(axis=-1, invert=True)
    layer.adapt(adapt)
    x = np.array([[1., 2., 3.]], dtype="float32")
    cases.append({"name": "docstring_invert", "dtype": "float32", "adapt": lst(adapt), "x": lst(x),
                  "invert": True, "mean": lst(layer.get_weights()[0]), "variance": lst(layer.get_weights()[1]),
                  "y": lst(layer(x))})
    layer = keras.layers.Normalization(mean=3., variance=2.)
    x = np.array([[1.], [2.], [3.]], dtype="float32")
    cases.append({"name": "docstring_given", "dtype": "float32", "given_mean": [3.0], "given_variance": [2.0],
                  "x": lst(x), "invert": False, "y": lst(layer(x))})
    # random data with columns of different scales, and a constant column (variance 0: std is 1e-7)
    for dtype in ("float64", "float32"):
        data = rng.normal(size=(20, 4)) * np.array([1.0, 10.0, 0.01, 0.0]) + np.array([0.5, -3.0, 100.0, 2.0])
        data = data.astype(dtype)
        x = (rng.normal(size=(5, 4)) * np.array([1.0, 10.0, 0.01, 1e-7]) + np.array([0.5, -3.0, 100.0, 2.0])).astype(dtype)
        layer = keras.layers.Normalization(axis=-1, dtype=dtype)
        layer.adapt(data)
        weights = layer.get_weights()
        cases.append({"name": "random_" + dtype, "dtype": dtype, "adapt": lst(data), "x": lst(x), "invert": False,
                      "mean": lst(weights[0]), "variance": lst(weights[1]), "keras_count": int(weights[2]),
                      "y": lst(layer(x))})
    return cases


def layer_norm_cases(rng):
    cases = []
    for dtype, epsilon in (("float64", None), ("float64", 1e-5), ("float32", None)):
        x = (rng.normal(size=(5, 6)) * 3 + 1).astype(dtype)
        x[4] = 2.5  # a constant row: variance 0, the epsilon alone
        gamma = rng.normal(size=6).astype(dtype)
        beta = rng.normal(size=6).astype(dtype)
        kwargs = {} if epsilon is None else {"epsilon": epsilon}
        layer = keras.layers.LayerNormalization(dtype=dtype, **kwargs)
        layer.build((None, 6))
        layer.set_weights([gamma, beta])
        cases.append({"name": "layer_norm_%s_eps_%s" % (dtype, epsilon or "default"), "dtype": dtype,
                      "epsilon": layer.epsilon, "x": lst(x), "gamma": lst(gamma), "beta": lst(beta),
                      "y": lst(layer(x))})
    return cases


def batch_norm_cases(rng):
    cases = []
    for dtype in ("float64", "float32"):
        layer = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-3, dtype=dtype)
        layer.build((None, 4))
        gamma = rng.normal(size=4).astype(dtype)
        beta = rng.normal(size=4).astype(dtype)
        moving_mean = rng.normal(size=4).astype(dtype)
        moving_variance = rng.uniform(0.5, 2.0, size=4).astype(dtype)
        layer.set_weights([gamma, beta, moving_mean, moving_variance])
        x = (rng.normal(size=(6, 4)) * np.array([1.0, 5.0, 0.1, 2.0]) + np.array([0.0, 3.0, -1.0, 0.5])).astype(dtype)
        x2 = rng.normal(size=(3, 4)).astype(dtype)
        y_train = layer(x, training=True)
        after = layer.get_weights()
        y_infer = layer(x2, training=False)
        cases.append({"name": "batch_norm_" + dtype, "dtype": dtype, "momentum": 0.9, "epsilon": 1e-3,
                      "weights": [lst(gamma), lst(beta), lst(moving_mean), lst(moving_variance)],
                      "x": lst(x), "y_training": lst(y_train), "weights_after": [lst(w) for w in after],
                      "x_inference": lst(x2), "y_inference": lst(y_infer)})
    return cases


def fit_cases(rng):
    """Dense(4, tanh) -> BatchNormalization(0.8) -> Dense(2, softmax), SGD(0.125), 8 samples, batches of 4, 3 epochs.

    SGD with a power-of-two rate because Keras 3 keeps optimizer hyper-parameters in float32 even in a
    float64 model (its Adam's first step differs from float64 Adam by ~5e-8 with beta_2 = 0.999);
    0.125 is the same number in both types, so this float64 fit is float64 throughout.
    """
    keras.config.set_floatx("float64")
    cases = []
    x = rng.normal(size=(8, 3))
    labels = np.array([0, 1, 1, 0, 1, 0, 0, 1])
    y = np.eye(2)[labels]
    initial = [rng.normal(size=(3, 4)) * 0.7, rng.normal(size=4) * 0.1, 1 + 0.1 * rng.normal(size=4),
               0.1 * rng.normal(size=4), np.zeros(4), np.ones(4), rng.normal(size=(4, 2)) * 0.7, rng.normal(size=2) * 0.1]
    for frozen in (False, True):
        model = keras.Sequential([keras.Input((3,), dtype="float64"),
                                  keras.layers.Dense(4, activation="tanh", dtype="float64"),
                                  keras.layers.BatchNormalization(momentum=0.8, dtype="float64"),
                                  keras.layers.Dense(2, activation="softmax", dtype="float64")])
        model.set_weights(initial)
        if frozen:
            model.layers[1].trainable = False
        model.compile(optimizer=keras.optimizers.SGD(0.125), loss="categorical_crossentropy")
        history = model.fit(x, y, batch_size=4, epochs=3, shuffle=False, verbose=0)
        assert all(w.dtype == "float64" for w in model.weights), [w.dtype for w in model.weights]
        cases.append({"name": "fit_frozen_bn" if frozen else "fit_bn", "frozen": frozen, "x": lst(x), "y": lst(y),
                      "initial": [lst(w) for w in initial], "loss": lst(history.history["loss"]),
                      "weights_after": [lst(w) for w in model.get_weights()], "predict": lst(model.predict(x, verbose=0)),
                      "trainable_count": int(sum(np.prod(w.shape) for w in model.trainable_weights)),
                      "non_trainable_count": int(sum(np.prod(w.shape) for w in model.non_trainable_weights))})
    keras.config.set_floatx("float32")
    return cases


def main():
    rng = np.random.default_rng(21)
    fixture = {"keras": keras.__version__, "backend": keras.backend.backend(),
               "normalization": normalization_cases(rng), "layer_normalization": layer_norm_cases(rng),
               "batch_normalization": batch_norm_cases(rng), "fit": fit_cases(rng)}
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
