#!/usr/bin/env python3
"""Independent reference numbers for the ring-2 optimizers and Keras' base-optimizer options.

Gradients come from PyTorch's autograd (float64), through ring 1's script (keras_reference.py, imported,
not changed: same network, data, initial weights, losses and training loop). Written out here from
Keras 3's source (keras/src/optimizers/{adamw,nadam,adamax,adadelta,lion,base_optimizer}.py), in Keras'
order of operations:

- the update rules of AdamW, Nadam (with its running product u_product), Adamax, Adadelta and Lion;
- the base optimizer's options, on every optimizer, in BaseOptimizer._backend_apply_gradients' order:
  clip the gradients (clipnorm per variable: g * c / max(||g||, c); global_clipnorm: g * c * min(1/n, 1/c)
  with n the norm of all gradients together; clipvalue: clip(g, -c, c)), then weight decay
  (w -= w * weight_decay * lr), then the rule; lr is the schedule's value at the step count before
  the update.

Writes optim/src/test/resources/reference/optimizers_ring2.json (the format of ring 1's
optimizers.json; `final.optimizer_state.scalars` holds Nadam's u_product, and each step records
which clip bound). Run from the repository root with the Python that has torch:

    /usr/bin/python3 optim/src/test/python/keras_reference_ring2.py [--check-only]
"""
import argparse
import math
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import keras_reference as kr  # noqa: E402  (ring 1's script: imported, not edited)


# --------------------------------------------------------------------------------------------
# The ring-2 update rules (step(weights, gradients, lr, iterations) updates the weights in place)
# --------------------------------------------------------------------------------------------

class KerasAdamW(kr.KerasAdam):
    """Keras' AdamW is Adam with the base optimizer's weight_decay (default 0.004), applied by the wrapper."""


class KerasNadam:
    def __init__(self, spec, weights):
        self.beta_1, self.beta_2 = spec.get("beta_1", 0.9), spec.get("beta_2", 0.999)
        self.epsilon = spec.get("epsilon", 1e-7)
        self.slots = {"momentum": [torch.zeros_like(w) for w in weights],
                      "velocity": [torch.zeros_like(w) for w in weights]}
        self.scalars = {"u_product": 1.0}

    def step(self, weights, gradients, lr, iterations):
        # _backend_update_step: the running product, once per step, before the variables' updates
        self.scalars["u_product"] = self.scalars["u_product"] * self.beta_1 * (
            1.0 - 0.5 * math.pow(0.96, float(iterations + 1)))
        local_step, next_step = float(iterations + 1), float(iterations + 2)
        u_t = self.beta_1 * (1.0 - 0.5 * math.pow(0.96, local_step))
        u_t_1 = self.beta_1 * (1.0 - 0.5 * math.pow(0.96, next_step))
        u_product_t = self.scalars["u_product"]
        u_product_t_1 = u_product_t * u_t_1
        beta_2_power = math.pow(self.beta_2, local_step)
        for i, (w, g) in enumerate(zip(weights, gradients)):
            m, v = self.slots["momentum"][i], self.slots["velocity"][i]
            m.add_((g - m) * (1 - self.beta_1))
            v.add_((torch.square(g) - v) * (1 - self.beta_2))
            m_hat = (u_t_1 * m) / (1 - u_product_t_1) + ((1 - u_t) * g) / (1 - u_product_t)
            v_hat = v / (1 - beta_2_power)
            w.sub_((m_hat * lr) / (torch.sqrt(v_hat) + self.epsilon))


