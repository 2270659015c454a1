#!/usr/bin/env python3
"""Real Keras (3.x on TensorFlow, float64) numbers for the ring-2 optimizers and base-optimizer options.

Runs Keras itself, not a transcription of its rules:

1. Keras' own tests (keras/src/optimizers/{adamw,nadam,adamax,adadelta,lion,optimizer}_test.py): the
   single steps, the golden sequences, the weight-decay test and the clipnorm / clipvalue /
   global_clipnorm tests, recomputed in float64 and checked against the tests' numbers.
2. apply_gradients on two variables (a 2x3 matrix and a 3-vector) for six steps of fixed gradients,
   for every optimizer (ring 1's and ring 2's) plain and with each base option.
3. model.fit on every case of optimizers_ring2.json (written by keras_reference_ring2.py): the same
   network, initial weights, data and optimizer settings, five full-batch epochs; the weights after
   each step and the losses are recorded, and the script checks they agree with the PyTorch
   reference to 1e-9 before writing.

Writes optim/src/test/resources/reference/keras_ring2_real.json. Needs Keras with TensorFlow (not
needed by the build): /work/wt/i22-venv/bin/python optim/src/test/python/keras_ring2_real.py
"""
import json
import math
import os
import pathlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

keras.config.set_floatx("float64")
tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)

REFERENCE = pathlib.Path(__file__).resolve().parents[1] / "resources" / "reference"
SNAKE = {"learning_rate", "weight_decay", "beta_1", "beta_2", "epsilon", "amsgrad", "rho", "momentum", "nesterov",
         "centered", "initial_accumulator_value", "clipnorm", "clipvalue", "global_clipnorm"}
CLASSES = {"SGD": keras.optimizers.SGD, "Adam": keras.optimizers.Adam, "RMSprop": keras.optimizers.RMSprop,
           "Adagrad": keras.optimizers.Adagrad, "AdamW": keras.optimizers.AdamW, "Nadam": keras.optimizers.Nadam,
           "Adamax": keras.optimizers.Adamax, "Adadelta": keras.optimizers.Adadelta, "Lion": keras.optimizers.Lion}


def optimizer_from(spec):
    kwargs = {k: v for k, v in spec.items() if k in SNAKE}
    rate = kwargs.get("learning_rate")
    if isinstance(rate, dict):
        assert rate["class"] == "ExponentialDecay", rate
        kwargs["learning_rate"] = keras.optimizers.schedules.ExponentialDecay(
            rate["initial_learning_rate"], rate["decay_steps"], rate["decay_rate"], staircase=rate["staircase"])
    return CLASSES[spec["class"]](**kwargs)


def apply(spec, initial, gradient_sequence):
    """The variables after each step of optimizer.apply_gradients (float64 variables)."""
    optimizer = optimizer_from(spec)
    variables = [keras.Variable(np.array(v, dtype="float64")) for v in initial]
    history = []
    for gradients in gradient_sequence:
        optimizer.apply_gradients(zip([np.array(g, dtype="float64") for g in gradients], variables))
        history.append([v.numpy().tolist() for v in variables])
    return history


def close(actual, expected, rtol, atol):
    return np.allclose(np.array(actual, dtype="float64"), np.array(expected, dtype="float64"), rtol=rtol, atol=atol)


RAMP = [0.1 * k for k in range(1, 11)]
GOLDEN_SEQUENCE = [[[0.01] * 10]] + [[RAMP]] * 5   # Keras applies 6 steps and checks the first five results


