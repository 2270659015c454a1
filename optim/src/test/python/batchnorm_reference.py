#!/usr/bin/env python3
"""Independent float64 reference for backprop4j's BatchNormalization and LayerNormalization in training.

A small network, Dense(5, tanh) -> BatchNormalization -> Dense(4, relu) -> LayerNormalization ->
Dense(3, softmax), trained for 5 full-batch steps: gradients from PyTorch's autograd (float64), the
normalisations written out from Keras 3's formulas (keras/src/layers/normalization/batch_normalization.py,
layer_normalization.py, keras/src/ops/nn.py: inv = gamma / sqrt(var + epsilon), y = x inv + (beta - mean inv);
batch mean and biased variance; moving = moving * momentum + batch * (1 - momentum), after each step), the
optimizers' rules imported from ring 1's keras_reference.py beside this file (not edited).

Cases: trained with Adam and with SGD (momentum, Nesterov), and with the BatchNormalization frozen
(Keras: `training and self.trainable` is false, so it normalises with the moving statistics, which stay).

Run from the repository root (Debian's python3-torch):

    /usr/bin/python3 optim/src/test/python/batchnorm_reference.py

It writes optim/src/test/resources/reference/batchnorm.json, read by
examples/src/test/java/org/backprop4j/integration/BatchNormReferenceTrainingTest.java. Before writing it
checks every autograd gradient against central differences.
"""
import random

import torch

from keras_reference import OUT_DIR, KerasAdam, KerasSGD, categorical_crossentropy, to_json

torch.set_default_dtype(torch.float64)

SEED = 21
STEPS = 5
INPUTS, HIDDEN, HIDDEN2, CLASSES, BATCH = 4, 5, 4, 3, 8
BN_MOMENTUM, BN_EPSILON, LN_EPSILON = 0.9, 1e-3, 1e-3
NAMES = ["dense/kernel", "dense/bias", "batch_normalization/gamma", "batch_normalization/beta",
         "batch_normalization/moving_mean", "batch_normalization/moving_variance", "dense_1/kernel", "dense_1/bias",
         "layer_normalization/gamma", "layer_normalization/beta", "dense_2/kernel", "dense_2/bias"]
MOVING = (4, 5)   # indices of the non-trainable weights


def make_problem():
    rng = random.Random(SEED)

    def matrix(rows, cols, draw):
        return torch.tensor([[draw() for _ in range(cols)] for _ in range(rows)])

    def vector(n, draw):
        return torch.tensor([draw() for _ in range(n)])

    x = matrix(BATCH, INPUTS, lambda: rng.gauss(0.5, 2.0))
    labels = [i % CLASSES for i in range(BATCH)]
    rng.shuffle(labels)
    y = torch.nn.functional.one_hot(torch.tensor(labels), CLASSES).to(torch.float64)
    weights = [matrix(INPUTS, HIDDEN, lambda: rng.uniform(-0.8, 0.8)), vector(HIDDEN, lambda: rng.gauss(0, 0.1)),
               vector(HIDDEN, lambda: 1 + rng.gauss(0, 0.1)), vector(HIDDEN, lambda: rng.gauss(0, 0.1)),
               torch.zeros(HIDDEN), torch.ones(HIDDEN),
               matrix(HIDDEN, HIDDEN2, lambda: rng.uniform(-0.8, 0.8)), vector(HIDDEN2, lambda: rng.gauss(0, 0.1)),
               vector(HIDDEN2, lambda: 1 + rng.gauss(0, 0.1)), vector(HIDDEN2, lambda: rng.gauss(0, 0.1)),
               matrix(HIDDEN2, CLASSES, lambda: rng.uniform(-0.8, 0.8)), vector(CLASSES, lambda: rng.gauss(0, 0.1))]
    return x, y, weights


def normalize(x, mean, variance, epsilon, gamma, beta):
    inv = gamma / torch.sqrt(variance + epsilon)
    return x * inv + (beta - mean * inv)


