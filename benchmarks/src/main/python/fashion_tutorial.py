#!/usr/bin/env python3
"""The TensorFlow beginner tutorial (basic classification of Fashion-MNIST) in PyTorch: the peer
that backprop4j's `fashion` example is measured against.

Recipe, as in the tutorial and issue 11:
  inputs 784 pixels scaled to [0, 1] (pixels / 255.0), float32
  Dense(128, relu) -> Dense(10) logits; kernels glorot_uniform, biases zero (Keras' defaults)
  sparse categorical cross-entropy from logits (F.cross_entropy), mean over the batch
  Adam, learning rate 1e-3, beta_1 0.9, beta_2 0.999, epsilon 1e-7 (Keras' value)
  10 epochs, batch 32, a new shuffle every epoch (seeded); 60,000 / 32 = 1,875 steps per epoch
  one thread (torch.set_num_threads(1)); only the training loop is timed

--adam torch (the default) uses torch.optim.Adam(eps=1e-7), PyTorch's own fused-foreach form, the
idiomatic peer; --adam keras applies Keras 3's update rule instead (epsilon added to sqrt(v) before
the bias correction), which is what backprop4j implements. --init torch keeps PyTorch's default
Linear initialisation instead of Keras'.

Needs the Debian packages python3-torch (with libopenblas0-pthread for the BLAS) and
dataset-fashion-mnist (or --data-dir with the four IDX files). Run with the Python that has torch:

    /usr/bin/python3 benchmarks/src/main/python/fashion_tutorial.py [--json result.json]

Prints Keras-style epoch lines, then `test accuracy: 0.xxxx` and `Training took N.N s`.
"""
import argparse
import gzip
import json
import math
import os
import pathlib
import platform
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

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
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank)
    if data.size != math.prod(shape):
        raise SystemExit(f"{path}: header declares {shape}, file holds {data.size} values")
    return data.reshape(shape)


def find(directory, name):
    for candidate in (directory / (name + ".gz"), directory / name):
        if candidate.is_file():
            return candidate
    raise SystemExit(f"Fashion-MNIST not found: {directory} has no {name}[.gz]. Install it with "
                     f"`apt-get install dataset-fashion-mnist` or pass --data-dir DIR.")


def load(directory):
    def part(prefix):
        images = read_idx(find(directory, f"{prefix}-images-idx3-ubyte"))
        labels = read_idx(find(directory, f"{prefix}-labels-idx1-ubyte"))
        x = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / np.float32(255.0))
        return x, torch.from_numpy(labels.astype(np.int64))
    return part("train"), part("t10k")


class KerasAdam(torch.optim.Optimizer):
    """Keras 3's Adam rule (keras/src/optimizers/adam.py): alpha = lr * sqrt(1 - b2^t) / (1 - b1^t);
    m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2); w -= alpha * m / (sqrt(v) + epsilon)."""

    def __init__(self, params, lr=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        super().__init__(params, dict(lr=lr, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon))
        self.iterations = 0

    @torch.no_grad()
    def step(self):
        t = self.iterations + 1
        for group in self.param_groups:
            b1, b2, eps = group["beta_1"], group["beta_2"], group["epsilon"]
            alpha = group["lr"] * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
            for p in group["params"]:
                state = self.state[p]
                if not state:
                    state["m"], state["v"] = torch.zeros_like(p), torch.zeros_like(p)
                m, v, g = state["m"], state["v"], p.grad
                m.add_((g - m).mul_(1 - b1))
                v.add_((g * g - v).mul_(1 - b2))
                p.sub_(m * alpha / (v.sqrt().add_(eps)))
        self.iterations = t


def keras_init(model, generator):
    """glorot_uniform kernels (U(-L, L), L = sqrt(6 / (fan_in + fan_out))), zero biases."""
    with torch.no_grad():
        for layer in model:
            if isinstance(layer, nn.Linear):
                fan_out, fan_in = layer.weight.shape
                limit = math.sqrt(6.0 / (fan_in + fan_out))
                layer.weight.uniform_(-limit, limit, generator=generator)
                layer.bias.zero_()


def evaluate(model, x, y, batch=10_000):
    model.eval()
    loss_sum, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(x), batch):
            logits = model(x[start:start + batch])
            loss_sum += F.cross_entropy(logits, y[start:start + batch], reduction="sum").item()
            correct += (logits.argmax(dim=1) == y[start:start + batch]).sum().item()
    return loss_sum / len(x), correct / len(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=pathlib.Path, default=DEFAULT_DATA)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--adam", choices=["torch", "keras"], default="torch")
    parser.add_argument("--init", choices=["keras", "torch"], default="keras")
    parser.add_argument("--json", type=pathlib.Path, help="also write the figures to this file")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    (x_train, y_train), (x_test, y_test) = load(args.data_dir)

    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    if args.init == "keras":
        keras_init(model, generator)
    if args.adam == "torch":
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    else:
        optimizer = KerasAdam(model.parameters(), lr=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-7)

    n = len(x_train)
    steps = math.ceil(n / args.batch_size)
    epoch_seconds, history = [], []
    start_training, start_cpu = time.perf_counter(), time.process_time()
    for epoch in range(args.epochs):
        model.train()
        start_epoch = time.perf_counter()
        order = torch.randperm(n, generator=generator)
        loss_sum, correct = 0.0, 0
        for step in range(steps):
            index = order[step * args.batch_size:(step + 1) * args.batch_size]
            xb, yb = x_train[index], y_train[index]
            optimizer.zero_grad(set_to_none=True)
            logits = model(xb)
            loss = F.cross_entropy(logits, yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(index)
            correct += (logits.argmax(dim=1) == yb).sum().item()
        seconds = time.perf_counter() - start_epoch
        epoch_seconds.append(seconds)
        history.append({"loss": loss_sum / n, "accuracy": correct / n})
        print(f"Epoch {epoch + 1}/{args.epochs}\n{steps}/{steps} - {seconds:.1f}s "
              f"- {1000 * seconds / steps:.2f}ms/step - accuracy: {correct / n:.4f} - loss: {loss_sum / n:.4f}",
              flush=True)
    training_seconds = time.perf_counter() - start_training
    cpu_seconds = time.process_time() - start_cpu
    test_loss, test_accuracy = evaluate(model, x_test, y_test)
    print(f"test loss: {test_loss:.4f}")
    print(f"test accuracy: {test_accuracy:.4f}")
    print(f"Training took {training_seconds:.1f} s")
    print(f"(process CPU time {cpu_seconds:.1f} s; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)")

    if args.json:
        args.json.write_text(json.dumps({
            "recipe": "784-128 relu-10, sparse CCE from logits, Adam 1e-3 eps 1e-7, batch 32, shuffled",
            "adam": args.adam, "init": args.init, "epochs": args.epochs, "batch_size": args.batch_size,
            "seed": args.seed, "threads": torch.get_num_threads(), "torch": torch.__version__,
            "python": platform.python_version(), "cpu_count": os.cpu_count(),
            "load_average_at_end": os.getloadavg(),
            "training_seconds": training_seconds, "cpu_seconds": cpu_seconds, "epoch_seconds": epoch_seconds,
            "history": history, "test_loss": test_loss, "test_accuracy": test_accuracy,
        }, indent=1) + "\n")


if __name__ == "__main__":
    main()
