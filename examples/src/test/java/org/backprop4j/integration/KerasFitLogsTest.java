package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.metrics.AUC;
import org.backprop4j.core.metrics.F1Score;
import org.backprop4j.core.metrics.Metrics;
import org.backprop4j.core.metrics.R2Score;
import org.backprop4j.core.metrics.RootMeanSquaredError;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.RMSprop;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Small fits with sample weights against real Keras 3 (TensorFlow, float64; fixture
 * {@code examples/src/test/resources/reference/keras_fit_logs.json}, written by
 * {@code core/src/test/python/keras_metrics_reference.py}): the same network and initial weights, shuffle
 * off, batches that do not divide the data, a validation split that carries its weights, Keras'
 * {@code metrics=} (unweighted: accuracy, AUC, F1, precision, recall, RMSE, R2, mae) and
 * {@code weighted_metrics=} ({@link Metrics#weighted}). Every epoch-level History value Keras reports,
 * the final weights, and a weighted {@code evaluate} agree to 1e-9 in DOUBLE.
 */
class KerasFitLogsTest {

    private static final double TOLERANCE = 1e-9;

    static Stream<Arguments> cases() throws IOException {
        Path path = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "reference", "keras_fit_logs.json");
        if (!Files.isRegularFile(path)) {
            path = Path.of("examples", "src", "test", "resources", "reference", "keras_fit_logs.json");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fixture = new ObjectMapper().readValue(path.toFile(), Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) fixture.get("cases");
        return cases.stream().map(c -> Arguments.of(c.get("name"), c));
    }

    /** The Java twin of each Keras case of the fixture script, by name. */
    private static Sequential model(String name) {
        Sequential model = new Sequential(1L);
        switch (name) {
            case "softmax, categorical cross-entropy, Adam" -> model.add(new Dense(5, 4, "tanh")).add(new Dense(3, "softmax"))
                    .compile("categorical_crossentropy", new Adam(0.05, 0.875, 0.9990234375, 1e-7, false), "accuracy", new AUC(), F1Score.macro(), "precision",
                            "recall", Metrics.weighted("accuracy"),
                            Metrics.weighted(new AUC(200, AUC.Curve.ROC, AUC.Summation.INTERPOLATION, false, "weighted_auc")),
                            Metrics.weighted(new F1Score(F1Score.Average.WEIGHTED, null, "weighted_f1")));
            case "sparse labels, SGD with momentum" -> model.add(new Dense(6, 4, "relu")).add(new Dense(3, "softmax"))
                    .compile("sparse_categorical_crossentropy", new SGD(0.2, 0.5, false), "accuracy",
                            Metrics.weighted("accuracy"));
            case "sigmoid, binary cross-entropy, RMSprop" -> model.add(new Dense(4, 4, "tanh")).add(new Dense(1, "sigmoid"))
                    .compile("binary_crossentropy", new RMSprop(0.02), "accuracy", "auc", "precision", "recall",
                            F1Score.macro(0.5),
                            Metrics.weighted(new AUC(200, AUC.Curve.ROC, AUC.Summation.INTERPOLATION, false, "weighted_auc")),
                            Metrics.weighted("accuracy"));
            case "regression, mse, SGD" -> model.add(new Dense(5, 4, "tanh")).add(new Dense(2))
                    .compile("mse", new SGD(0.05), new RootMeanSquaredError(), new R2Score(), "mae",
                            Metrics.weighted(new RootMeanSquaredError("weighted_rmse")),
                            Metrics.weighted(new R2Score("weighted_r2")));
            default -> throw new IllegalArgumentException("no Java twin for the case '" + name + "'");
        }
        return model;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void epochLogsWeightsAndEvaluateMatchKeras(String name, Map<String, Object> c) {
        Sequential model = model(name);
        List<INDArray> initial = new ArrayList<>();
        for (Object weight : (List<Object>) c.get("initial_weights")) {
            initial.add(KerasReference.array(weight));
        }
        model.setWeights(initial);
        INDArray x = KerasReference.array(c.get("x"));
        INDArray y = KerasReference.array(c.get("y"));
        INDArray w = Nd4j.createFromArray(((List<Number>) c.get("sample_weight")).stream()
                .mapToDouble(Number::doubleValue).toArray()).castTo(DataType.DOUBLE);
        History history = model.fit(x, y, new FitOptions().epochs(((Number) c.get("epochs")).intValue())
                .batchSize(((Number) c.get("batch_size")).intValue()).shuffle(false).verbose(0)
                .validationSplit(((Number) c.get("validation_split")).doubleValue()).sampleWeight(w));

        Map<String, List<Number>> keras = (Map<String, List<Number>>) c.get("history");
        assertEquals(new java.util.TreeSet<>(keras.keySet()), new java.util.TreeSet<>(history.history().keySet()),
                name + ": the same History keys as Keras");
        keras.forEach((key, values) -> {
            for (int epoch = 0; epoch < values.size(); epoch++) {
                assertEquals(values.get(epoch).doubleValue(), history.get(key).get(epoch), TOLERANCE,
                        name + ": " + key + " in epoch " + (epoch + 1));
            }
        });
        List<Object> finalWeights = (List<Object>) c.get("final_weights");
        List<INDArray> ours = model.getWeights();
        for (int i = 0; i < finalWeights.size(); i++) {
            INDArray expected = KerasReference.array(finalWeights.get(i));
            double worst = expected.sub(ours.get(i).reshape(expected.shape())).amaxNumber().doubleValue();
            assertTrue(worst <= TOLERANCE, name + ": weight " + i + " after fit differs by " + worst);
        }
        Map<String, Double> evaluation = model.evaluate(x, y, w);
        Map<String, Number> kerasEvaluation = (Map<String, Number>) c.get("evaluate");
        assertEquals(new java.util.TreeSet<>(kerasEvaluation.keySet()), new java.util.TreeSet<>(evaluation.keySet()));
        kerasEvaluation.forEach((key, value) ->
                assertEquals(value.doubleValue(), evaluation.get(key), TOLERANCE, name + ": evaluate " + key));
    }
}
