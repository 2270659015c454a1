"""The `overfit` example (docs/overfit-and-underfit.md) in real Keras 3, on the same split.

TensorFlow's "Overfit and underfit" tutorial with the changes the Java example makes (the breast-cancer
data standardised with the training statistics, relu, "large" 4 x 128, batch 32, at most 100 epochs,
EarlyStopping patience 20), so the two tables compare like with like. Keras computes in float32.

    mvn -q -o -pl examples test-compile exec:java -Dexec.classpathScope=test \
        -Dexec.mainClass=org.backprop4j.examples.tutorials.TutorialSplits -Dexec.args=/tmp/splits
    /path/to/venv/bin/python examples/src/test/python/tutorial_overfit_keras.py /tmp/splits [--elu] [--seed N]

Prints the same table as the Java example; docs/overfit-and-underfit.md quotes it.
"""
import argparse
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers, regularizers  # noqa: E402

EPOCHS, PATIENCE, BATCH, WIDTH = 100, 20, 32, 128


def load(directory, name):
    read = lambda part: np.loadtxt(os.path.join(directory, f"{name}-{part}.csv"), delimiter=",", ndmin=2)
    return read("x-train"), read("y-train"), read("x-test"), read("y-test")


def recipes():
    w = WIDTH
    return [("tiny", [16], 0, 0), ("small", [16, 16], 0, 0), ("medium", [64, 64, 64], 0, 0),
            ("large", [w] * 4, 0, 0), ("l2", [w] * 4, 0.001, 0), ("dropout", [w] * 4, 0, 0.5),
            ("combined", [w] * 4, 0.0001, 0.5)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("splits")
    parser.add_argument("--elu", action="store_true", help="the tutorial's elu instead of relu")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    x, y, xv, yv = load(args.splits, "breast-cancer")
    mean, std = x.mean(axis=0), x.std(axis=0)
    x, xv = ((x - mean) / std).astype("float32"), ((xv - mean) / std).astype("float32")
    y, yv = y.astype("float32"), yv.astype("float32")
    steps_per_epoch = -(-len(x) // BATCH)
    activation = "elu" if args.elu else "relu"
    print(f"Keras {keras.__version__}, {activation}, seed {args.seed}")
    print("model     params  epochs  best  train CE  val CE  val-train  val acc")
    for name, widths, l2, dropout in recipes():
        keras.utils.set_random_seed(args.seed)
        model = keras.Sequential([keras.Input((x.shape[1],))])
        for width in widths:
            model.add(layers.Dense(width, activation=activation,
                                   kernel_regularizer=regularizers.l2(l2) if l2 else None))
            if dropout:
                model.add(layers.Dropout(dropout))
        model.add(layers.Dense(1))
        schedule = keras.optimizers.schedules.InverseTimeDecay(0.001, decay_steps=steps_per_epoch * 1000,
                                                               decay_rate=1, staircase=False)
        model.compile(optimizer=keras.optimizers.Adam(schedule),
                      loss=keras.losses.BinaryCrossentropy(from_logits=True),
                      metrics=[keras.metrics.BinaryCrossentropy(from_logits=True, name="binary_crossentropy"),
                               "accuracy"])
        history = model.fit(x, y, batch_size=BATCH, epochs=EPOCHS, validation_data=(xv, yv), verbose=0,
                            callbacks=[keras.callbacks.EarlyStopping(monitor="val_binary_crossentropy",
                                                                     patience=PATIENCE)])
        val = history.history["val_binary_crossentropy"]
        bce = keras.losses.BinaryCrossentropy(from_logits=True)
        train_ce = float(bce(y, model.predict(x, verbose=0)))       # inference mode, no penalty, as the Java table
        logits = model.predict(xv, verbose=0)
        accuracy = float(np.mean((logits > 0) == (yv > 0.5)))
        params = model.count_params()
        print(f"{name:<9} {params:6d}  {len(val):6d}  {int(np.argmin(val)) + 1:4d}  {train_ce:8.4f}  {val[-1]:6.4f}"
              f"  {val[-1] - train_ce:9.4f}  {accuracy:7.4f}")


if __name__ == "__main__":
    main()
