#!/usr/bin/env python3
"""Independent multi-step reference for the ring-2 activations (issue 21).

Ring 1's network and data (keras_reference.py beside this file, imported, not changed): Dense(5,
<hidden>) then Dense(3, softmax), categorical cross-entropy, five full-batch steps, with the hidden
activation swapped for each of Keras 3's ring-2 activations. The activations are written out here
in PyTorch from Keras 3's definitions (keras/src/activations/activations.py and the TensorFlow
backend's nn.py) and differentiated by PyTorch's autograd in float64; the optimizers are ring 1's
Keras rules. Each case's gradient is checked against central differences first.

Run from the repository root (Debian: apt-get install python3-torch):

    /usr/bin/python3 optim/src/test/python/keras_activation_reference.py

It writes optim/src/test/resources/reference/hidden_activations.json, in the format of ring 1's
optimizers.json (read by KerasReference in the examples' tests).
"""
import math
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import keras_reference as ring1  # noqa: E402

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def softplus(x):
    return torch.relu(x) + torch.log1p(torch.exp(-torch.abs(x)))


# Keras 3's formulas, default arguments (leaky_relu's slope 0.2, elu's alpha 1)
ACTIVATIONS = {
    "elu": lambda x: torch.where(x > 0, x, torch.expm1(x)),
    "selu": lambda x: torch.where(x > 0, SELU_SCALE * x, SELU_SCALE * SELU_ALPHA * torch.expm1(x)),
    "gelu": lambda x: 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0))),
    "silu": lambda x: x * torch.sigmoid(x),
    "softplus": softplus,
    "softsign": lambda x: x / (1.0 + torch.abs(x)),
    "leaky_relu": lambda x: torch.where(x > 0, x, 0.2 * x),
    "hard_sigmoid": lambda x: torch.clamp(x + 3.0, 0.0, 6.0) / 6.0,
    "relu6": lambda x: torch.clamp(x, 0.0, 6.0),
    "mish": lambda x: x * torch.tanh(softplus(x)),
    "exponential": torch.exp,
}

OPTIMIZERS = {
    "sgd": ring1.SGD_01,
    "adam": {"class": "Adam", "learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7,
             "amsgrad": False},
}

hidden = {"name": None}


def forward(weights, x, output_activation):
    """Ring 1's forward pass with the hidden activation of the case being run."""
    kernel0, bias0, kernel1, bias1 = weights
    h = ACTIVATIONS[hidden["name"]](x @ kernel0 + bias0)
    logits = h @ kernel1 + bias1
    if output_activation == "softmax":
        return torch.softmax(logits, dim=-1)
    raise ValueError(output_activation)


def main():
    torch.set_num_threads(1)
    ring1.forward = forward         # ring 1's loss and step functions call the module's forward
    problem = ring1.make_problem()
    records = []
    for name in ACTIVATIONS:
        for optimizer_name, optimizer in OPTIMIZERS.items():
            hidden["name"] = name
            case = {"name": f"{name}_{optimizer_name}",
                    "description": f"hidden activation {name}, softmax output, categorical cross-entropy, "
                                   f"{optimizer['class']}(learning rate {optimizer['learning_rate']})",
                    "loss": ring1.CCE, "output_activation": "softmax", "regularizers": ring1.NO_REGULARIZERS,
                    "optimizer": optimizer}
            record, _ = ring1.run_case(case, problem)
            record["model"]["layers"][0]["activation"] = name
            records.append(record)
            print(f"  {case['name']:28s} loss {record['trajectory'][0]['loss']:.12f} -> {record['final']['loss']:.12f}"
                  f"  gradient check {record['gradient_check_worst_relative_error']:.1e}")
    payload = {"title": "Ring 1's network with each ring-2 hidden activation: five full-batch steps",
               "generator": "optim/src/test/python/keras_activation_reference.py",
               "torch_version": torch.__version__.split("+")[0], "dtype": "float64",
               "semantics": dict(ring1.SEMANTICS, network="Dense(5, hidden activation) then Dense(3, softmax); "
                                                          "kernel (inputs, units), bias (units,)"),
               "cases": records}
    ring1.write("hidden_activations.json", payload)


if __name__ == "__main__":
    main()