def keras_tests():
    out = []
    singles = {
        "adamw": ({"class": "AdamW", "learning_rate": 0.5}, [0.4980, 1.4960, 2.494, 3.492]),
        "nadam": ({"class": "Nadam", "learning_rate": 0.5}, [0.4686, 1.4686, 2.4686, 3.4686]),
        "adamax": ({"class": "Adamax", "learning_rate": 0.5}, [0.5, 1.5, 2.5, 3.5]),
        "adadelta": ({"class": "Adadelta", "learning_rate": 0.5}, [0.9993, 1.9993, 2.9993, 3.9993]),
        "lion": ({"class": "Lion", "learning_rate": 0.5}, [0.5, 1.5, 2.5, 3.5]),
    }
    for name, (spec, expected) in singles.items():
        after = apply(spec, [[1.0, 2.0, 3.0, 4.0]], [[[1.0, 6.0, 7.0, 2.0]]])[0][0]
        assert close(after, expected, 1e-4, 1e-4), (name, after)
        out.append({"name": name + "_single_step", "source": f"keras/src/optimizers/{name}_test.py test_single_step",
                    "optimizer": spec, "initial": [1.0, 2.0, 3.0, 4.0], "gradients": [[1.0, 6.0, 7.0, 2.0]],
                    "expected": expected, "rtol": 1e-4, "atol": 1e-4, "keras_float64": [after]})
    goldens = {
        "adamw": {"class": "AdamW", "learning_rate": 1.0, "weight_decay": 0.5, "epsilon": 2.0},
        "nadam": {"class": "Nadam", "learning_rate": 0.5, "beta_1": 0.5, "beta_2": 0.67, "epsilon": 1e-5},
        "adamax": {"class": "Adamax", "learning_rate": 0.2, "beta_1": 0.85, "beta_2": 0.95, "epsilon": 1e-6},
        "adadelta": {"class": "Adadelta", "learning_rate": 1.0, "rho": 0.8, "epsilon": 1e-6},
        "lion": {"class": "Lion"},
    }
    expected_rows = {
        "adamw": [[0.4998] * 10, [0.2486, 0.2475, 0.2463, 0.2451, 0.244, 0.2428, 0.2417, 0.2405, 0.2394, 0.2382],
                  [0.1223, 0.1198, 0.1174, 0.1149, 0.1124, 0.11, 0.1075, 0.1051, 0.1027, 0.1003],
                  [0.0586, 0.0549, 0.0512, 0.0475, 0.0439, 0.0402, 0.0366, 0.033, 0.0294, 0.0258],
                  [0.0263, 0.0215, 0.0167, 0.012, 0.0073, 0.0026, -0.0021, -0.0067, -0.0113, -0.0159]],
        "nadam": [[0.4281] * 10,
                  [-0.1738, -0.1731, -0.1726, -0.1723, -0.1721, -0.172, -0.1719, -0.1718, -0.1718, -0.1717],
                  [-0.7115, -0.7103, -0.7096, -0.7092, -0.709, -0.7088, -0.7086, -0.7085, -0.7085, -0.7084],
                  [-1.2335, -1.2322, -1.2313, -1.2309, -1.2306, -1.2304, -1.2302, -1.2301, -1.23, -1.2299],
                  [-1.7492, -1.7478, -1.7469, -1.7464, -1.7461, -1.7459, -1.7457, -1.7456, -1.7455, -1.7454]],
        "adamax": [[0.8] * 10, [0.6827, 0.6873, 0.6888, 0.6896, 0.6901, 0.6904, 0.6906, 0.6908, 0.6909, 0.691],
                   [0.5333, 0.5407, 0.5431, 0.5444, 0.5451, 0.5456, 0.546, 0.5462, 0.5464, 0.5466],
                   [0.368, 0.3773, 0.3804, 0.382, 0.3829, 0.3835, 0.384, 0.3843, 0.3846, 0.3848],
                   [0.1933, 0.204, 0.2076, 0.2094, 0.2105, 0.2112, 0.2117, 0.2121, 0.2124, 0.2126]],
        "adadelta": [[v] * 10 for v in (0.9978, 0.9947, 0.9915, 0.9882, 0.9849)],
        "lion": [[v] * 10 for v in (0.999, 0.998, 0.997, 0.996, 0.995)],
    }
    for name, spec in goldens.items():
        history = [h[0] for h in apply(spec, [[1.0] * 10], GOLDEN_SEQUENCE)][:5]
        for k, row in enumerate(expected_rows[name]):
            assert close(history[k], row, 5e-4, 5e-4), (name, k, history[k], row)
        out.append({"name": name + "_golden", "source": f"keras/src/optimizers/{name}_test.py test_correctness_with_golden",
                    "optimizer": spec, "initial": [1.0] * 10, "gradients": [g[0] for g in GOLDEN_SEQUENCE[:5]],
                    "expected": expected_rows[name], "rtol": 5e-4, "atol": 5e-4, "keras_float64": history})
    for name in ("SGD", "Adam", "AdamW", "Nadam", "Adamax", "Adadelta", "Lion", "RMSprop", "Adagrad"):
        spec = {"class": name, "learning_rate": 1.0, "weight_decay": 0.004}
        # Keras' test_weight_decay: var1 = 2.0, zero gradient, stepped by three fresh optimizers
        value = 2.0
        for _ in range(3):
            value = apply(spec, [value], [[0.0]])[0][0]
        expected = 1.9760959
        if name in ("SGD", "Adam", "AdamW", "Nadam", "Adamax", "Adadelta", "Lion"):
            assert abs(value - expected) < 1e-6, (name, value)
        out.append({"name": name.lower() + "_weight_decay", "source": "keras/src/optimizers/*_test.py test_weight_decay",
                    "optimizer": spec, "initial": [2.0], "gradients": [[0.0]], "fresh_optimizers": 3,
                    "expected": [expected], "rtol": 0, "atol": 1e-6, "keras_float64": [[value]]})
    for option, grad, expected in (("clipnorm", [100.0, 100.0], [2 ** 0.5 / 2] * 2),
                                   ("clipvalue", [100.0, 100.0], [1.0, 1.0]),
                                   ("global_clipnorm", [50.0, 100.0],
                                    [50 / math.hypot(50, 100), 100 / math.hypot(50, 100)])):
        clipped = keras.optimizers.SGD(**{option: 1})._clip_gradients([tf.constant(grad, dtype="float64")])[0]
        clipped = np.asarray(clipped).tolist()
        assert close(clipped, expected, 1e-6, 1e-6), (option, clipped)
        # the same through a step: SGD(1.0) subtracts the clipped gradient from zeros
        stepped = apply({"class": "SGD", "learning_rate": 1.0, option: 1.0}, [[0.0, 0.0]], [[grad]])[0][0]
        assert close([-v for v in stepped], expected, 1e-12, 1e-12), (option, stepped)
        out.append({"name": "sgd_" + option, "source": "keras/src/optimizers/optimizer_test.py test_" + option
                    .replace("global_clipnorm", "global_clip_norm").replace("clipnorm", "clip_norm")
                    .replace("clipvalue", "clip_value"),
                    "optimizer": {"class": "SGD", "learning_rate": 1.0, option: 1.0}, "initial": [0.0, 0.0],
                    "gradients": [grad], "expected": [-v for v in expected], "rtol": 1e-6, "atol": 1e-6,
                    "keras_float64": [stepped]})
    return out


