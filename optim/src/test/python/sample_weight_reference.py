#!/usr/bin/env python3
"""Independent float64 reference for training with per-sample weights (Keras' sample_weight).

Builds on keras_reference.py (imported, not changed): its network, data, losses, regularisers and
Keras 3 update rules, with PyTorch autograd for the gradients. Here each batch's loss is Keras'
weighted sum_over_batch_size,

    L = (1 / B) * sum_b w_b * l_b + penalty        l_b = the loss of sample b alone, B = rows in the batch

(zero weights included in B; the regularisation penalty is not weighted), and training runs in
mini-batches taken in order (no shuffling), the last one partial, several epochs. The epoch's loss is
the mean of the batch losses weighted by batch size, as Keras' loss tracker. Every autograd gradient
is checked against central differences of the weighted loss first.

Run from the repository root (Debian: apt-get install python3-torch):

    /usr/bin/python3 optim/src/test/python/sample_weight_reference.py

It writes optim/src/test/resources/reference/sample_weights.json, read by
examples/src/test/java/org/backprop4j/integration/SampleWeightReferenceTest.java.
"""
import pathlib
import random
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import keras_reference as ring1  # noqa: E402

torch.set_default_dtype(torch.float64)

EPOCHS = 3
BATCH_SIZE = 3          # 8 samples: batches of 3, 3 and 2


def sample_weights():
    rng = random.Random(ring1.SEED + 21)
    weights = [rng.uniform(0.0, 2.0) for _ in range(ring1.BATCH)]
    weights[2] = 0.0    # a zero weight: counted in B, contributes nothing
    return torch.tensor(weights)


def weighted_loss(case, weights, x, targets, w):
    """(total, data loss, penalty) of one batch with per-sample weights w."""
    loss_spec = case["loss"]
    output = ring1.forward(weights, x, case["output_activation"])
    function = ring1.LOSSES[(loss_spec["name"], loss_spec.get("from_logits", False))]
    per_sample = torch.stack([function(targets[b:b + 1], output[b:b + 1]) for b in range(x.shape[0])])
    data_loss = torch.sum(w * per_sample) / x.shape[0]
    penalty = ring1.regularization_penalty(weights, case["regularizers"])
    return data_loss + penalty, data_loss, penalty


def gradients(case, weights, x, targets, w):
    leaves = [v.clone().requires_grad_(True) for v in weights]
    total, data_loss, penalty = weighted_loss(case, leaves, x, targets, w)
    return total.item(), [g.detach() for g in torch.autograd.grad(total, leaves)]


def check_gradients(case, weights, x, targets, w, h=1e-6):
    _, analytic = gradients(case, weights, x, targets, w)
    worst = 0.0
    for index, v in enumerate(weights):
        flat = v.reshape(-1)
        for j in range(flat.numel()):
            saved = flat[j].item()
            flat[j] = saved + h
            plus = weighted_loss(case, weights, x, targets, w)[0].item()
            flat[j] = saved - h
            minus = weighted_loss(case, weights, x, targets, w)[0].item()
            flat[j] = saved
            numeric = (plus - minus) / (2 * h)
            exact = analytic[index].reshape(-1)[j].item()
            worst = max(worst, abs(numeric - exact) / max(1e-8, abs(numeric) + abs(exact)))
    return worst


def run(case, problem, w):
    weights = [v.clone() for v in problem["weights"]]
    x, targets = problem["x"], ring1.targets_for(case["loss"], problem)
    worst = check_gradients(case, [v.clone() for v in weights], x, targets, w)
    assert worst < 1e-6, (case["name"], worst)
    optimizer = ring1.make_optimizer(case["optimizer"], weights)
    iterations = 0
    epochs = []
    for epoch in range(EPOCHS):
        loss_sum = 0.0
        for start in range(0, x.shape[0], BATCH_SIZE):
            end = min(start + BATCH_SIZE, x.shape[0])
            total, grads = gradients(case, weights, x[start:end], targets[start:end], w[start:end])
            optimizer.step(weights, grads, ring1.learning_rate_at(case["optimizer"], iterations), iterations)
            iterations += 1
            loss_sum += total * (end - start)
        epochs.append({"epoch": epoch + 1, "loss": loss_sum / x.shape[0],
                       "weights_after": [v.tolist() for v in weights]})
    evaluate = weighted_loss(case, weights, x, targets, w)[0].item()
    unweighted = weighted_loss(case, weights, x, targets, torch.ones_like(w))[0].item()
    if case["loss"]["name"] == "sparse_categorical_crossentropy":
        y = [[int(v)] for v in targets.tolist()]
    else:
        y = targets.tolist()
    return {"name": case["name"], "description": case["description"], "model": ring1.model_spec(case),
            "loss": case["loss"], "optimizer": case["optimizer"], "x": x.tolist(), "y": y,
            "sample_weight": w.tolist(), "batch_size": BATCH_SIZE, "epochs": EPOCHS,
            "initial_weights": [v.tolist() for v in problem["weights"]],
            "gradient_check_worst_relative_error": worst, "trajectory": epochs,
            "final": {"weighted_loss": evaluate, "unweighted_loss": unweighted}}


def cases():
    l2_first_kernel = [{"l2": 0.01}, None, None, None]
    return [
        {"name": "cce_adam_l2", "description": "softmax + categorical cross-entropy, Adam(0.05), l2(0.01) on the first "
                                               "kernel (the penalty is not weighted)",
         "loss": ring1.CCE, "output_activation": "softmax", "regularizers": l2_first_kernel,
         "optimizer": {"class": "Adam", "learning_rate": 0.05, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7,
                       "amsgrad": False}},
        {"name": "bce_sgd_momentum", "description": "sigmoid + binary cross-entropy (3 columns), SGD(0.1, momentum 0.9)",
         "loss": {"name": "binary_crossentropy", "from_logits": False}, "output_activation": "sigmoid",
         "regularizers": ring1.NO_REGULARIZERS,
         "optimizer": {"class": "SGD", "learning_rate": 0.1, "momentum": 0.9, "nesterov": False}},
        {"name": "mse_rmsprop", "description": "linear output + mean squared error, RMSprop(0.01)",
         "loss": {"name": "mean_squared_error"}, "output_activation": "linear", "regularizers": ring1.NO_REGULARIZERS,
         "optimizer": {"class": "RMSprop", "learning_rate": 0.01, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7,
                       "centered": False}},
        {"name": "sparse_from_logits_nesterov", "description": "logits + sparse categorical cross-entropy, "
                                                               "SGD(0.1, Nesterov 0.9)",
         "loss": {"name": "sparse_categorical_crossentropy", "from_logits": True}, "output_activation": "linear",
         "regularizers": ring1.NO_REGULARIZERS,
         "optimizer": {"class": "SGD", "learning_rate": 0.1, "momentum": 0.9, "nesterov": True}},
    ]


def main():
    torch.set_num_threads(1)
    problem = ring1.make_problem()
    w = sample_weights()
    records = []
    for case in cases():
        record = run(case, problem, w)
        records.append(record)
        print(f"  {case['name']:30s} epoch losses {[round(e['loss'], 10) for e in record['trajectory']]} "
              f"gradient check {record['gradient_check_worst_relative_error']:.1e}")
    header = ring1.header("Sample weights: three epochs of mini-batches (3, 3, 2) with Keras' weighted "
                          "sum_over_batch_size loss")
    header["generator"] = "optim/src/test/python/sample_weight_reference.py (imports keras_reference.py)"
    ring1.write("sample_weights.json", {**header, "cases": records})


if __name__ == "__main__":
    main()