class KerasAdamax:
    def __init__(self, spec, weights):
        self.beta_1, self.beta_2 = spec.get("beta_1", 0.9), spec.get("beta_2", 0.999)
        self.epsilon = spec.get("epsilon", 1e-7)
        self.slots = {"momentum": [torch.zeros_like(w) for w in weights],
                      "norm": [torch.zeros_like(w) for w in weights]}

    def step(self, weights, gradients, lr, iterations):
        beta_1_power = math.pow(self.beta_1, float(iterations + 1))
        for i, (w, g) in enumerate(zip(weights, gradients)):
            m, u = self.slots["momentum"][i], self.slots["norm"][i]
            m.add_((g - m) * (1 - self.beta_1))
            u.copy_(torch.maximum(self.beta_2 * u, torch.abs(g)))
            w.sub_((lr * m) / ((1 - beta_1_power) * (u + self.epsilon)))


class KerasAdadelta:
    def __init__(self, spec, weights):
        self.rho, self.epsilon = spec.get("rho", 0.95), spec.get("epsilon", 1e-7)
        self.slots = {"accumulated_grad": [torch.zeros_like(w) for w in weights],
                      "accumulated_delta_var": [torch.zeros_like(w) for w in weights]}

    def step(self, weights, gradients, lr, iterations):
        rho = self.rho

        def rms(x):
            return torch.sqrt(x + self.epsilon)

        for i, (w, g) in enumerate(zip(weights, gradients)):
            a, d = self.slots["accumulated_grad"][i], self.slots["accumulated_delta_var"][i]
            a.copy_(rho * a + (1 - rho) * torch.square(g))
            delta = -((rms(d) * g) / rms(a))
            d.copy_(rho * d + (1 - rho) * torch.square(delta))
            w.add_(lr * delta)


class KerasLion:
    def __init__(self, spec, weights):
        self.beta_1, self.beta_2 = spec.get("beta_1", 0.9), spec.get("beta_2", 0.99)
        self.slots = {"momentum": [torch.zeros_like(w) for w in weights]}

    def step(self, weights, gradients, lr, iterations):
        for i, (w, g) in enumerate(zip(weights, gradients)):
            m = self.slots["momentum"][i]
            w.sub_(lr * torch.sign(m * self.beta_1 + g * (1.0 - self.beta_1)))
            m.copy_(m * self.beta_2 + g * (1.0 - self.beta_2))


# --------------------------------------------------------------------------------------------
# The base optimizer's options around any rule
# --------------------------------------------------------------------------------------------

def clip_gradients(spec, gradients):
    """(clipped gradients, whether the clip changed anything) as BaseOptimizer._clip_gradients."""
    if spec.get("clipnorm"):
        c = spec["clipnorm"]
        out = []
        for g in gradients:
            norm = torch.sqrt(torch.sum(torch.square(g)))
            out.append((g * c) / torch.maximum(norm, torch.tensor(c)))
        bound = any(torch.sqrt(torch.sum(torch.square(g))).item() > c for g in gradients)
        return out, bound
    if spec.get("global_clipnorm"):
        c = spec["global_clipnorm"]
        norm = torch.sqrt(torch.sum(torch.stack([torch.sum(torch.square(g)) for g in gradients])))
        scale = c * torch.minimum(1.0 / norm, torch.tensor(1.0 / c)) + (norm - norm)
        return [g * scale for g in gradients], norm.item() > c
    if spec.get("clipvalue"):
        c = spec["clipvalue"]
        return [torch.clamp(g, -c, c) for g in gradients], any(bool((g.abs() > c).any()) for g in gradients)
    return gradients, False


LAST = {}


def with_base_options(rule):
    class WithOptions:
        def __init__(self, spec, weights):
            self.spec = spec
            self.inner = rule(spec, weights)
            self.slots = self.inner.slots
            self.clip_bound = []
            LAST["optimizer"] = self

        def step(self, weights, gradients, lr, iterations):
            gradients, bound = clip_gradients(self.spec, gradients)
            self.clip_bound.append(bound)
            weight_decay = self.spec.get("weight_decay")
            if weight_decay is not None:
                for w in weights:
                    w.copy_(w - w * weight_decay * lr)
            self.inner.step(weights, gradients, lr, iterations)

    return WithOptions


