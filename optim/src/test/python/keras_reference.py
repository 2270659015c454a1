#!/usr/bin/env python3
"""Independent reference numbers for backprop4j's Keras-parity tests.

Gradients come from PyTorch's autograd (float64); the losses, regularisers, learning-rate
schedules and optimizer update rules are written out here from Keras 3's formulas
(keras/src/optimizers/{sgd,adam,rmsprop,adagrad}.py, keras/src/optimizers/base_optimizer.py,
keras/src/optimizers/schedules/learning_rate_schedule.py, keras/src/losses/losses.py,
keras/src/backend/{numpy,jax,torch,tensorflow}/nn.py, keras/src/regularizers/regularizers.py,
keras/src/trainers/trainer.py), keeping Keras' order of operations.

Before writing anything the script checks itself against Keras' own golden numbers (the single
steps and golden sequences of the optimizer tests, the schedule tests, the loss docstrings and
tests, the fit-with-ExponentialDecay test) and checks every autograd gradient against central
differences. It also runs torch.optim where a PyTorch optimizer exists and records how far it
lands from the Keras rule (they differ in where epsilon goes).

Run from the repository root (Debian: apt-get install python3-torch; torch is not needed by the
Java build or its tests, only to regenerate these files):

    /usr/bin/python3 optim/src/test/python/keras_reference.py

It rewrites the JSON files in optim/src/test/resources/reference/ (the output is deterministic:
rerunning gives the same bytes, except the "torch_version" field if PyTorch changes).
"""
import argparse
import json
import math
import pathlib
import random

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

EPSILON = 1e-7          # keras.backend.epsilon(): the probability clipping margin
SEED = 11               # data and initial weights (Python's random.Random: stable across versions)
STEPS = 5               # full-batch steps per training case
INPUTS, HIDDEN, CLASSES, BATCH = 4, 5, 3, 8
WEIGHT_NAMES = ["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"]
OUT_DIR = pathlib.Path(__file__).resolve().parents[1] / "resources" / "reference"


# --------------------------------------------------------------------------------------------
# Data and the fixed network: Dense(5, tanh) -> Dense(3, <output activation>), inputs 4, batch 8
# --------------------------------------------------------------------------------------------

def make_problem():
    rng = random.Random(SEED)

    def matrix(rows, cols, draw):
        return torch.tensor([[draw() for _ in range(cols)] for _ in range(rows)])

    x = matrix(BATCH, INPUTS, lambda: rng.gauss(0.0, 1.0))
    labels = [i % CLASSES for i in range(BATCH)]
    rng.shuffle(labels)
    labels = torch.tensor(labels)
    regression = matrix(BATCH, CLASSES, lambda: rng.gauss(0.0, 1.5))
    binary = matrix(BATCH, CLASSES, lambda: 1.0 if rng.random() < 0.5 else 0.0)
    limit0 = math.sqrt(6.0 / (INPUTS + HIDDEN))     # glorot_uniform limits
    limit1 = math.sqrt(6.0 / (HIDDEN + CLASSES))
    weights = [
        matrix(INPUTS, HIDDEN, lambda: rng.uniform(-limit0, limit0)),
        torch.tensor([rng.uniform(-0.1, 0.1) for _ in range(HIDDEN)]),   # non-zero: l1 has a kink at 0
        matrix(HIDDEN, CLASSES, lambda: rng.uniform(-limit1, limit1)),
        torch.tensor([rng.uniform(-0.1, 0.1) for _ in range(CLASSES)]),
    ]
    return {"x": x, "labels": labels, "one_hot": F.one_hot(labels, CLASSES).to(torch.float64),
            "regression": regression, "binary": binary, "weights": weights}


def forward(weights, x, output_activation):
    kernel0, bias0, kernel1, bias1 = weights
    hidden = torch.tanh(x @ kernel0 + bias0)
    logits = hidden @ kernel1 + bias1
    if output_activation == "softmax":
        return torch.softmax(logits, dim=-1)
    if output_activation == "sigmoid":
        return torch.sigmoid(logits)
    if output_activation == "linear":
        return logits
    raise ValueError(output_activation)


def logits_of(weights, x):
    return forward(weights, x, "linear")


# --------------------------------------------------------------------------------------------
# Losses: Keras 3 semantics, reduction "sum_over_batch_size" (mean over the samples of the
# per-sample loss; per-sample = sum over classes for the cross-entropies, mean over the last axis
# for binary cross-entropy, mae, mse and huber).
# Probabilities follow keras/src/backend/{numpy,jax,torch}/nn.py: divide by the row sum, clip to
# [eps, 1 - eps], log. Gradients flow through the clip (zero where an entry is clipped).
# --------------------------------------------------------------------------------------------

def categorical_crossentropy(y, p):
    p = p / p.sum(dim=-1, keepdim=True)
    p = torch.clamp(p, EPSILON, 1.0 - EPSILON)
    return (-(y * torch.log(p)).sum(dim=-1)).mean()


def categorical_crossentropy_from_logits(y, z):
    return (-(y * torch.log_softmax(z, dim=-1)).sum(dim=-1)).mean()


def sparse_categorical_crossentropy(labels, p):
    return categorical_crossentropy(F.one_hot(labels, p.shape[-1]).to(p.dtype), p)


def sparse_categorical_crossentropy_from_logits(labels, z):
    return categorical_crossentropy_from_logits(F.one_hot(labels, z.shape[-1]).to(z.dtype), z)


def binary_crossentropy(y, p):
    p = torch.clamp(p, EPSILON, 1.0 - EPSILON)
    return (-(y * torch.log(p) + (1.0 - y) * torch.log(1.0 - p)).mean(dim=-1)).mean()


def binary_crossentropy_from_logits(y, z):
    # tf.nn.sigmoid_cross_entropy_with_logits / jax log_sigmoid / torch BCE-with-logits: no clipping
    per_element = torch.clamp(z, min=0.0) - z * y + torch.log1p(torch.exp(-torch.abs(z)))
    return per_element.mean(dim=-1).mean()


def mean_squared_error(y, p):
    return torch.square(y - p).mean(dim=-1).mean()


def mean_absolute_error(y, p):
    return torch.abs(y - p).mean(dim=-1).mean()


def huber(y, p, delta=1.0):
    error = p - y
    abs_error = torch.abs(error)
    per_element = torch.where(abs_error <= delta, 0.5 * torch.square(error),
                              delta * abs_error - 0.5 * delta * delta)
    return per_element.mean(dim=-1).mean()


def regularization_penalty(weights, regularizers):
    """Sum over the regularised weights of l1 * sum|w| + l2 * sum w^2 (Keras' L1, L2, L1L2);
    Keras' trainer adds this sum, unscaled, to the batch's mean loss."""
    total = torch.zeros(())
    for w, reg in zip(weights, regularizers):
        if reg is None:
            continue
        if reg.get("l1", 0.0) != 0.0:
            total = total + reg["l1"] * torch.sum(torch.abs(w))
        if reg.get("l2", 0.0) != 0.0:
            total = total + reg["l2"] * torch.sum(torch.square(w))
    return total


# --------------------------------------------------------------------------------------------
# Learning-rate schedules, evaluated at the optimizer's iteration count before the update
# --------------------------------------------------------------------------------------------

