"""The `regression` example (docs/basic-regression.md) in real Keras 3, on the same split.

TensorFlow's "Basic regression" tutorial on the diabetes data, as the Java example runs it: a
Normalization adapted to the training features, the linear models (bmi alone, all ten features) with
Adam(1.0) and once with the tutorial's Adam(0.1), the deep models (Dense 64 relu x 2, Adam(0.001)) with
EarlyStopping(val_loss, patience 10, restore_best_weights); mean absolute error, validation_split 0.2,
100 epochs, batch 32. Keras computes in float32.

    mvn -q -o -pl examples test-compile exec:java -Dexec.classpathScope=test \
        -Dexec.mainClass=org.backprop4j.examples.tutorials.TutorialSplits -Dexec.args=/tmp/splits
    /path/to/venv/bin/python examples/src/test/python/tutorial_regression_keras.py /tmp/splits [--seed N]
"""
import argparse
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

BMI = 2


def load(directory, name):
    read = lambda part: np.loadtxt(os.path.join(directory, f"{name}-{part}.csv"), delimiter=",", ndmin=2)
    return [a.astype("float32") for a in (read("x-train"), read("y-train"), read("x-test"), read("y-test"))]


def linear(norm, rate):
    model = keras.Sequential([norm, layers.Dense(units=1)])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=rate), loss="mean_absolute_error")
    return model


def build_and_compile_model(norm):
    model = keras.Sequential([norm, layers.Dense(64, activation="relu"), layers.Dense(64, activation="relu"),
                              layers.Dense(1)])
    model.compile(loss="mean_absolute_error", optimizer=keras.optimizers.Adam(0.001))
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("splits")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    x, y, xt, yt = load(args.splits, "diabetes")
    bmi, bmi_test = x[:, BMI:BMI + 1], xt[:, BMI:BMI + 1]

    def adapted(data, shape):
        norm = layers.Normalization(input_shape=shape, axis=-1 if shape[0] > 1 else None)
        norm.adapt(data)
        return norm

    runs = [("linear_model, Adam(0.1)", lambda: linear(adapted(x, [10]), 0.1), x, xt, False),
            ("bmi_model", lambda: linear(adapted(bmi, [1]), 1.0), bmi, bmi_test, False),
            ("linear_model", lambda: linear(adapted(x, [10]), 1.0), x, xt, False),
            ("dnn_bmi_model", lambda: build_and_compile_model(adapted(bmi, [1])), bmi, bmi_test, True),
            ("dnn_model", lambda: build_and_compile_model(adapted(x, [10])), x, xt, True)]
    print(f"Keras {keras.__version__}, seed {args.seed}")
    print("model                    epochs  test MAE")
    for name, make, features, test_features, stop in runs:
        keras.utils.set_random_seed(args.seed)
        model = make()
        callbacks = [keras.callbacks.EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)] \
            if stop else []
        history = model.fit(features, y, epochs=100, batch_size=32, verbose=0, validation_split=0.2,
                            callbacks=callbacks)
        mae = model.evaluate(test_features, yt, verbose=0)
        print(f"{name:<23}  {len(history.history['loss']):6d}  {mae:8.3f}")
        if name == "dnn_model":
            model.summary()


if __name__ == "__main__":
    main()
