#!/usr/bin/env python3
"""TensorFlow's beginner tutorial (basic classification of Fashion-MNIST) run by Keras 3 itself on
TensorFlow: the reference that backprop4j's `fashion` example reproduces.

The tutorial's own model and training, unchanged:
  Flatten(28, 28) -> Dense(128, relu) -> Dense(10) logits
  compile(optimizer='adam', loss=SparseCategoricalCrossentropy(from_logits=True), metrics=['accuracy'])
  fit(train_images / 255.0, train_labels, epochs=10)   (batch 32, Keras' default)
  evaluate(test_images / 255.0, test_labels)
Only the data loading differs: the tutorial's `keras.datasets.fashion_mnist.load_data()` downloads,
this script reads the same four IDX files from Debian's dataset-fashion-mnist package (or --data-dir).

Threads: --threads N sets TensorFlow's intra-op and inter-op pools to N (before any op runs).
Only `fit` is timed. Prints `test accuracy: 0.xxxx` and `Training took N.N s`, as the other peers do.

Needs a Python with tensorflow-cpu and keras (python3 -m venv DIR; DIR/bin/pip install tensorflow-cpu keras):
    DIR/bin/python benchmarks/src/main/python/fashion_keras.py --threads 1
"""
import argparse
import gzip
import os
import pathlib
import struct
import time

import numpy as np

DEFAULT_DATA = pathlib.Path("/usr/share/datasets/fashion-mnist")


def read_idx(path):
    """An IDX file of unsigned bytes (gzipped or not) as a numpy array of its declared shape."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    zero, kind, rank = struct.unpack(">HBB", raw[:4])
    if zero != 0 or kind != 0x08:
        raise SystemExit(f"{path} is not an IDX file of unsigned bytes")
    shape = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def find(directory, name):
    for candidate in (directory / name, directory / (name + ".gz")):
        if candidate.exists():
            return candidate
    raise SystemExit(f"{name}(.gz) not found in {directory}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=pathlib.Path, default=DEFAULT_DATA)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--verbose", type=int, default=2)
    args = parser.parse_args()

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    import keras

    tf.config.threading.set_intra_op_parallelism_threads(args.threads)
    tf.config.threading.set_inter_op_parallelism_threads(args.threads)

    train_images = read_idx(find(args.data_dir, "train-images-idx3-ubyte"))
    train_labels = read_idx(find(args.data_dir, "train-labels-idx1-ubyte"))
    test_images = read_idx(find(args.data_dir, "t10k-images-idx3-ubyte"))
    test_labels = read_idx(find(args.data_dir, "t10k-labels-idx1-ubyte"))
    train_images = train_images / 255.0
    test_images = test_images / 255.0

    model = keras.Sequential([
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ])
    model.compile(optimizer="adam",
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    start = time.perf_counter()
    model.fit(train_images, train_labels, epochs=args.epochs, verbose=args.verbose)
    training_seconds = time.perf_counter() - start
    test_loss, test_accuracy = model.evaluate(test_images, test_labels, verbose=0)
    print(f"keras {keras.__version__}, tensorflow {tf.__version__}, {args.threads} thread(s)")
    print(f"test loss: {test_loss:.4f}")
    print(f"test accuracy: {test_accuracy:.4f}")
    print(f"Training took {training_seconds:.1f} s")
    print(f"(load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