def schedule_value(spec, step):
    kind = spec["class"]
    step = float(step)
    if kind == "ExponentialDecay":
        p = step / spec["decay_steps"]
        if spec["staircase"]:
            p = math.floor(p)
        return spec["initial_learning_rate"] * math.pow(spec["decay_rate"], p)
    if kind == "InverseTimeDecay":
        p = step / spec["decay_steps"]
        if spec["staircase"]:
            p = math.floor(p)
        return spec["initial_learning_rate"] / (1.0 + spec["decay_rate"] * p)
    if kind == "PiecewiseConstantDecay":
        boundaries, values = spec["boundaries"], spec["values"]
        for boundary, value in zip(boundaries, values):
            if step <= boundary:
                return float(value)
        return float(values[-1])
    if kind == "CosineDecay":
        initial, decay_steps, alpha = spec["initial_learning_rate"], spec["decay_steps"], spec["alpha"]
        target, warmup_steps = spec.get("warmup_target"), spec.get("warmup_steps", 0)

        def decay(s, from_lr):
            fraction = s / decay_steps
            cosine = 0.5 * (1.0 + math.cos(math.pi * fraction))
            return from_lr * ((1 - alpha) * cosine + alpha)

        if target is None:
            return decay(min(step, decay_steps), initial)
        step = min(step, decay_steps + warmup_steps)
        if step < warmup_steps:
            return (target - initial) * (step / warmup_steps) + initial
        return decay(step - warmup_steps, target)
    raise ValueError(kind)


def learning_rate_at(optimizer_spec, iterations):
    lr = optimizer_spec["learning_rate"]
    return schedule_value(lr, iterations) if isinstance(lr, dict) else lr


# --------------------------------------------------------------------------------------------
# Optimizers: Keras 3 update rules, same operation order as keras/src/optimizers/*.py.
# step(weights, gradients, lr) updates the weights in place; iterations counts finished steps.
# --------------------------------------------------------------------------------------------

class KerasSGD:
    def __init__(self, spec, weights):
        self.momentum, self.nesterov = spec.get("momentum", 0.0), spec.get("nesterov", False)
        self.slots = {"momentum": [torch.zeros_like(w) for w in weights]} if self.momentum != 0 else {}

    def step(self, weights, gradients, lr, iterations):
        for i, (w, g) in enumerate(zip(weights, gradients)):
            if self.momentum != 0:
                m = self.slots["momentum"][i]
                m.copy_(m * self.momentum - g * lr)
                if self.nesterov:
                    w.add_(m * self.momentum - g * lr)
                else:
                    w.add_(m)
            else:
                w.sub_(g * lr)


class KerasAdam:
    def __init__(self, spec, weights):
        self.beta_1, self.beta_2 = spec.get("beta_1", 0.9), spec.get("beta_2", 0.999)
        self.epsilon, self.amsgrad = spec.get("epsilon", 1e-7), spec.get("amsgrad", False)
        self.slots = {"momentum": [torch.zeros_like(w) for w in weights],
                      "velocity": [torch.zeros_like(w) for w in weights]}
        if self.amsgrad:
            self.slots["velocity_hat"] = [torch.zeros_like(w) for w in weights]

    def step(self, weights, gradients, lr, iterations):
        local_step = float(iterations + 1)
        beta_1_power = math.pow(self.beta_1, local_step)
        beta_2_power = math.pow(self.beta_2, local_step)
        alpha = lr * math.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        for i, (w, g) in enumerate(zip(weights, gradients)):
            m, v = self.slots["momentum"][i], self.slots["velocity"][i]
            m.add_((g - m) * (1 - self.beta_1))
            v.add_((torch.square(g) - v) * (1 - self.beta_2))
            if self.amsgrad:
                v_hat = self.slots["velocity_hat"][i]
                v_hat.copy_(torch.maximum(v_hat, v))
                v = v_hat
            w.sub_((m * alpha) / (torch.sqrt(v) + self.epsilon))


class KerasRMSprop:
    def __init__(self, spec, weights):
        self.rho, self.momentum = spec.get("rho", 0.9), spec.get("momentum", 0.0)
        self.epsilon, self.centered = spec.get("epsilon", 1e-7), spec.get("centered", False)
        self.slots = {"velocity": [torch.zeros_like(w) for w in weights]}
        if self.momentum > 0:
            self.slots["momentum"] = [torch.zeros_like(w) for w in weights]
        if self.centered:
            self.slots["average_gradient"] = [torch.zeros_like(w) for w in weights]

    def step(self, weights, gradients, lr, iterations):
        rho = self.rho
        for i, (w, g) in enumerate(zip(weights, gradients)):
            velocity = self.slots["velocity"][i]
            velocity.copy_(rho * velocity + (1 - rho) * torch.square(g))
            if self.centered:
                average = self.slots["average_gradient"][i]
                average.copy_(rho * average + (1 - rho) * g)
                denominator = velocity - torch.square(average) + self.epsilon
            else:
                denominator = velocity + self.epsilon
            increment = (lr * g) / torch.sqrt(denominator)
            if self.momentum > 0:
                momentum = self.slots["momentum"][i]
                momentum.copy_(self.momentum * momentum + increment)
                w.sub_(momentum)
            else:
                w.sub_(increment)


class KerasAdagrad:
    def __init__(self, spec, weights):
        self.epsilon = spec.get("epsilon", 1e-7)
        initial = spec.get("initial_accumulator_value", 0.1)
        self.slots = {"accumulator": [torch.full_like(w, initial) for w in weights]}

    def step(self, weights, gradients, lr, iterations):
        for i, (w, g) in enumerate(zip(weights, gradients)):
            accumulator = self.slots["accumulator"][i]
            accumulator.add_(torch.square(g))
            w.sub_((lr * g) / torch.sqrt(accumulator + self.epsilon))


OPTIMIZERS = {"SGD": KerasSGD, "Adam": KerasAdam, "RMSprop": KerasRMSprop, "Adagrad": KerasAdagrad}


def make_optimizer(spec, weights):
    return OPTIMIZERS[spec["class"]](spec, weights)


def apply_steps(spec, weights, gradient_sequence):
    """Applies the gradients one step each (a Keras optimizer on fixed gradients); returns the
    weights after every step."""
    optimizer = make_optimizer(spec, weights)
    history = []
    for iterations, gradients in enumerate(gradient_sequence):
        optimizer.step(weights, gradients, learning_rate_at(spec, iterations), iterations)
        history.append([w.clone() for w in weights])
    return history


# --------------------------------------------------------------------------------------------
# Training cases
# --------------------------------------------------------------------------------------------

LOSSES = {
    ("categorical_crossentropy", False): categorical_crossentropy,
    ("categorical_crossentropy", True): categorical_crossentropy_from_logits,
    ("sparse_categorical_crossentropy", False): sparse_categorical_crossentropy,
    ("sparse_categorical_crossentropy", True): sparse_categorical_crossentropy_from_logits,
    ("binary_crossentropy", False): binary_crossentropy,
    ("binary_crossentropy", True): binary_crossentropy_from_logits,
    ("mean_squared_error", False): mean_squared_error,
    ("mean_absolute_error", False): mean_absolute_error,
    ("huber", False): huber,
}


def targets_for(loss_spec, problem):
    name = loss_spec["name"]
    if name == "categorical_crossentropy":
        return problem["one_hot"]
    if name == "sparse_categorical_crossentropy":
        return problem["labels"]
    if name == "binary_crossentropy":
        return problem["binary"]
    return problem["regression"]


def loss_terms(case, weights, x, targets):
    """(total, data loss, penalty) as Keras' trainer computes them for one batch."""
    loss_spec = case["loss"]
    output = forward(weights, x, case["output_activation"])
    function = LOSSES[(loss_spec["name"], loss_spec.get("from_logits", False))]
    if loss_spec["name"] == "huber":
        data_loss = function(targets, output, loss_spec["delta"])
    else:
        data_loss = function(targets, output)
    penalty = regularization_penalty(weights, case["regularizers"])
    return data_loss + penalty, data_loss, penalty


