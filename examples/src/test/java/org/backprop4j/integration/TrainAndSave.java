package org.backprop4j.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fixed training run (seed 7, shuffling, validation split, Nesterov momentum) that saves the
 * model to {@code <dir>/model.bp4j} and the History's exact bits to {@code <dir>/history.txt}: run
 * in two JVMs by {@link DeterminismTest}.
 */
public final class TrainAndSave {

    private TrainAndSave() {
    }

    /** The run itself, shared with the in-process comparison. */
    static Map.Entry<Sequential, History> train() {
        INDArray[] data = Fixtures.classification(48, 21);
        Sequential model = Fixtures.classifier(7, DataType.DOUBLE);
        History history = model.fit(data[0], data[1], new FitOptions().epochs(4).batchSize(5).verbose(0)
                .validationSplit(0.25));
        return Map.entry(model, history);
    }

    /** Every recorded value as the hex of its bits, one key per line. */
    static String exactly(History history) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<Double>> entry : history.history().entrySet()) {
            text.append(entry.getKey());
            for (double value : entry.getValue()) {
                text.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(value)));
            }
            text.append('\n');
        }
        return text.append(history.stopReason()).append('\n').toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map.Entry<Sequential, History> run = train();
        run.getKey().save(dir.resolve("model.bp4j"));
        Files.writeString(dir.resolve("history.txt"), exactly(run.getValue()), StandardCharsets.UTF_8);
    }
}