RULES = {"SGD": kr.KerasSGD, "Adam": kr.KerasAdam, "RMSprop": kr.KerasRMSprop, "Adagrad": kr.KerasAdagrad,
         "AdamW": KerasAdamW, "Nadam": KerasNadam, "Adamax": KerasAdamax, "Adadelta": KerasAdadelta,
         "Lion": KerasLion}
for _name, _rule in RULES.items():
    kr.OPTIMIZERS[_name] = with_base_options(_rule)   # this process only: ring 1's file is unchanged


# --------------------------------------------------------------------------------------------
# Keras' own numbers for the rules above (keras/src/optimizers/*_test.py), checked before writing
# --------------------------------------------------------------------------------------------

def one_weight_steps(spec, initial, gradient_sequence):
    weights = [torch.tensor(initial)]
    return [h[0] for h in kr.apply_steps(spec, weights, [[torch.tensor(g)] for g in gradient_sequence])]


GOLDEN_GRADIENTS = [[0.01] * 10] + [[0.1 * k for k in range(1, 11)]] * 4


def self_check():
    checks = {
        "adamw_single_step": ({"class": "AdamW", "learning_rate": 0.5, "weight_decay": 0.004},
                              [0.4980, 1.4960, 2.494, 3.492]),
        "nadam_single_step": ({"class": "Nadam", "learning_rate": 0.5}, [0.4686, 1.4686, 2.4686, 3.4686]),
        "adamax_single_step": ({"class": "Adamax", "learning_rate": 0.5}, [0.5, 1.5, 2.5, 3.5]),
        "adadelta_single_step": ({"class": "Adadelta", "learning_rate": 0.5}, [0.9993, 1.9993, 2.9993, 3.9993]),
        "lion_single_step": ({"class": "Lion", "learning_rate": 0.5}, [0.5, 1.5, 2.5, 3.5]),
    }
    for name, (spec, expected) in checks.items():
        after = one_weight_steps(spec, [1.0, 2.0, 3.0, 4.0], [[1.0, 6.0, 7.0, 2.0]])[-1]
        assert kr.close(after, expected, 1e-4, 1e-4), (name, after)
    goldens = {
        "adamw": ({"class": "AdamW", "learning_rate": 1.0, "weight_decay": 0.5, "epsilon": 2.0},
                  [[0.4998] * 10, [0.2486, 0.2475, 0.2463, 0.2451, 0.244, 0.2428, 0.2417, 0.2405, 0.2394, 0.2382],
                   [0.1223, 0.1198, 0.1174, 0.1149, 0.1124, 0.11, 0.1075, 0.1051, 0.1027, 0.1003],
                   [0.0586, 0.0549, 0.0512, 0.0475, 0.0439, 0.0402, 0.0366, 0.033, 0.0294, 0.0258],
                   [0.0263, 0.0215, 0.0167, 0.012, 0.0073, 0.0026, -0.0021, -0.0067, -0.0113, -0.0159]]),
        "nadam": ({"class": "Nadam", "learning_rate": 0.5, "beta_1": 0.5, "beta_2": 0.67, "epsilon": 1e-5},
                  [[0.4281] * 10,
                   [-0.1738, -0.1731, -0.1726, -0.1723, -0.1721, -0.172, -0.1719, -0.1718, -0.1718, -0.1717],
                   [-0.7115, -0.7103, -0.7096, -0.7092, -0.709, -0.7088, -0.7086, -0.7085, -0.7085, -0.7084],
                   [-1.2335, -1.2322, -1.2313, -1.2309, -1.2306, -1.2304, -1.2302, -1.2301, -1.23, -1.2299],
                   [-1.7492, -1.7478, -1.7469, -1.7464, -1.7461, -1.7459, -1.7457, -1.7456, -1.7455, -1.7454]]),
        "adamax": ({"class": "Adamax", "learning_rate": 0.2, "beta_1": 0.85, "beta_2": 0.95, "epsilon": 1e-6},
                   [[0.8] * 10,
                    [0.6827, 0.6873, 0.6888, 0.6896, 0.6901, 0.6904, 0.6906, 0.6908, 0.6909, 0.691],
                    [0.5333, 0.5407, 0.5431, 0.5444, 0.5451, 0.5456, 0.546, 0.5462, 0.5464, 0.5466],
                    [0.368, 0.3773, 0.3804, 0.382, 0.3829, 0.3835, 0.384, 0.3843, 0.3846, 0.3848],
                    [0.1933, 0.204, 0.2076, 0.2094, 0.2105, 0.2112, 0.2117, 0.2121, 0.2124, 0.2126]]),
        "adadelta": ({"class": "Adadelta", "learning_rate": 1.0, "rho": 0.8, "epsilon": 1e-6},
                     [[v] * 10 for v in (0.9978, 0.9947, 0.9915, 0.9882, 0.9849)]),
        "lion": ({"class": "Lion", "learning_rate": 0.001}, [[v] * 10 for v in (0.999, 0.998, 0.997, 0.996, 0.995)]),
    }
    for name, (spec, rows) in goldens.items():
        history = one_weight_steps(spec, [1.0] * 10, GOLDEN_GRADIENTS)
        for k, row in enumerate(rows):
            assert kr.close(history[k], row, 5e-4, 5e-4), (name, k, history[k].tolist(), row)
    for rule in ("SGD", "Adam", "Nadam", "Adamax", "Adadelta", "Lion", "AdamW"):   # weight decay tests
        spec = {"class": rule, "learning_rate": 1.0, "weight_decay": 0.004}
        after = one_weight_steps(spec, [2.0], [[0.0]] * 3)[-1]   # three optimizers, one step each, in Keras
        assert abs(after.item() - 1.9760959) < 1e-6, (rule, after)
    for spec, expected in (({"clipnorm": 1}, [2 ** 0.5 / 2] * 2), ({"clipvalue": 1}, [1.0, 1.0]),
                           ({"global_clipnorm": 1}, [50 / math.sqrt(12500), 100 / math.sqrt(12500)])):
        grad = [100.0, 100.0] if "global_clipnorm" not in spec else [50.0, 100.0]
        clipped = clip_gradients(spec, [torch.tensor(grad)])[0][0]
        assert kr.close(clipped, expected, 1e-6, 1e-6), (spec, clipped)
    return len(checks) + len(goldens) + 7 + 3