def gradients_at(case, weights, x, targets):
    leaves = [w.clone().requires_grad_(True) for w in weights]
    total, data_loss, penalty = loss_terms(case, leaves, x, targets)
    gradients = torch.autograd.grad(total, leaves)
    return total.item(), data_loss.item(), penalty.item(), [g.detach() for g in gradients]


def central_difference_check(case, weights, x, targets, h=1e-6):
    """Worst relative error of autograd's gradient against central differences."""
    _, _, _, analytic = gradients_at(case, weights, x, targets)
    worst = 0.0
    for index, w in enumerate(weights):
        flat = w.reshape(-1)
        for j in range(flat.numel()):
            saved = flat[j].item()
            flat[j] = saved + h
            plus = loss_terms(case, weights, x, targets)[0].item()
            flat[j] = saved - h
            minus = loss_terms(case, weights, x, targets)[0].item()
            flat[j] = saved
            numeric = (plus - minus) / (2 * h)
            exact = analytic[index].reshape(-1)[j].item()
            worst = max(worst, abs(numeric - exact) / max(1e-8, abs(numeric) + abs(exact)))
    return worst


def as_list(t):
    return t.tolist()


def run_case(case, problem, steps=STEPS):
    weights = [w.clone() for w in problem["weights"]]
    x, targets = problem["x"], targets_for(case["loss"], problem)
    worst = central_difference_check(case, [w.clone() for w in weights], x, targets)
    assert worst < 1e-6, (case["name"], "gradient check", worst)
    optimizer = make_optimizer(case["optimizer"], weights)
    trajectory = []
    for iterations in range(steps):
        total, data_loss, penalty, gradients = gradients_at(case, weights, x, targets)
        lr = learning_rate_at(case["optimizer"], iterations)
        optimizer.step(weights, gradients, lr, iterations)
        trajectory.append({
            "step": iterations + 1, "iterations_before": iterations, "learning_rate": lr,
            "loss": total, "data_loss": data_loss, "penalty": penalty,
            "gradients": [as_list(g) for g in gradients],
            "weights_after": [as_list(w) for w in weights],
        })
    final_total, final_data, final_penalty, _ = gradients_at(case, weights, x, targets)
    if case["loss"]["name"] == "sparse_categorical_crossentropy":
        y = [[int(v)] for v in targets.tolist()]
    else:
        y = as_list(targets)
    record = {
        "name": case["name"], "description": case["description"],
        "model": model_spec(case), "loss": case["loss"], "optimizer": case["optimizer"],
        "x": as_list(x), "y": y,
        "weight_names": WEIGHT_NAMES,
        "initial_weights": [as_list(w) for w in problem["weights"]],
        "gradient_check_worst_relative_error": worst,
        "trajectory": trajectory,
        "final": {"loss": final_total, "data_loss": final_data, "penalty": final_penalty,
                  "optimizer_state": {"iterations": steps,
                                      "slots": {k: [as_list(s) for s in v] for k, v in optimizer.slots.items()}}},
    }
    return record, weights


def model_spec(case):
    def regularizer(reg):
        if reg is None:
            return None
        if "l1" in reg and "l2" in reg:
            return {"class": "L1L2", "l1": reg["l1"], "l2": reg["l2"]}
        return {"class": "L1", "l1": reg["l1"]} if "l1" in reg else {"class": "L2", "l2": reg["l2"]}

    regs = case["regularizers"]
    return {"input_dim": INPUTS, "layers": [
        {"class": "Dense", "units": HIDDEN, "activation": "tanh",
         "kernel_regularizer": regularizer(regs[0]), "bias_regularizer": regularizer(regs[1])},
        {"class": "Dense", "units": CLASSES, "activation": case["output_activation"],
         "kernel_regularizer": regularizer(regs[2]), "bias_regularizer": regularizer(regs[3])},
    ]}


NO_REGULARIZERS = [None, None, None, None]
CCE = {"name": "categorical_crossentropy", "from_logits": False}


