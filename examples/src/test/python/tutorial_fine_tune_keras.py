"""The `fine-tune` example (docs/fine-tuning.md) in real Keras 3, on the same split.

Keras' "Transfer learning with a Sequential model" on the 8x8 digits, as the Java example runs it:
64-64-64-5 trained on the digits 0 to 4 (30 epochs, Adam), every layer but the head frozen, the head
replaced with pop() + add, the new head trained on 5 pictures of each digit 5 to 9 (100 epochs,
Adam(0.01)), then everything unfrozen and fine-tuned (50 epochs, Adam(0.001)); and the same network
trained from scratch on those pictures. Keras computes in float32.

    mvn -q -o -pl examples test-compile exec:java -Dexec.classpathScope=test \
        -Dexec.mainClass=org.backprop4j.examples.tutorials.TutorialSplits -Dexec.args=/tmp/splits
    /path/to/venv/bin/python examples/src/test/python/tutorial_fine_tune_keras.py /tmp/splits [--seed N]
"""
import argparse
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

WIDTH, SHOTS = 64, 5


def task(x, y, start, per_digit):
    taken, rows = [0] * 5, []
    for i, label in enumerate(y[:, 0].astype(int)):
        digit = label - start
        if 0 <= digit < 5 and taken[digit] < per_digit:
            taken[digit] += 1
            rows.append(i)
    return (x[rows] / 16).astype("float32"), (y[rows] - start).astype("float32")


def network():
    return keras.Sequential([keras.Input(shape=(64,)), layers.Dense(WIDTH, activation="relu"),
                             layers.Dense(WIDTH, activation="relu"), layers.Dense(5)])


def compile_(model, rate):
    model.compile(optimizer=keras.optimizers.Adam(rate),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("splits")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    read = lambda part: np.loadtxt(os.path.join(args.splits, f"digits-{part}.csv"), delimiter=",", ndmin=2)
    x, y, xt, yt = read("x-train"), read("y-train"), read("x-test"), read("y-test")
    big = 10 ** 9
    first, first_test = task(x, y, 0, big), task(xt, yt, 0, big)
    second, second_test = task(x, y, 5, SHOTS), task(xt, yt, 5, big)
    print(f"Keras {keras.__version__}, seed {args.seed}")
    keras.utils.set_random_seed(args.seed)
    model = network()
    compile_(model, 0.001)
    model.fit(*first, epochs=30, batch_size=32, verbose=0)
    print(f"1. first task, 0 to 4: test accuracy {model.evaluate(*first_test, verbose=0)[1]:.4f}")
    for layer in model.layers[:-1]:
        layer.trainable = False
    model.pop()
    model.add(layers.Dense(5))
    compile_(model, 0.01)
    before = [w.copy() for w in model.get_weights()]
    model.summary()
    model.fit(*second, epochs=100, batch_size=32, verbose=0)
    after = model.get_weights()
    frozen = max(float(np.max(np.abs(a - b))) for a, b in zip(after[:-2], before[:-2]))
    print(f"3. new head on 5 to 9: test accuracy {model.evaluate(*second_test, verbose=0)[1]:.4f}; "
          f"largest change of a frozen weight {frozen}")
    for layer in model.layers:
        layer.trainable = True
    compile_(model, 0.001)
    model.fit(*second, epochs=50, batch_size=32, verbose=0)
    print(f"4. unfrozen and fine-tuned: test accuracy {model.evaluate(*second_test, verbose=0)[1]:.4f}")
    keras.utils.set_random_seed(args.seed)
    scratch = network()
    compile_(scratch, 0.01)
    scratch.fit(*second, epochs=100, batch_size=32, verbose=0)
    print(f"5. from scratch on the {len(second[0])} pictures: test accuracy "
          f"{scratch.evaluate(*second_test, verbose=0)[1]:.4f}")


if __name__ == "__main__":
    main()