def forward(w, x, bn_training):
    """Predictions, and the batch statistics of the BatchNormalization (None when it uses the moving ones)."""
    h = torch.tanh(x @ w[0] + w[1])
    if bn_training:
        mean = h.mean(0)
        variance = ((h - mean) ** 2).mean(0)
        stats = (mean.detach().clone(), variance.detach().clone())
    else:
        mean, variance, stats = w[4], w[5], None
    h = normalize(h, mean, variance, BN_EPSILON, w[2], w[3])
    h = torch.relu(h @ w[6] + w[7])
    row_mean = h.mean(1, keepdim=True)
    row_variance = ((h - row_mean) ** 2).mean(1, keepdim=True)
    h = normalize(h, row_mean, row_variance, LN_EPSILON, w[8], w[9])
    return torch.softmax(h @ w[10] + w[11], dim=1), stats


def trainable(frozen):
    return [i for i in range(len(NAMES)) if i not in MOVING and not (frozen and i in (2, 3))]


def loss_and_gradients(w, x, y, frozen):
    params = [t.detach().clone().requires_grad_(i in trainable(frozen)) for i, t in enumerate(w)]
    p, stats = forward(params, x, not frozen)
    loss = categorical_crossentropy(y, p)
    loss.backward()
    gradients = [params[i].grad.detach().clone() if i in trainable(frozen) else torch.zeros_like(w[i])
                 for i in range(len(w))]
    return loss.item(), gradients, stats


def central_difference_check(w, x, y, frozen, h=1e-6):
    _, gradients, _ = loss_and_gradients(w, x, y, frozen)
    worst = 0.0
    for i in trainable(frozen):
        flat = w[i].view(-1)
        for k in range(flat.numel()):
            original = flat[k].item()
            flat[k] = original + h
            plus = categorical_crossentropy(y, forward(w, x, not frozen)[0]).item()
            flat[k] = original - h
            minus = categorical_crossentropy(y, forward(w, x, not frozen)[0]).item()
            flat[k] = original
            numeric = (plus - minus) / (2 * h)
            exact = gradients[i].view(-1)[k].item()
            difference = abs(numeric - exact)
            if difference > 1e-10:
                worst = max(worst, difference / max(abs(numeric), abs(exact)))
    assert worst < 1e-6, "autograd disagrees with central differences: %g" % worst
    return worst


def run_case(name, optimizer_spec, frozen):
    x, y, w = make_problem()
    keep = trainable(frozen)
    optimizer = (KerasAdam if optimizer_spec["name"] == "Adam" else KerasSGD)(optimizer_spec, [w[i] for i in keep])
    trajectory = []
    for step in range(STEPS):
        check = central_difference_check(w, x, y, frozen)
        loss, gradients, stats = loss_and_gradients(w, x, y, frozen)
        optimizer.step([w[i] for i in keep], [gradients[i] for i in keep], optimizer_spec["learning_rate"], step)
        if stats is not None:   # after the optimizer, as the step's state update
            w[4].copy_(w[4] * BN_MOMENTUM + stats[0] * (1 - BN_MOMENTUM))
            w[5].copy_(w[5] * BN_MOMENTUM + stats[1] * (1 - BN_MOMENTUM))
        trajectory.append({"step": step, "loss": loss, "gradient_check": check,
                           "gradients": [g.tolist() for g in gradients],
                           "weights_after": [t.tolist() for t in w]})
    x0, y0, initial = make_problem()
    return {"name": name, "optimizer": optimizer_spec, "frozen_batch_normalization": frozen,
            "batch_normalization": {"momentum": BN_MOMENTUM, "epsilon": BN_EPSILON},
            "layer_normalization": {"epsilon": LN_EPSILON},
            "x": x0.tolist(), "y": y0.tolist(), "weight_names": NAMES, "initial_weights": [t.tolist() for t in initial],
            "trajectory": trajectory, "predict": forward(w, x0, False)[0].tolist()}


def main():
    cases = [run_case("adam", {"name": "Adam", "learning_rate": 0.01}, False),
             run_case("sgd_nesterov", {"name": "SGD", "learning_rate": 0.1, "momentum": 0.9, "nesterov": True}, False),
             run_case("adam_frozen_bn", {"name": "Adam", "learning_rate": 0.01}, True)]
    payload = {"title": "Dense-BatchNormalization-Dense-LayerNormalization-Dense, 5 full-batch steps",
               "generator": "optim/src/test/python/batchnorm_reference.py",
               "torch_version": torch.__version__.split("+")[0], "dtype": "float64", "cases": cases}
    path = OUT_DIR / "batchnorm.json"
    path.write_text(to_json(payload) + "\n")
    print("wrote", path, path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