def optimizer_cases():
    def case(name, description, optimizer):
        return {"name": name, "description": description, "loss": CCE, "output_activation": "softmax",
                "regularizers": NO_REGULARIZERS, "optimizer": optimizer}

    return [
        case("sgd", "SGD, plain", {"class": "SGD", "learning_rate": 0.1, "momentum": 0.0, "nesterov": False}),
        case("sgd_momentum", "SGD with momentum 0.9",
             {"class": "SGD", "learning_rate": 0.1, "momentum": 0.9, "nesterov": False}),
        case("sgd_nesterov", "SGD with Nesterov momentum 0.9",
             {"class": "SGD", "learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
        case("adam", "Adam, Keras defaults except the learning rate",
             {"class": "Adam", "learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7,
              "amsgrad": False}),
        case("adam_amsgrad", "Adam with amsgrad; beta_2 0.5 so that the running maximum of v differs from v "
                             "within five steps (the file records where it does)",
             {"class": "Adam", "learning_rate": 0.05, "beta_1": 0.9, "beta_2": 0.5, "epsilon": 1e-7,
              "amsgrad": True}),
        case("adam_same_as_amsgrad_case_without_amsgrad", "The adam_amsgrad settings with amsgrad off: "
                                                          "shows that amsgrad changes the result",
             {"class": "Adam", "learning_rate": 0.05, "beta_1": 0.9, "beta_2": 0.5, "epsilon": 1e-7,
              "amsgrad": False}),
        case("rmsprop", "RMSprop, plain",
             {"class": "RMSprop", "learning_rate": 0.01, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7,
              "centered": False}),
        case("rmsprop_momentum", "RMSprop with momentum 0.9",
             {"class": "RMSprop", "learning_rate": 0.01, "rho": 0.9, "momentum": 0.9, "epsilon": 1e-7,
              "centered": False}),
        case("rmsprop_centered", "RMSprop, centered",
             {"class": "RMSprop", "learning_rate": 0.01, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7,
              "centered": True}),
        case("rmsprop_centered_momentum", "RMSprop, centered, with momentum 0.5",
             {"class": "RMSprop", "learning_rate": 0.01, "rho": 0.9, "momentum": 0.5, "epsilon": 1e-7,
              "centered": True}),
        case("adagrad", "Adagrad",
             {"class": "Adagrad", "learning_rate": 0.1, "initial_accumulator_value": 0.1, "epsilon": 1e-7}),
        case("adam_exponential_decay", "Adam whose learning rate is ExponentialDecay(0.01, 2, 0.5): "
                                       "0.01 * 0.5^(iterations / 2), iterations = 0 for the first step",
             {"class": "Adam", "learning_rate": {"class": "ExponentialDecay", "initial_learning_rate": 0.01,
                                                 "decay_steps": 2, "decay_rate": 0.5, "staircase": False},
              "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7, "amsgrad": False}),
        case("sgd_nesterov_piecewise_constant", "SGD (Nesterov 0.9) whose learning rate is "
                                                "PiecewiseConstantDecay([1, 3], [0.1, 0.05, 0.01])",
             {"class": "SGD", "learning_rate": {"class": "PiecewiseConstantDecay", "boundaries": [1, 3],
                                                "values": [0.1, 0.05, 0.01]},
              "momentum": 0.9, "nesterov": True}),
        case("rmsprop_inverse_time_decay", "RMSprop whose learning rate is InverseTimeDecay(0.01, 1, 0.5)",
             {"class": "RMSprop", "learning_rate": {"class": "InverseTimeDecay", "initial_learning_rate": 0.01,
                                                    "decay_steps": 1, "decay_rate": 0.5, "staircase": False},
              "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7, "centered": False}),
        case("adagrad_cosine_decay", "Adagrad whose learning rate is CosineDecay(0.1, 4, alpha 0.1)",
             {"class": "Adagrad", "learning_rate": {"class": "CosineDecay", "initial_learning_rate": 0.1,
                                                    "decay_steps": 4, "alpha": 0.1},
              "initial_accumulator_value": 0.1, "epsilon": 1e-7}),
    ]


SGD_01 = {"class": "SGD", "learning_rate": 0.1, "momentum": 0.0, "nesterov": False}


def loss_cases():
    def case(name, description, loss, activation):
        return {"name": name, "description": description, "loss": loss, "output_activation": activation,
                "regularizers": NO_REGULARIZERS, "optimizer": SGD_01}

    return [
        case("sparse_categorical_crossentropy", "softmax output, integer labels (y has shape (8, 1))",
             {"name": "sparse_categorical_crossentropy", "from_logits": False}, "softmax"),
        case("sparse_categorical_crossentropy_from_logits", "linear output (logits), integer labels",
             {"name": "sparse_categorical_crossentropy", "from_logits": True}, "linear"),
        case("categorical_crossentropy", "softmax output, one-hot labels", CCE, "softmax"),
        case("categorical_crossentropy_from_logits", "linear output (logits), one-hot labels",
             {"name": "categorical_crossentropy", "from_logits": True}, "linear"),
        case("binary_crossentropy", "sigmoid output, 0/1 targets in 3 columns",
             {"name": "binary_crossentropy", "from_logits": False}, "sigmoid"),
        case("binary_crossentropy_from_logits", "linear output (logits), 0/1 targets in 3 columns",
             {"name": "binary_crossentropy", "from_logits": True}, "linear"),
        case("mean_squared_error", "linear output, real targets", {"name": "mean_squared_error"}, "linear"),
        case("mean_absolute_error", "linear output, real targets", {"name": "mean_absolute_error"}, "linear"),
        case("huber", "linear output, real targets; some errors above delta and some below at every step",
             {"name": "huber", "delta": 1.0}, "linear"),
    ]


def regularizer_cases():
    def case(name, description, regularizers):
        return {"name": name, "description": description, "loss": CCE, "output_activation": "softmax",
                "regularizers": regularizers, "optimizer": SGD_01}

    return [
        case("l2_kernels", "kernel_regularizer l2(0.01) on both Dense layers",
             [{"l2": 0.01}, None, {"l2": 0.01}, None]),
        case("l1_kernels", "kernel_regularizer l1(0.01) on both Dense layers",
             [{"l1": 0.01}, None, {"l1": 0.01}, None]),
        case("l1l2_kernels", "kernel_regularizer l1l2(l1=0.01, l2=0.02) on both Dense layers",
             [{"l1": 0.01, "l2": 0.02}, None, {"l1": 0.01, "l2": 0.02}, None]),
        case("mixed_kernel_and_bias", "first layer: kernel l2(0.05), bias l1(0.02); second layer: kernel "
                                      "l1l2(0.01, 0.01), bias l2(0.1)",
             [{"l2": 0.05}, {"l1": 0.02}, {"l1": 0.01, "l2": 0.01}, {"l2": 0.1}]),
    ]


# --------------------------------------------------------------------------------------------
# Clipping: a saturated network where some probabilities fall outside [1e-7, 1 - 1e-7]
# --------------------------------------------------------------------------------------------

def clipping_cases(problem):
    saturated = [w.clone() for w in problem["weights"]]
    saturated[2] = saturated[2] * 40.0
    x = problem["x"]
    cases = []
    specs = [
        ("categorical_crossentropy", "softmax", problem["one_hot"], categorical_crossentropy,
         categorical_crossentropy_from_logits),
        ("sparse_categorical_crossentropy", "softmax", problem["labels"], sparse_categorical_crossentropy,
         sparse_categorical_crossentropy_from_logits),
        ("binary_crossentropy", "sigmoid", problem["binary"], binary_crossentropy, binary_crossentropy_from_logits),
    ]
    for name, activation, targets, on_probabilities, on_logits in specs:
        leaves = [w.clone().requires_grad_(True) for w in saturated]
        probabilities = forward(leaves, x, activation)
        clipped_value = on_probabilities(targets, probabilities)
        clipped_gradients = torch.autograd.grad(clipped_value, leaves)
        leaves = [w.clone().requires_grad_(True) for w in saturated]
        logits_value = on_logits(targets, logits_of(leaves, x))
        logits_gradients = torch.autograd.grad(logits_value, leaves)
        p = probabilities.detach()
        below = int((p < EPSILON).sum())
        above = int((p > 1 - EPSILON).sum())
        assert below + above > 0, name
        # the value the current backprop4j losses compute: clipped value, no renormalisation
        if name == "binary_crossentropy":
            unnormalised = binary_crossentropy(targets, p)
        else:
            y = targets if name == "categorical_crossentropy" else F.one_hot(targets, CLASSES).to(p.dtype)
            unnormalised = (-(y * torch.log(torch.clamp(p, EPSILON, 1 - EPSILON))).sum(dim=-1)).mean()
        y_json = [[int(v)] for v in targets.tolist()] if name.startswith("sparse") else as_list(targets)
        cases.append({
            "name": name, "output_activation": activation,
            "model": model_spec({"output_activation": activation, "regularizers": NO_REGULARIZERS}),
            "x": as_list(x), "y": y_json, "weight_names": WEIGHT_NAMES,
            "weights": [as_list(w) for w in saturated],
            "probabilities": as_list(p),
            "entries_below_epsilon": below, "entries_above_one_minus_epsilon": above,
            "keras_ops": {"loss": clipped_value.item(), "gradients": [as_list(g) for g in clipped_gradients]},
            "tf_logits_shortcut": {"loss": logits_value.item(), "gradients": [as_list(g) for g in logits_gradients]},
            "clipped_value_without_renormalising": unnormalised.item(),
        })
    return cases


# --------------------------------------------------------------------------------------------
# torch.optim beside the Keras rules
# --------------------------------------------------------------------------------------------

def torch_optim_for(spec, params):
    kind = spec["class"]
    lr = spec["learning_rate"]
    if kind == "SGD":
        return ("torch.optim.SGD(lr, momentum, nesterov)",
                torch.optim.SGD(params, lr=lr, momentum=spec["momentum"], nesterov=spec["nesterov"]))
    if kind == "Adam":
        return ("torch.optim.Adam(lr, betas=(beta_1, beta_2), eps=epsilon, amsgrad)",
                torch.optim.Adam(params, lr=lr, betas=(spec["beta_1"], spec["beta_2"]), eps=spec["epsilon"],
                                 amsgrad=spec["amsgrad"]))
    if kind == "RMSprop":
        return ("torch.optim.RMSprop(lr, alpha=rho, eps=epsilon, momentum, centered)",
                torch.optim.RMSprop(params, lr=lr, alpha=spec["rho"], eps=spec["epsilon"],
                                    momentum=spec["momentum"], centered=spec["centered"]))
    if kind == "Adagrad":
        return ("torch.optim.Adagrad(lr, initial_accumulator_value, eps=epsilon)",
                torch.optim.Adagrad(params, lr=lr, initial_accumulator_value=spec["initial_accumulator_value"],
                                    eps=spec["epsilon"]))
    raise ValueError(kind)


TORCH_NOTES = {
    "SGD": "Same rule: torch keeps buf = m*buf + g and steps -lr*buf (Nesterov: -lr*(g + m*buf)); with a "
           "constant learning rate that is Keras' velocity = -lr*buf, so only rounding differs.",
    "Adam": "Differs in epsilon: torch divides the bias-corrected m by sqrt(v / (1 - beta_2^t)) + eps, Keras "
            "divides by sqrt(v / (1 - beta_2^t)) + eps / sqrt(1 - beta_2^t) (epsilon-hat; Keras' default "
            "1e-7, torch's 1e-8). amsgrad: both keep the running maximum of v.",
    "RMSprop": "Differs in epsilon: torch uses sqrt(v) + eps, Keras sqrt(v + eps) (centered: sqrt(v - avg^2) + "
               "eps vs sqrt(v - avg^2 + eps)); torch's momentum buffer holds g / denominator and is scaled by "
               "lr when applied, Keras' holds lr * g / denominator (same with a constant rate). Defaults differ "
               "too: torch alpha 0.99, eps 1e-8; Keras rho 0.9, epsilon 1e-7.",
    "Adagrad": "Differs in epsilon: torch uses sqrt(acc) + eps, Keras sqrt(acc + eps). Defaults differ: torch "
               "initial_accumulator_value 0, eps 1e-10; Keras 0.1 and 1e-7.",
}


def compare_with_torch_optim(case, problem, keras_weights):
    spec = case["optimizer"]
    if isinstance(spec["learning_rate"], dict):
        return None
    params = [w.clone().requires_grad_(True) for w in problem["weights"]]
    described, optimizer = torch_optim_for(spec, params)
    x, targets = problem["x"], targets_for(case["loss"], problem)
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss_terms(case, params, x, targets)[0].backward()
        optimizer.step()
    difference = max((p.detach() - k).abs().max().item() for p, k in zip(params, keras_weights))
    if spec["class"] == "SGD":
        assert difference < 1e-13, (case["name"], difference)
    return {"optimizer": described, "max_abs_weight_difference_after_steps": difference,
            "note": TORCH_NOTES[spec["class"]]}


# --------------------------------------------------------------------------------------------
# Keras' own golden numbers, checked against the rules above (and recorded)
# --------------------------------------------------------------------------------------------

def close(actual, expected, rtol, atol):
    a, e = torch.as_tensor(actual, dtype=torch.float64), torch.as_tensor(expected, dtype=torch.float64)
    return bool(torch.all((a - e).abs() <= atol + rtol * e.abs()))


def keras_goldens():
    goldens = []

    def record(name, source, setup, expected, actual, rtol, atol):
        assert close(actual, expected, rtol, atol), (name, actual, expected)
        goldens.append({"name": name, "source": source, "setup": setup, "expected": expected,
                        "rtol": rtol, "atol": atol,
                        "reference_float64": actual if isinstance(actual, float) else as_list(torch.as_tensor(actual))})

    single = "apply_gradients once: variable [1, 2, 3, 4], gradient [1, 6, 7, 2]"
    for name, spec, expected, source in [
        ("sgd_single_step", {"class": "SGD", "learning_rate": 0.5}, [0.5, -1.0, -0.5, 3.0],
         "keras/src/optimizers/sgd_test.py test_single_step"),
        ("adam_single_step", {"class": "Adam", "learning_rate": 0.5}, [0.5, 1.5, 2.5, 3.5],
         "keras/src/optimizers/adam_test.py test_single_step"),
        ("rmsprop_single_step", {"class": "RMSprop", "learning_rate": 0.5}, [-0.5811, 0.4189, 1.4189, 2.4189],
         "keras/src/optimizers/rmsprop_test.py test_single_step"),
        ("adagrad_single_step", {"class": "Adagrad", "learning_rate": 0.5}, [0.5233, 1.5007, 2.5005, 3.5061],
         "keras/src/optimizers/adagrad_test.py test_single_step"),
    ]:
        weights = [torch.tensor([1.0, 2.0, 3.0, 4.0])]
        after = apply_steps(spec, weights, [[torch.tensor([1.0, 6.0, 7.0, 2.0])]])[-1][0]
        record(name, source, {"optimizer": spec, "what": single}, expected, as_list(after), 1e-4, 1e-4)

    sequence = ("variable ones(10); one step with gradient full(10, 0.01), then steps with gradient "
                "[0.1, 0.2, ..., 1.0]; expected[i] is the variable after i + 1 steps (all 10 entries for the "
                "tiled goldens)")
    first, then = torch.full((10,), 0.01), torch.arange(1, 11) / 10.0
    for name, spec, expected, source in [
        ("adam_amsgrad_golden", {"class": "Adam", "learning_rate": 0.001, "amsgrad": True},
         [[v] * 10 for v in [0.999, 0.9982, 0.9974, 0.9965, 0.9955]],
         "keras/src/optimizers/adam_test.py test_correctness_with_golden"),
        ("rmsprop_centered_golden", {"class": "RMSprop", "learning_rate": 0.001, "centered": True},
         [[v] * 10 for v in [0.9967, 0.9933, 0.9908, 0.9885, 0.9864]],
         "keras/src/optimizers/rmsprop_test.py test_correctness_with_golden"),
        ("adagrad_golden", {"class": "Adagrad", "learning_rate": 0.2, "initial_accumulator_value": 0.3,
                            "epsilon": 1e-6},
         [[0.9963] * 10,
          [0.9604, 0.9278, 0.9003, 0.8784, 0.8615, 0.8487, 0.8388, 0.8313, 0.8255, 0.8209],
          [0.9251, 0.8629, 0.8137, 0.7768, 0.7497, 0.7298, 0.7151, 0.704, 0.6956, 0.6891],
          [0.8903, 0.8012, 0.7342, 0.6862, 0.6521, 0.6277, 0.6099, 0.5967, 0.5867, 0.579],
          [0.856, 0.7422, 0.6604, 0.6037, 0.5644, 0.5367, 0.5168, 0.5021, 0.491, 0.4825]],
         "keras/src/optimizers/adagrad_test.py test_correctness_with_golden"),
        ("sgd_nesterov_golden", {"class": "SGD", "learning_rate": 0.01, "momentum": 0.0, "nesterov": True},
         [[0.9999] * 10,
          [0.9989, 0.9979, 0.9969, 0.9959, 0.9949, 0.9939, 0.9929, 0.9919, 0.9909, 0.9899],
          [0.9979, 0.9959, 0.9939, 0.9919, 0.9899, 0.9879, 0.9859, 0.9839, 0.9819, 0.9799],
          [0.9969, 0.9939, 0.9909, 0.9879, 0.9849, 0.9819, 0.9789, 0.9759, 0.9729, 0.9699],
          [0.9959, 0.9919, 0.9879, 0.9839, 0.9799, 0.9759, 0.9719, 0.9679, 0.9639, 0.9599]],
         "keras/src/optimizers/sgd_test.py test_correctness_with_golden (momentum stays 0: nesterov alone "
         "changes nothing)"),
    ]:
        weights = [torch.ones(10)]
        history = apply_steps(spec, weights, [[first]] + [[then]] * 4)
        record(name, source, {"optimizer": spec, "what": sequence}, expected,
               [as_list(h[0]) for h in history], 5e-4, 5e-4)

    # RMSprop docstring: minimize (var^2)/2 from 10 with lr 0.1 (gradient = var)
    weights = [torch.tensor(10.0)]
    after = apply_steps({"class": "RMSprop", "learning_rate": 0.1}, weights, [[torch.tensor(10.0)]])[-1][0]
    record("rmsprop_docstring", "keras/src/optimizers/rmsprop.py class docstring",
           {"optimizer": {"class": "RMSprop", "learning_rate": 0.1},
            "what": "one step on loss var^2 / 2 from var = 10 (gradient 10)"}, 9.683772, after.item(), 1e-6, 1e-6)

    # Fit with Adam(ExponentialDecay(0.05, 1, 0.9)): Dense(2), kernel and bias ones, mse, batch 4, 3 epochs
    x = torch.arange(32.0).reshape(16, 2)
    weights = [torch.ones(2, 2), torch.ones(2)]
    spec = {"class": "Adam", "learning_rate": {"class": "ExponentialDecay", "initial_learning_rate": 0.05,
                                               "decay_steps": 1, "decay_rate": 0.9, "staircase": False}}
    optimizer = make_optimizer(spec, weights)
    iterations, epoch_losses = 0, []
    for _ in range(3):
        batch_losses = []
        for start in range(0, 16, 4):
            xb = x[start:start + 4]
            leaves = [w.clone().requires_grad_(True) for w in weights]
            loss = mean_squared_error(xb, xb @ leaves[0] + leaves[1])
            gradients = torch.autograd.grad(loss, leaves)
            batch_losses.append(loss.item())
            optimizer.step(weights, gradients, learning_rate_at(spec, iterations), iterations)
            iterations += 1
        epoch_losses.append(sum(batch_losses) / len(batch_losses))
    record("fit_adam_exponential_decay",
           "keras/src/optimizers/schedules/learning_rate_schedule_test.py test_fit_lr_correctness",
           {"model": "Dense(2) with kernel_initializer ones and bias_initializer ones (input 2)",
            "optimizer": spec, "loss": "mse", "x": "arange(32).reshape(16, 2)", "y": "the same as x",
            "fit": "epochs 3, batch_size 4, shuffle false; expected is history['loss'] (float32 in Keras)",
            "iterations_after": 12},
           [230.79457092285156, 128.30319213867188, 79.33648681640625], epoch_losses, 5e-5, 0.0)

    # losses (docstrings and tests); Keras computed these in float32
    def loss_golden(name, source, setup, expected, value, rtol=1e-3, atol=1e-3):
        record(name, source, setup, expected, value, rtol, atol)

    t = torch.tensor
    loss_golden("mae_docstring", "keras/src/losses/losses.py MeanAbsoluteError docstring",
                {"y_true": [1.0, 0.3, 1.0], "y_pred": [1.9, 0.3, 1.8]}, 0.5666667,
                mean_absolute_error(t([[1.0, 0.3, 1.0]]), t([[1.9, 0.3, 1.8]])).item(), 1e-6, 1e-6)
    loss_golden("mae_test_unweighted", "keras/src/losses/losses_test.py MeanAbsoluteErrorTest.test_unweighted",
                {"y_true": [[1, 9, 2], [-5, -2, 6]], "y_pred": [[4, 8, 12], [8, 1, 3]]}, 5.5,
                mean_absolute_error(t([[1.0, 9, 2], [-5, -2, 6]]), t([[4.0, 8, 12], [8, 1, 3]])).item(), 1e-7, 1e-7)
    loss_golden("huber_docstring", "keras/src/losses/losses.py huber() docstring",
                {"y_true": [[0, 1], [0, 0]], "y_pred": [[0.6, 0.4], [0.4, 0.6]], "delta": 1.0}, 0.155,
                huber(t([[0.0, 1], [0, 0]]), t([[0.6, 0.4], [0.4, 0.6]])).item())
    y_true, y_pred = t([[1.0, 0.0, 1.0], [1.0, 0.0, 0.0]]), t([[0.9, 0.2, 0.2], [0.8, 0.4, 0.6]])
    loss_golden("huber_test_unweighted", "keras/src/losses/losses_test.py HuberLossTest.test_unweighted "
                "(expected computed by the test's own numpy formula)",
                {"y_true": as_list(y_true), "y_pred": as_list(y_pred), "delta": 1.0},
                (0.5 * (0.01 + 0.04 + 0.64 + 0.04 + 0.16 + 0.36)) / 6, huber(y_true, y_pred).item(), 1e-9, 1e-12)
    loss_golden("categorical_crossentropy_docstring",
                "keras/src/losses/losses.py categorical_crossentropy() docstring (per-sample, reduction none; "
                "the 0 in the first row is clipped to 1e-7)",
                {"y_true": [[0, 1, 0], [0, 0, 1]], "y_pred": [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]}, [0.0513, 2.303],
                [categorical_crossentropy(t([[0.0, 1, 0]]), t([[0.05, 0.95, 0]])).item(),
                 categorical_crossentropy(t([[0.0, 0, 1]]), t([[0.1, 0.8, 0.1]])).item()])
    loss_golden("categorical_crossentropy_class_docstring",
                "keras/src/losses/losses.py CategoricalCrossentropy docstring (sum_over_batch_size)",
                {"y_true": [[0, 1, 0], [0, 0, 1]], "y_pred": [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]}, 1.177,
                categorical_crossentropy(t([[0.0, 1, 0], [0, 0, 1]]), t([[0.05, 0.95, 0], [0.1, 0.8, 0.1]])).item())
    cce_pred = t([[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]])
    loss_golden("categorical_crossentropy_test_unweighted",
                "keras/src/losses/losses_test.py CategoricalCrossentropyTest.test_unweighted (row 2 sums to 1.99: "
                "the value needs Keras' renormalisation p / sum(p))",
                {"y_true": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "y_pred": as_list(cce_pred)}, 0.3239,
                categorical_crossentropy(torch.eye(3), cce_pred).item())
    cce_logits = t([[8.0, 1.0, 1.0], [0.0, 9.0, 1.0], [2.0, 3.0, 5.0]])
    loss_golden("categorical_crossentropy_from_logits_test",
                "keras/src/losses/losses_test.py CategoricalCrossentropyTest.test_unweighted (logits part)",
                {"y_true": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "logits": as_list(cce_logits), "from_logits": True},
                0.0573, categorical_crossentropy_from_logits(torch.eye(3), cce_logits).item())
    loss_golden("sparse_categorical_crossentropy_test_unweighted",
                "keras/src/losses/losses_test.py SparseCategoricalCrossentropyTest.test_unweighted",
                {"y_true": [0, 1, 2], "y_pred": as_list(cce_pred)}, 0.3239,
                sparse_categorical_crossentropy(t([0, 1, 2]), cce_pred).item())
    loss_golden("sparse_categorical_crossentropy_from_logits_test",
                "keras/src/losses/losses_test.py SparseCategoricalCrossentropyTest.test_unweighted (logits part)",
                {"y_true": [0, 1, 2], "logits": as_list(cce_logits), "from_logits": True}, 0.0573,
                sparse_categorical_crossentropy_from_logits(t([0, 1, 2]), cce_logits).item())
    loss_golden("sparse_categorical_crossentropy_class_docstring",
                "keras/src/losses/losses.py SparseCategoricalCrossentropy docstring",
                {"y_true": [1, 2], "y_pred": [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]}, 1.177,
                sparse_categorical_crossentropy(t([1, 2]), t([[0.05, 0.95, 0], [0.1, 0.8, 0.1]])).item())
    bce_true = torch.eye(3)
    bce_pred = t([[0.9, 0.1, 0.2], [0.3, 0.8, 0.1], [0.1, 0.2, 0.7]])
    loss_golden("binary_crossentropy_test_unweighted",
                "keras/src/losses/losses_test.py BinaryCrossentropyTest.test_unweighted (first part)",
                {"y_true": as_list(bce_true), "y_pred": as_list(bce_pred)}, 0.20046903,
                binary_crossentropy(bce_true, bce_pred).item(), 1e-6, 1e-6)
    loss_golden("binary_crossentropy_from_logits_test",
                "keras/src/losses/losses_test.py BinaryCrossentropyTest.test_unweighted (logits part)",
                {"y_true": [[1, 0, 1], [0, 1, 1]], "logits": [[10.0, -10.0, 10.0], [10.0, 10.0, -10.0]],
                 "from_logits": True}, 3.3333,
                binary_crossentropy_from_logits(t([[1.0, 0, 1], [0, 1, 1]]),
                                                t([[10.0, -10.0, 10.0], [10.0, 10.0, -10.0]])).item())
    loss_golden("binary_crossentropy_from_logits_docstring",
                "keras/src/losses/losses.py BinaryCrossentropy docstring, example 1",
                {"y_true": [0, 1, 0, 0], "logits": [-18.6, 0.51, 2.94, -12.8], "from_logits": True}, 0.8654,
                binary_crossentropy_from_logits(t([[0.0, 1, 0, 0]]), t([[-18.6, 0.51, 2.94, -12.8]])).item())
    # float32 only: 1 - 1e-7 rounds to 1 - 1.19e-7 in float32, so clipping 1.0 gives log(1.19e-7)
    f32 = torch.float32
    y32, p32 = t([[1.0, 0.0], [1.0, 0.0]], dtype=f32), t([[1.0, 1.0], [1.0, 0.0]], dtype=f32)
    eps32 = torch.tensor(EPSILON, dtype=f32)
    clipped = torch.clamp(p32, eps32, torch.tensor(1.0, dtype=f32) - eps32)
    float32_value = (-(y32 * torch.log(clipped) + (1 - y32) * torch.log(1 - clipped))).mean().item()
    float64_value = binary_crossentropy(y32.double(), p32.double()).item()
    goldens.append({"name": "binary_crossentropy_test_float32_only",
                    "source": "keras/src/losses/losses_test.py BinaryCrossentropyTest.test_unweighted (second part)",
                    "setup": {"y_true": [[1, 0], [1, 0]], "y_pred": [[1, 1], [1, 0]],
                              "note": "matches only in FLOAT: in float32 1 - 1e-7 is 1 - 1.19e-7, so the clipped 1.0 "
                                      "gives -log(1.19e-7) = 15.94; in DOUBLE the same data gives the value below"},
                    "expected": 3.98559, "rtol": 1e-4, "atol": 1e-4,
                    "reference_float32": float32_value, "reference_float64": float64_value})
    assert close(float32_value, 3.98559, 1e-4, 1e-4), float32_value

    # regularisers (docstrings)
    record("l2_docstring", "keras/src/regularizers/regularizers.py Regularizer docstring",
           {"regularizer": "L2(2.0)", "tensor": "ones(5, 5)"}, 50.0,
           regularization_penalty([torch.ones(5, 5)], [{"l2": 2.0}]).item(), 1e-12, 1e-12)
    record("l1_dense_docstring", "keras/src/regularizers/regularizers.py Regularizer docstring",
           {"layer": "Dense(5, input_dim=5, kernel_initializer ones, kernel_regularizer L1(0.01))",
            "value": "the kernel's penalty: 0.01 * 25 (the docstring's 5.25 adds an activity regulariser of 5.0)"},
           0.25, regularization_penalty([torch.ones(5, 5)], [{"l1": 0.01}]).item(), 1e-12, 1e-12)

    # schedules (tests)
    for name, spec, steps, expected, source in [
        ("exponential_decay_continuous", {"class": "ExponentialDecay", "initial_learning_rate": 0.05,
                                          "decay_steps": 10, "decay_rate": 0.96, "staircase": False},
         [5], [0.05 * 0.96 ** 0.5], "ExponentialDecayTest.test_continuous"),
        ("exponential_decay_staircase", {"class": "ExponentialDecay", "initial_learning_rate": 0.1,
                                         "decay_steps": 3, "decay_rate": 0.96, "staircase": True},
         [1, 2, 100], [0.1, 0.1, 0.1 * 0.96 ** (100 // 3)], "ExponentialDecayTest.test_staircase"),
        ("piecewise_constant", {"class": "PiecewiseConstantDecay", "boundaries": [100, 110, 120],
                                "values": [1.0, 0.1, 0.01, 0.001]},
         [-999, 100, 105, 110, 120, 999], [1.0, 1.0, 0.1, 0.1, 0.01, 0.001],
         "PiecewiseConstantDecayTest.test_piecewise_values"),
        ("inverse_time_decay", {"class": "InverseTimeDecay", "initial_learning_rate": 0.1, "decay_steps": 10,
                                "decay_rate": 0.96, "staircase": False},
         list(range(11)), [0.1 / (1 + i / 10 * 0.96) for i in range(11)], "InverseTimeDecayTest.test_decay"),
        ("inverse_time_decay_staircase", {"class": "InverseTimeDecay", "initial_learning_rate": 0.1,
                                          "decay_steps": 10, "decay_rate": 0.96, "staircase": True},
         list(range(11)), [0.1 / (1 + 0.96 * (i // 10)) for i in range(11)], "InverseTimeDecayTest.test_staircase"),
        ("cosine_decay_alpha", {"class": "CosineDecay", "initial_learning_rate": 1.0, "decay_steps": 1000,
                                "alpha": 0.1},
         list(range(0, 1500, 250)),
         [0.9 * 0.5 * (1 + math.cos(math.pi * min(s, 1000) / 1000)) + 0.1 for s in range(0, 1500, 250)],
         "CosineDecayTest.test_alpha"),
        ("cosine_decay_warmup", {"class": "CosineDecay", "initial_learning_rate": 0.0, "decay_steps": 1000,
                                 "alpha": 0.0, "warmup_target": 10.0, "warmup_steps": 2000},
         list(range(0, 3000, 250)),
         [10.0 * s / 2000 if s < 2001 else 10.0 * 0.5 * (1 + math.cos(math.pi * min(s - 2000, 1000) / 1000))
          for s in range(0, 3000, 250)], "CosineDecayTest.test_warmup_decay"),
    ]:
        record("schedule_" + name, "keras/src/optimizers/schedules/learning_rate_schedule_test.py " + source,
               {"schedule": spec, "steps": steps}, expected, [schedule_value(spec, s) for s in steps], 1e-6, 1e-6)
    return goldens


def schedule_fixture():
    specs = [
        {"class": "ExponentialDecay", "initial_learning_rate": 0.1, "decay_steps": 1000, "decay_rate": 0.96,
         "staircase": False},
        {"class": "ExponentialDecay", "initial_learning_rate": 0.1, "decay_steps": 1000, "decay_rate": 0.96,
         "staircase": True},
        {"class": "ExponentialDecay", "initial_learning_rate": 0.01, "decay_steps": 3, "decay_rate": 0.5,
         "staircase": False},
        {"class": "PiecewiseConstantDecay", "boundaries": [1000, 2000], "values": [0.1, 0.05, 0.01]},
        {"class": "InverseTimeDecay", "initial_learning_rate": 0.1, "decay_steps": 1000, "decay_rate": 0.5,
         "staircase": False},
        {"class": "InverseTimeDecay", "initial_learning_rate": 0.1, "decay_steps": 1000, "decay_rate": 0.5,
         "staircase": True},
        {"class": "CosineDecay", "initial_learning_rate": 0.1, "decay_steps": 1000, "alpha": 0.0},
        {"class": "CosineDecay", "initial_learning_rate": 0.1, "decay_steps": 1000, "alpha": 0.2},
        {"class": "CosineDecay", "initial_learning_rate": 0.0, "decay_steps": 1000, "alpha": 0.1,
         "warmup_target": 0.1, "warmup_steps": 500},
    ]
    long_run = [0, 1, 2, 3, 499, 500, 999, 1000, 1001, 1499, 1500, 1999, 2000, 2001, 5000]
    short_run = list(range(11))
    return [{"schedule": spec, "steps": short_run if spec.get("decay_steps") == 3 else long_run,
             "values": [schedule_value(spec, s) for s in (short_run if spec.get("decay_steps") == 3 else long_run)]}
            for spec in specs]


# --------------------------------------------------------------------------------------------

SEMANTICS = {
    "network": "Dense(5, tanh) then Dense(3, output activation); kernel shape (inputs, units) and bias (units,) "
               "as Keras; y = activation(x @ kernel + bias).",
    "weights": "Lists in Keras' get_weights() order, named as weight_names; matrices are row-major nested lists.",
    "loss_reduction": "sum_over_batch_size: the mean over the 8 samples of the per-sample loss. Per sample: "
                      "-sum_k y_k log p_k for the cross-entropies; the mean over the 3 outputs for "
                      "binary_crossentropy, mean_squared_error, mean_absolute_error and huber.",
    "probabilities": "From probabilities (from_logits false), as keras/src/backend/{numpy,jax,torch}/nn.py: "
                     "categorical and sparse: p / sum_k p_k, then clip to [1e-7, 1 - 1e-7], then log; binary: clip "
                     "then log. Gradients flow through the clip (zero where an entry is clipped). None of the "
                     "training cases reaches the clip (see clipping.json for a network that does).",
    "from_logits": "log_softmax of the logits (categorical, sparse); max(z, 0) - z*y + log(1 + exp(-|z|)) for "
                   "binary. No clipping.",
    "huber": "error = p - y; 0.5 * error^2 where |error| <= delta, else delta * |error| - 0.5 * delta^2.",
    "regularizers": "penalty = sum over regularised weights of l1 * sum|w| + l2 * sum w^2, added unscaled to the "
                    "batch's mean loss (keras/src/trainers/trainer.py compute_loss); 'loss' = data_loss + penalty "
                    "and the gradients are of that total.",
    "trajectory": "Full-batch steps. Entry i: the loss, data_loss, penalty and gradients at the weights before "
                  "step i (so trajectory[0] is the initial loss and gradient, and 'loss' is what fit reports for "
                  "an epoch of one batch), the learning rate used (a schedule is evaluated at iterations_before, "
                  "0 for the first step), and the weights after the step. 'final' is the loss at the last weights "
                  "and the optimizer's slots after the last step, named as Keras names them.",
    "optimizers": "Keras 3 update rules in Keras' operation order (see optim/src/test/python/keras_reference.py).",
    "precision": "float64 throughout; a Java implementation in DOUBLE should agree to ~1e-12 (the issue asks "
                 "1e-9).",
}


def write(name, payload):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / name
    path.write_text(to_json(payload) + "\n")
    print("wrote", path.relative_to(OUT_DIR.parents[4]), path.stat().st_size, "bytes")


def to_json(value, indent=0):
    """JSON with objects one key a line, number lists on one line and matrices one row a line; floats
    are written with repr (shortest round-trip form), so a reader gets the exact doubles."""
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [inner + json.dumps(k) + ": " + to_json(v, indent + 1) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (list, dict)) for v in value):
            return "[" + ", ".join(json.dumps(v) for v in value) + "]"
        return "[\n" + ",\n".join(inner + to_json(v, indent + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value)


def header(title):
    return {"title": title, "generator": "optim/src/test/python/keras_reference.py",
            "torch_version": torch.__version__.split("+")[0], "dtype": "float64", "semantics": SEMANTICS}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check-only", action="store_true", help="run the self-checks, write nothing")
    args = parser.parse_args()
    torch.set_num_threads(1)

    goldens = keras_goldens()
    print(f"{len(goldens)} Keras golden numbers reproduced")
    problem = make_problem()

    optimizer_records = []
    final_weights = {}
    for case in optimizer_cases():
        record, weights = run_case(case, problem)
        final_weights[case["name"]] = weights
        comparison = compare_with_torch_optim(case, problem, weights)
        if comparison is not None:
            record["torch_optim"] = comparison
        optimizer_records.append(record)
        print(f"  {case['name']:45s} final loss {record['final']['loss']:.12f}"
              + (f"  torch.optim max |dw| {comparison['max_abs_weight_difference_after_steps']:.2e}"
                 if comparison else ""))
    amsgrad_effect = max((a - b).abs().max().item() for a, b in zip(
        final_weights["adam_amsgrad"], final_weights["adam_same_as_amsgrad_case_without_amsgrad"]))
    assert amsgrad_effect > 1e-6, amsgrad_effect
    print(f"  amsgrad changes the final weights by up to {amsgrad_effect:.3e}")

    loss_records = []
    for case in loss_cases():
        record, _ = run_case(case, problem)
        if case["loss"]["name"] == "huber":
            record["errors_above_delta_per_step"] = huber_regimes(record, problem)
        loss_records.append(record)
        print(f"  {case['name']:45s} initial loss {record['trajectory'][0]['loss']:.12f}")
    regularizer_records = []
    for case in regularizer_cases():
        record, _ = run_case(case, problem)
        regularizer_records.append(record)
        print(f"  {case['name']:45s} initial penalty {record['trajectory'][0]['penalty']:.12f}")
    clipping = clipping_cases(problem)
    for c in clipping:
        print(f"  clipping {c['name']:36s} keras_ops {c['keras_ops']['loss']:.6f} "
              f"tf_logits {c['tf_logits_shortcut']['loss']:.6f} unnormalised {c['clipped_value_without_renormalising']:.6f}")
    if args.check_only:
        return

    write("optimizers.json", {**header("Optimizers: five full-batch steps of a 4-5-3 network, categorical "
                                       "cross-entropy on a softmax output"), "cases": optimizer_records})
    write("losses.json", {**header("Losses: value and gradient of every weight, then five SGD(0.1) steps"),
                          "cases": loss_records})
    write("regularizers.json", {**header("Kernel and bias regularisers: penalty in the loss and in the "
                                         "gradient, then five SGD(0.1) steps"), "cases": regularizer_records})
    write("clipping.json", {**header("Probability clipping at 1e-7 on a saturated network (second kernel x40)"),
                            "notes": CLIPPING_NOTES, "cases": clipping})
    write("schedules.json", {**header("Learning-rate schedules: value at each step"),
                             "cases": schedule_fixture()})
    write("keras_goldens.json", {**header("Keras' own golden numbers (tests and docstrings), each reproduced by "
                                          "the rules in keras_reference.py"), "goldens": goldens})


CLIPPING_NOTES = {
    "keras_ops": "Keras 3 with the jax, torch or numpy backend, any output layer: p / sum(p), clip to [1e-7, "
                 "1 - 1e-7], log; gradient through the clip (zero for a clipped entry).",
    "tf_logits_shortcut": "Keras 3 with the TensorFlow backend when the probabilities come straight from a "
                          "softmax/sigmoid activation (keras/src/backend/tensorflow/nn.py attaches _keras_logits "
                          "and the cross-entropies use the logits): no clipping at all, value and gradient of the "
                          "fused log-softmax / log-sigmoid form. The gradient w.r.t. the logits is (p - y) / B "
                          "(binary: (p - y) / (B K)).",
    "clipped_value_without_renormalising": "backprop4j's current losses: the clipped value without dividing by "
                                           "the row sum; their fused gradient is the tf_logits_shortcut one. For a "
                                           "softmax output the row sum is 1, so the value equals keras_ops' up to "
                                           "how clipping several entries shifts the sum.",
}


def huber_regimes(record, problem):
    """How many of the 24 errors are above delta at each step (so both branches are exercised)."""
    counts = []
    weights_sequence = [record["initial_weights"]] + [s["weights_after"] for s in record["trajectory"][:-1]]
    for weights in weights_sequence:
        output = forward([torch.tensor(w) for w in weights], problem["x"], "linear")
        above = int(((output - problem["regression"]).abs() > record["loss"]["delta"]).sum())
        assert 0 < above < output.numel(), above
        counts.append(above)
    return counts


if __name__ == "__main__":
    main()