def multi_step_cases():
    """Six steps of fixed gradients on a 2x3 matrix and a 3-vector, every optimizer, plain and with each option."""
    initial = [[[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], [0.1, -0.2, 0.3]]
    rng = np.random.default_rng(5)
    sequence = [[rng.normal(0, 1.0, (2, 3)).round(6).tolist(), rng.normal(0, 0.5, 3).round(6).tolist()]
                for _ in range(6)]
    # Hyper-parameters exactly representable in float32: Keras' TensorFlow backend passes some Python
    # floats through ops.cast (tf.cast converts a Python float to float32 first), e.g. Adam's beta_1 and
    # beta_2, SGD's momentum, Lion's betas, Adagrad's initial accumulator, weight_decay; with these values float64
    # Keras computes the exact rule. Nadam's internal constant 0.96 is cast that way too (in u_t, not
    # in u_product), which no setting avoids: see the README.
    betas = {"beta_1": 0.875, "beta_2": 0.9990234375}
    rules = {"SGD": {"learning_rate": 0.125, "momentum": 0.875}, "Adam": {"learning_rate": 0.1, **betas},
             "RMSprop": {"learning_rate": 0.05, "rho": 0.875, "centered": True},
             "Adagrad": {"learning_rate": 0.2, "initial_accumulator_value": 0.125},
             "AdamW": {"learning_rate": 0.1, "weight_decay": 0.25, **betas}, "Nadam": {"learning_rate": 0.1, **betas},
             "Adamax": {"learning_rate": 0.1, **betas}, "Adadelta": {"learning_rate": 1.0, "rho": 0.875},
             "Lion": {"learning_rate": 0.0625, "beta_1": 0.875, "beta_2": 0.9921875}}
    options = {"plain": {}, "weight_decay": {"weight_decay": 0.125}, "clipnorm": {"clipnorm": 0.75},
               "clipvalue": {"clipvalue": 0.375}, "global_clipnorm": {"global_clipnorm": 1.25}}
    out = []
    for rule, settings in rules.items():
        for option, setting in options.items():
            spec = {"class": rule, **settings, **setting}
            out.append({"name": f"{rule.lower()}_{option}", "optimizer": spec, "initial": initial,
                        "gradients": sequence, "keras_float64": apply(spec, initial, sequence)})
    return out


def fit_cases():
    """Keras' model.fit on every case of optimizers_ring2.json, checked against the PyTorch reference."""
    fixture = json.loads((REFERENCE / "optimizers_ring2.json").read_text())
    out = []
    worst = 0.0
    for case in fixture["cases"]:
        spec = case["model"]
        model = keras.Sequential([keras.Input((spec["input_dim"],))] + [
            keras.layers.Dense(layer["units"], activation=layer["activation"]) for layer in spec["layers"]])
        model.set_weights([np.array(w, dtype="float64") for w in case["initial_weights"]])
        model.compile(loss="categorical_crossentropy", optimizer=optimizer_from(case["optimizer"]))
        x, y = np.array(case["x"], dtype="float64"), np.array(case["y"], dtype="float64")
        weights_after, losses = [], []
        for _ in range(len(case["trajectory"])):
            history = model.fit(x, y, batch_size=8, epochs=1, shuffle=False, verbose=0)
            losses.append(history.history["loss"][0])
            weights_after.append([w.tolist() for w in model.get_weights()])
        case_worst = 0.0
        for step, entry in enumerate(case["trajectory"]):
            for mine, theirs in zip(weights_after[step], entry["weights_after"]):
                case_worst = max(case_worst, float(np.max(np.abs(np.array(mine) - np.array(theirs)))))
            case_worst = max(case_worst, abs(losses[step] - entry["loss"]))
        worst = max(worst, case_worst)
        print(f"    {case['name']:40s} max |keras - reference| {case_worst:.3e}", flush=True)
        out.append({"name": case["name"], "optimizer": case["optimizer"], "losses": losses,
                    "weights_after": weights_after, "max_abs_difference_from_reference": case_worst})
    print(f"  model.fit on {len(out)} cases: worst difference from the PyTorch reference {worst:.3e}")
    return out, worst


def main():
    if os.environ.get("FIT_ONLY"):
        fit_cases()
        return
    tests = keras_tests()
    print(f"{len(tests)} of Keras' optimizer test numbers reproduced by Keras in float64")
    multi = multi_step_cases()
    print(f"{len(multi)} apply_gradients sequences")
    fits, worst = fit_cases()
    payload = {"title": "Real Keras (float64) for the ring-2 optimizers and the base-optimizer options",
               "generator": "optim/src/test/python/keras_ring2_real.py",
               "keras_version": keras.__version__, "tensorflow_version": tf.__version__, "dtype": "float64",
               "semantics": {
                   "keras_tests": "Keras' optimizer tests recomputed by Keras in float64: 'expected' is the test's "
                                  "number (checked at its rtol/atol), 'keras_float64' the float64 result after each "
                                  "step (weight decay: after three fresh optimizers' steps, as the test).",
                   "apply_gradients": "optimizer.apply_gradients on variables [2x3 matrix, 3-vector] (float64) for "
                                      "each gradient pair of 'gradients'; keras_float64[i] = variables after step i+1.",
                   "fit": "model.fit(x, y, batch_size=8, epochs=1, shuffle=False) five times on the cases of "
                          "optimizers_ring2.json (same names); weights_after[i] after step i+1, losses[i] the loss "
                          "fit reported for step i+1 (before the update).",
                   "fit_worst_difference_from_pytorch_reference": worst,
                   "float32_casts": "Keras' TensorFlow backend rounds some Python-float hyper-parameters to "
                                    "float32 before casting them to float64 (ops.cast -> tf.cast of a Python "
                                    "float): Adam/AdamW/Adamax/Nadam/Lion betas, SGD momentum, Adagrad's initial "
                                    "accumulator, the weight_decay factor, Nadam's 0.96 in u_t. backprop4j and the PyTorch reference use "
                                    "the exact doubles, so model.fit here (Keras' defaults such as beta_2 0.999) "
                                    "differs from them by up to fit_worst_difference_from_pytorch_reference; the "
                                    "apply_gradients cases use float32-exact settings."},
               "keras_tests": tests, "apply_gradients": multi, "fit": fits}
    path = REFERENCE / "keras_ring2_real.json"
    path.write_text(json.dumps(payload, indent=1) + "\n")
    print("wrote", path, path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
