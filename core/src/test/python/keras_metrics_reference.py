#!/usr/bin/env python3
"""Golden numbers for backprop4j's stateful metrics and sample weights, from real Keras.

Runs Keras 3 (TensorFlow backend, float64 throughout) and writes two JSON fixtures:

  core/src/test/resources/reference/keras_metrics.json
      Each metric (AUC, top-k, sparse top-k, RMSE, R2, F1, precision, recall, the accuracies, mse,
      mae) fed with a few batches of fixed data, with and without sample weights: the result after
      every batch (Keras' update_state / result), so that the accumulation over batches is checked,
      not only one batch.
  examples/src/test/resources/reference/keras_fit_logs.json
      Small fits (fixed initial weights, shuffle off, batches that do not divide the data,
      validation_split, sample weights, unweighted and weighted metrics) and an evaluate with
      sample weights: Keras' epoch-level History and evaluate's dictionary.

Keras is not needed by the Java build or its tests, only to regenerate these files:

    /work/wt/i22-venv/bin/python core/src/test/python/keras_metrics_reference.py   (from the repository root)

Data come from numpy's seeded generator, so a rerun with the same numpy gives the same inputs.
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402
import keras  # noqa: E402

keras.backend.set_floatx("float64")
ROOT = pathlib.Path(__file__).resolve().parents[4]


def batches_of(rng, rows, columns, kind):
    if kind == "probabilities":
        return rng.random((rows, columns))
    if kind == "softmax":
        z = rng.normal(size=(rows, columns))
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    if kind == "regression":
        return rng.normal(size=(rows, columns))
    raise ValueError(kind)


def targets_of(rng, rows, columns, kind):
    if kind == "binary":
        return (rng.random((rows, columns)) < 0.4).astype("float64")
    if kind == "one_hot":
        return np.eye(columns)[rng.integers(0, columns, rows)]
    if kind == "sparse":
        return rng.integers(0, columns, (rows, 1)).astype("float64")
    if kind == "regression":
        return rng.normal(size=(rows, columns))
    raise ValueError(kind)


def metric_case(name, make, columns, predictions, targets, config, seed, quantise=None, float32=False):
    """Three batches (sizes 7, 5, 9), unweighted and weighted (one weight zero): result after each."""
    rng = np.random.default_rng(seed)
    sizes = [7, 5, 9]
    batches = []
    for size in sizes:
        p = batches_of(rng, size, columns, predictions)
        if quantise:  # put predictions on AUC's thresholds and make ties
            p = np.round(p * quantise) / quantise
        if float32:  # TensorFlow's in_top_k takes float32 only: the fixture holds the float32 values
            p = p.astype("float32").astype("float64")
        y = targets_of(rng, size, columns, targets)
        w = rng.random(size) * 2
        w[1] = 0.0
        batches.append({"p": p.tolist(), "y": y.tolist(), "w": w.tolist()})
    out = {"name": name, "config": config, "batches": batches}
    for weighted in (False, True):
        metric = make()
        results = []
        for b in batches:
            metric.update_state(np.array(b["y"]), np.array(b["p"], dtype="float32" if float32 else "float64"),
                                sample_weight=np.array(b["w"]) if weighted else None)
            results.append(float(metric.result()))
        out["weighted" if weighted else "unweighted"] = results
    return out


def metric_fixture():
    M = keras.metrics
    cases = [
        metric_case("auc", lambda: M.AUC(), 1, "probabilities", "binary", {"type": "auc"}, 1),
        metric_case("auc multi-column flattened", lambda: M.AUC(), 3, "probabilities", "binary", {"type": "auc"}, 2),
        metric_case("auc on thresholds, with ties", lambda: M.AUC(num_thresholds=11), 2, "probabilities", "binary",
                    {"type": "auc", "numThresholds": 11}, 3, quantise=10),
        metric_case("auc PR interpolation", lambda: M.AUC(curve="PR"), 2, "probabilities", "binary",
                    {"type": "auc", "curve": "PR"}, 4),
        metric_case("auc ROC minoring", lambda: M.AUC(num_thresholds=50, summation_method="minoring"), 2,
                    "probabilities", "binary", {"type": "auc", "numThresholds": 50, "summationMethod": "minoring"}, 5),
        metric_case("auc PR majoring", lambda: M.AUC(curve="PR", summation_method="majoring"), 2,
                    "probabilities", "binary", {"type": "auc", "curve": "PR", "summationMethod": "majoring"}, 6),
        metric_case("top_k k=5 of 8", lambda: M.TopKCategoricalAccuracy(), 8, "softmax", "one_hot",
                    {"type": "top_k_categorical_accuracy"}, 7, float32=True),
        metric_case("top_k k=2 with ties", lambda: M.TopKCategoricalAccuracy(k=2), 4, "probabilities", "one_hot",
                    {"type": "top_k_categorical_accuracy", "k": 2}, 8, quantise=3, float32=True),
        metric_case("sparse_top_k k=2", lambda: M.SparseTopKCategoricalAccuracy(k=2), 5, "softmax", "sparse",
                    {"type": "sparse_top_k_categorical_accuracy", "k": 2}, 9, float32=True),
        metric_case("root_mean_squared_error", lambda: M.RootMeanSquaredError(), 3, "regression", "regression",
                    {"type": "root_mean_squared_error"}, 10),
        metric_case("r2_score", lambda: M.R2Score(), 3, "regression", "regression", {"type": "r2_score"}, 11),
        metric_case("r2_score one output", lambda: M.R2Score(), 1, "regression", "regression",
                    {"type": "r2_score"}, 12),
        metric_case("f1_score macro", lambda: M.F1Score(average="macro"), 4, "softmax", "one_hot",
                    {"type": "f1_score"}, 13),
        metric_case("f1_score micro", lambda: M.F1Score(average="micro"), 4, "softmax", "one_hot",
                    {"type": "f1_score", "average": "micro"}, 14),
        metric_case("f1_score weighted", lambda: M.F1Score(average="weighted"), 4, "softmax", "one_hot",
                    {"type": "f1_score", "average": "weighted"}, 15),
        metric_case("f1_score macro threshold 0.5, multi-label", lambda: M.F1Score(average="macro", threshold=0.5), 3,
                    "probabilities", "binary", {"type": "f1_score", "threshold": 0.5}, 16),
        metric_case("precision", lambda: M.Precision(), 2, "probabilities", "binary", {"type": "precision"}, 17),
        metric_case("recall", lambda: M.Recall(), 2, "probabilities", "binary", {"type": "recall"}, 18),
        metric_case("binary_accuracy", lambda: M.BinaryAccuracy(), 2, "probabilities", "binary",
                    {"type": "binary_accuracy"}, 19),
        metric_case("categorical_accuracy", lambda: M.CategoricalAccuracy(), 4, "softmax", "one_hot",
                    {"type": "categorical_accuracy"}, 20),
        metric_case("sparse_categorical_accuracy", lambda: M.SparseCategoricalAccuracy(), 4, "softmax", "sparse",
                    {"type": "sparse_categorical_accuracy"}, 21),
        metric_case("mse", lambda: M.MeanSquaredError(), 3, "regression", "regression", {"type": "mse"}, 22),
        metric_case("mae", lambda: M.MeanAbsoluteError(), 3, "regression", "regression", {"type": "mae"}, 23),
    ]
    return {
        "title": "Keras 3 metrics: the result after each of three batches (7, 5, 9 rows), without and with sample weights",
        "generator": "core/src/test/python/keras_metrics_reference.py",
        "keras_version": keras.__version__,
        "dtype": "float64",
        "cases": cases,
    }


def fit_case(name, layers, loss, optimizer, metrics, weighted_metrics, x, y, w, epochs, batch_size,
             validation_split, seed, evaluate_weights=True):
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((x.shape[1],))] + layers())
    model.compile(loss=loss, optimizer=optimizer(), metrics=metrics(), weighted_metrics=weighted_metrics())
    initial = [v.tolist() for v in model.get_weights()]
    history = model.fit(x, y, sample_weight=w, epochs=epochs, batch_size=batch_size, shuffle=False,
                        validation_split=validation_split, verbose=0)
    evaluation = model.evaluate(x, y, sample_weight=w if evaluate_weights else None, return_dict=True, verbose=0,
                                batch_size=len(x))
    return {"name": name, "x": x.tolist(), "y": y.tolist(), "sample_weight": w.tolist(),
            "initial_weights": initial, "final_weights": [v.tolist() for v in model.get_weights()],
            "epochs": epochs, "batch_size": batch_size, "validation_split": validation_split,
            "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
            "evaluate": {k: float(v) for k, v in evaluation.items()}}


def fit_fixture():
    L, M = keras.layers, keras.metrics
    rng = np.random.default_rng(2026)
    x = rng.normal(size=(40, 4))
    labels = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(int) + (x[:, 2] > 0.8).astype(int)
    one_hot = np.eye(3)[labels]
    w = rng.random(40) * 2
    w[[3, 17]] = 0.0
    binary = ((x[:, 0] - x[:, 3]) > 0.2).astype("float64").reshape(-1, 1)
    regression = np.stack([x[:, 0] * 2 - x[:, 1], np.sin(x[:, 2]) + 0.1 * x[:, 3]], axis=1)
    cases = [
        fit_case("softmax, categorical cross-entropy, Adam",
                 lambda: [L.Dense(5, activation="tanh"), L.Dense(3, activation="softmax")],
                 # betas exactly representable in float32: Keras' TensorFlow backend casts the Python-float betas
                 # through a float32 constant (ops.cast(0.999, "float64") is 0.99900001287...), which moves Adam's
                 # step by ~1e-5 relative in a float64 model: TensorFlow's rounding, not Keras' rule
                 "categorical_crossentropy", lambda: keras.optimizers.Adam(0.05, beta_1=0.875, beta_2=0.9990234375),
                 lambda: ["accuracy", M.AUC(name="auc"), M.F1Score(average="macro"),
                          M.Precision(name="precision"), M.Recall(name="recall")],
                 lambda: ["accuracy", M.AUC(name="weighted_auc"), M.F1Score(average="weighted", name="weighted_f1")],
                 x, one_hot, w, 4, 12, 0.25, 1),
        # (no top-k metric in a fit: TensorFlow's in_top_k refuses the float64 predictions of a float64 model)
        fit_case("sparse labels, SGD with momentum",
                 lambda: [L.Dense(6, activation="relu"), L.Dense(3, activation="softmax")],
                 "sparse_categorical_crossentropy", lambda: keras.optimizers.SGD(0.2, momentum=0.5),
                 lambda: ["accuracy"],
                 lambda: ["accuracy"],
                 x, labels.reshape(-1, 1).astype("float64"), w, 3, 16, 0.0, 2),
        fit_case("sigmoid, binary cross-entropy, RMSprop",
                 lambda: [L.Dense(4, activation="tanh"), L.Dense(1, activation="sigmoid")],
                 "binary_crossentropy", lambda: keras.optimizers.RMSprop(0.02),
                 lambda: ["accuracy", M.AUC(name="auc"), M.Precision(name="precision"), M.Recall(name="recall"),
                          M.F1Score(average="macro", threshold=0.5)],
                 lambda: [M.AUC(name="weighted_auc"), "accuracy"],
                 x, binary, w, 3, 7, 0.2, 3),
        fit_case("regression, mse, SGD",
                 lambda: [L.Dense(5, activation="tanh"), L.Dense(2)],
                 "mse", lambda: keras.optimizers.SGD(0.05),
                 lambda: [M.RootMeanSquaredError(), M.R2Score(), "mae"],
                 lambda: [M.RootMeanSquaredError(name="weighted_rmse"), M.R2Score(name="weighted_r2")],
                 x, regression, w, 3, 9, 0.25, 4),
    ]
    return {
        "title": "Keras 3 fit with sample weights: epoch-level History and a weighted evaluate",
        "generator": "core/src/test/python/keras_metrics_reference.py",
        "keras_version": keras.__version__,
        "dtype": "float64",
        "semantics": "shuffle=False; validation_split takes the last rows (and their weights); metrics= unweighted, "
                     "weighted_metrics= weighted; initial_weights in get_weights() order; evaluate over the whole data "
                     "in one batch with the same sample weights",
        "cases": cases,
    }


def write(path, payload):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1) + "\n")
    print("wrote", path.relative_to(ROOT))


if __name__ == "__main__":
    write(ROOT / "core/src/test/resources/reference/keras_metrics.json", metric_fixture())
    write(ROOT / "examples/src/test/resources/reference/keras_fit_logs.json", fit_fixture())
