package org.backprop4j.integration;

import static org.backprop4j.integration.Fixtures.classification;
import static org.backprop4j.integration.Fixtures.classifier;
import static org.backprop4j.integration.Fixtures.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ValidationTest {

    private static final INDArray[] DATA = classification(40, 9);

    private static INDArray rows(INDArray data, int from, int to) {
        return data.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    private static FitOptions options(int epochs) {
        return new FitOptions().epochs(epochs).batchSize(8).verbose(0);
    }

    @Test
    void validationSplitHoldsOutTheLastRowsBeforeShuffling() {
        // 40 * (1 - 0.3) = 28 training rows, the last 12 held out
        Sequential model = classifier(7, DataType.DOUBLE);
        History history = model.fit(DATA[0], DATA[1], options(2).validationSplit(0.3));

        Sequential twin = classifier(7, DataType.DOUBLE);
        twin.fit(rows(DATA[0], 0, 28), rows(DATA[1], 0, 28), options(2));
        assertTrue(sameBits(twin.getWeights(), model.getWeights()), "trained on exactly the first 28 rows");

        Map<String, Double> held = model.evaluate(rows(DATA[0], 28, 40), rows(DATA[1], 28, 40));
        assertEquals(held.get("loss"), history.get("val_loss").get(1));
        assertEquals(held.get("accuracy"), history.get("val_accuracy").get(1));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), List.copyOf(history.history().keySet()));
    }

    @Test
    void validationDataIsEvaluatedAfterEveryEpochAndOverridesTheSplit() {
        INDArray[] validation = classification(15, 10);
        Sequential model = classifier(7, DataType.DOUBLE);
        History history = model.fit(DATA[0], DATA[1],
                options(3).validationSplit(0.5).validationData(validation[0], validation[1]));

        Sequential twin = classifier(7, DataType.DOUBLE);
        twin.fit(DATA[0], DATA[1], options(3));
        assertTrue(sameBits(twin.getWeights(), model.getWeights()), "all 40 rows trained: the data overrides the split");
        assertEquals(3, history.get("val_loss").size());
        assertEquals(model.evaluate(validation[0], validation[1]).get("loss"), history.get("val_loss").get(2));
    }

    @Test
    void theProgressLineShowsTheValidationScores() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        classifier(7, DataType.DOUBLE).fit(DATA[0], DATA[1], options(1).verbose(2).validationSplit(0.25)
                .progressOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(output.matches("(?s).* - loss: [0-9.]+ - accuracy: [0-9.]+ - val_loss: [0-9.]+ - val_accuracy: [0-9.]+.*"),
                output);
    }
}
