#!/usr/bin/env python3
"""Independent reference for samples of a shape: Input((2, 3)) -> Rescaling -> Flatten -> Dense -> Dense.

Ring 2's part "input shapes, Flatten, Rescaling" (issue 21). The data are (8, 2, 3) samples; the model
rescales them (x * 0.5 - 0.25, Keras' Rescaling(0.5, offset=-0.25)), flattens each sample in C order
(Keras' Flatten), then Dense(5, tanh) and Dense(3, softmax or linear). Gradients come from PyTorch's
autograd in float64; the losses and the update rules are imported from keras_reference.py (ring 1's
script, Keras 3's formulas written out), which this script does not change.

Five full-batch steps per case, each recording the loss before the step, the gradients and the
weights after; the gradients are checked against central differences first. GaussianNoise and
GaussianDropout are not part of this reference: their training draws come from backprop4j's own random
stream (their statistics, determinism and inference identity are tested in the layers module).

Run from the repository root (Debian: apt-get install python3-torch):

    /usr/bin/python3 optim/src/test/python/shape_reference.py

It writes optim/src/test/resources/reference/shapes.json (deterministic), read by
examples/src/test/java/org/backprop4j/integration/ShapedReferenceTrainingTest.java.
"""
import math
import random

import torch
import torch.nn.functional as F

import keras_reference as ring1

torch.set_default_dtype(torch.float64)

SEED = 21
BATCH, SHAPE, HIDDEN, CLASSES = 8, (2, 3), 5, 3
SCALE, OFFSET = 0.5, -0.25
STEPS = 5


def problem():
    rng = random.Random(SEED)
    x = torch.tensor([[[rng.gauss(0.0, 2.0) for _ in range(SHAPE[1])] for _ in range(SHAPE[0])] for _ in range(BATCH)])
    labels = torch.tensor([i % CLASSES for i in range(BATCH)])
    regression = torch.tensor([[rng.gauss(0.0, 1.0) for _ in range(CLASSES)] for _ in range(BATCH)])
    inputs = SHAPE[0] * SHAPE[1]
    limit0, limit1 = math.sqrt(6.0 / (inputs + HIDDEN)), math.sqrt(6.0 / (HIDDEN + CLASSES))
    weights = [torch.tensor([[rng.uniform(-limit0, limit0) for _ in range(HIDDEN)] for _ in range(inputs)]),
               torch.tensor([rng.uniform(-0.1, 0.1) for _ in range(HIDDEN)]),
               torch.tensor([[rng.uniform(-limit1, limit1) for _ in range(CLASSES)] for _ in range(HIDDEN)]),
               torch.tensor([rng.uniform(-0.1, 0.1) for _ in range(CLASSES)])]
    return x, F.one_hot(labels, CLASSES).to(torch.float64), regression, weights


def forward(weights, x, output):
    rescaled = x * SCALE + OFFSET                          # Rescaling: x * scale + offset
    flat = rescaled.reshape(x.shape[0], -1)                # Flatten: C order, as numpy's reshape
    hidden = torch.tanh(flat @ weights[0] + weights[1])
    logits = hidden @ weights[2] + weights[3]
    return torch.softmax(logits, dim=-1) if output == "softmax" else logits


CASES = [
    {"name": "sgd_categorical_crossentropy", "output": "softmax", "loss": "categorical_crossentropy",
     "optimizer": {"class": "SGD", "learning_rate": 0.5}},
    {"name": "adam_mean_squared_error", "output": "linear", "loss": "mean_squared_error",
     "optimizer": {"class": "Adam", "learning_rate": 0.05}},
]
LOSS_FUNCTIONS = {"categorical_crossentropy": ring1.categorical_crossentropy,
                  "mean_squared_error": ring1.mean_squared_error}


def loss_of(case, weights, x, y):
    return LOSS_FUNCTIONS[case["loss"]](y, forward(weights, x, case["output"]))


def gradients(case, weights, x, y):
    live = [w.clone().requires_grad_(True) for w in weights]
    value = loss_of(case, live, x, y)
    return value.item(), [g.detach() for g in torch.autograd.grad(value, live)]


def check_central_differences(case, weights, x, y, h=1e-6):
    _, analytic = gradients(case, weights, x, y)
    for w, g in zip(weights, analytic):
        flat_w, flat_g = w.view(-1), g.reshape(-1)
        for i in range(flat_w.numel()):
            keep = flat_w[i].item()
            flat_w[i] = keep + h
            plus = loss_of(case, weights, x, y).item()
            flat_w[i] = keep - h
            minus = loss_of(case, weights, x, y).item()
            flat_w[i] = keep
            numeric = (plus - minus) / (2 * h)
            assert abs(numeric - flat_g[i].item()) <= 1e-7 * max(1.0, abs(numeric)), (case["name"], numeric, flat_g[i])


def run(case, x, y, weights):
    weights = [w.clone() for w in weights]
    check_central_differences(case, weights, x, y)
    optimizer = ring1.make_optimizer(case["optimizer"], weights)
    trajectory = []
    for step in range(STEPS):
        loss, grads = gradients(case, weights, x, y)
        optimizer.step(weights, grads, ring1.learning_rate_at(case["optimizer"], step), step)
        trajectory.append({"step": step, "loss": loss, "gradients": [g.tolist() for g in grads],
                           "weights_after": [w.tolist() for w in weights]})
    return trajectory


def main():
    x, one_hot, regression, weights = problem()
    cases = []
    for case in CASES:
        y = one_hot if case["loss"] == "categorical_crossentropy" else regression
        entry = dict(case)
        entry.update({"scale": SCALE, "offset": OFFSET, "x": x.tolist(), "y": y.tolist(),
                      "weights": [w.tolist() for w in weights], "trajectory": run(case, x, y, weights)})
        cases.append(entry)
    payload = {"title": "Input((2, 3)) -> Rescaling(0.5, -0.25) -> Flatten -> Dense(5, tanh) -> Dense(3): "
                        "five full-batch steps", "generator": "optim/src/test/python/shape_reference.py",
               "torch_version": torch.__version__.split("+")[0], "dtype": "float64", "cases": cases}
    path = ring1.OUT_DIR / "shapes.json"
    path.write_text(ring1.to_json(payload) + "\n")
    print("wrote", path, path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