# --------------------------------------------------------------------------------------------
# Training cases: ring 1's network and data, 5 full-batch steps each
# --------------------------------------------------------------------------------------------

def optimizer_cases():
    def case(name, description, optimizer):
        return {"name": name, "description": description, "loss": kr.CCE, "output_activation": "softmax",
                "regularizers": kr.NO_REGULARIZERS, "optimizer": optimizer}

    rules = {
        "sgd_momentum": {"class": "SGD", "learning_rate": 0.1, "momentum": 0.9, "nesterov": False},
        "adam": {"class": "Adam", "learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7,
                 "amsgrad": False},
        "rmsprop": {"class": "RMSprop", "learning_rate": 0.01, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7,
                    "centered": False},
        "adagrad": {"class": "Adagrad", "learning_rate": 0.1, "initial_accumulator_value": 0.1, "epsilon": 1e-7},
        "adamw": {"class": "AdamW", "learning_rate": 0.01, "weight_decay": 0.1, "beta_1": 0.9, "beta_2": 0.999,
                  "epsilon": 1e-7, "amsgrad": False},
        "nadam": {"class": "Nadam", "learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7},
        "adamax": {"class": "Adamax", "learning_rate": 0.02, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7},
        "adadelta": {"class": "Adadelta", "learning_rate": 1.0, "rho": 0.95, "epsilon": 1e-7},
        "lion": {"class": "Lion", "learning_rate": 0.003, "beta_1": 0.9, "beta_2": 0.99},
    }
    cases = []
    for name in ("adamw", "nadam", "adamax", "adadelta", "lion"):
        cases.append(case(name, f"{rules[name]['class']}, plain", rules[name]))
    cases.append(case("adamw_amsgrad", "AdamW with amsgrad and beta_2 0.5",
                      {**rules["adamw"], "learning_rate": 0.05, "beta_2": 0.5, "amsgrad": True}))
    cases.append(case("nadam_betas", "Nadam with beta_1 0.5, beta_2 0.67, epsilon 1e-5 (Keras' golden settings)",
                      {"class": "Nadam", "learning_rate": 0.05, "beta_1": 0.5, "beta_2": 0.67, "epsilon": 1e-5}))
    exponential = {"class": "ExponentialDecay", "initial_learning_rate": 0.02, "decay_steps": 2, "decay_rate": 0.5,
                   "staircase": False}
    for name in ("adamw", "nadam", "adamax", "adadelta", "lion"):
        spec = dict(rules[name])
        spec["learning_rate"] = dict(exponential, initial_learning_rate=spec["learning_rate"])
        cases.append(case(name + "_exponential_decay", f"{spec['class']} with ExponentialDecay(lr, 2, 0.5)", spec))
    # the base options on every optimizer; the clip thresholds are below the gradients' sizes so they bind
    options = {"weight_decay": {"weight_decay": 0.05}, "clipnorm": {"clipnorm": 0.05},
               "clipvalue": {"clipvalue": 0.02}, "global_clipnorm": {"global_clipnorm": 0.08}}
    for name, rule in rules.items():
        for option, setting in options.items():
            if name == "adamw" and option == "weight_decay":
                continue   # AdamW's own case above
            spec = {**rule, **setting}
            cases.append(case(f"{name}_{option}", f"{rule['class']} with {setting}", spec))
    cases.append(case("adam_schedule_weight_decay_clipnorm", "Adam, ExponentialDecay, weight_decay 0.05 and "
                                                             "clipnorm 0.05: decay uses each step's rate",
                      {**rules["adam"], "learning_rate": exponential, "weight_decay": 0.05, "clipnorm": 0.05}))
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check-only", action="store_true", help="run the self-checks, write nothing")
    args = parser.parse_args()
    torch.set_num_threads(1)
    print(f"{self_check()} Keras numbers reproduced by the ring-2 rules")
    problem = kr.make_problem()
    records = []
    for case in optimizer_cases():
        record, _ = kr.run_case(case, problem)
        optimizer = LAST["optimizer"]
        if hasattr(optimizer.inner, "scalars"):
            record["final"]["optimizer_state"]["scalars"] = dict(optimizer.inner.scalars)
        record["clip_bound_per_step"] = optimizer.clip_bound
        if any(k in case["optimizer"] for k in ("clipnorm", "clipvalue", "global_clipnorm")):
            assert all(optimizer.clip_bound), (case["name"], optimizer.clip_bound)
        records.append(record)
        print(f"  {case['name']:40s} final loss {record['final']['loss']:.12f}  clip bound {optimizer.clip_bound}")
    if not args.check_only:
        header = kr.header("Ring 2: AdamW, Nadam, Adamax, Adadelta, Lion, and weight_decay / clipnorm / clipvalue / "
                           "global_clipnorm on every optimizer")
        header["generator"] = "optim/src/test/python/keras_reference_ring2.py"
        header["semantics"] = dict(header["semantics"], base_options=(
            "Keras 3 BaseOptimizer order: clip the gradients (clipnorm per variable g*c/max(||g||,c); "
            "global_clipnorm g*c*min(1/n,1/c), n over all gradients; clipvalue clip(g,-c,c)), then "
            "w -= w*weight_decay*lr, then the update rule on the clipped gradients. trajectory[i].gradients "
            "are the unclipped gradients of the loss."))
        kr.write("optimizers_ring2.json", {**header, "cases": records})


if __name__ == "__main__":
    main()
