package org.backprop4j.examples.tutorials;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.Split;
import org.backprop4j.examples.data.Datasets;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the splits the three tutorials train on as CSV files, so that the Keras scripts beside them
 * (examples/src/test/python/tutorial_*_keras.py) train on exactly the same rows:
 * {@code mvn -q -o -pl examples test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.backprop4j.examples.tutorials.TutorialSplits -Dexec.args=DIR}.
 * Each data set gives {@code NAME-x-train.csv}, {@code NAME-y-train.csv}, {@code NAME-x-test.csv},
 * {@code NAME-y-test.csv}, numbers printed exactly ({@code Double.toString}).
 */
public final class TutorialSplits {

    private TutorialSplits() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "target/tutorial-splits");
        Files.createDirectories(directory);
        for (Map.Entry<String, Split> entry : Map.of("diabetes", Datasets.diabetes(), "breast-cancer",
                Datasets.breastCancer(), "digits", Datasets.digits()).entrySet()) {
            Split split = entry.getValue();
            write(directory.resolve(entry.getKey() + "-x-train.csv"), split.xTrain());
            write(directory.resolve(entry.getKey() + "-y-train.csv"), split.yTrain());
            write(directory.resolve(entry.getKey() + "-x-test.csv"), split.xTest());
            write(directory.resolve(entry.getKey() + "-y-test.csv"), split.yTest());
        }
        System.out.println("Wrote the splits into " + directory.toAbsolutePath());
    }

    private static void write(Path file, INDArray array) throws IOException {
        INDArray values = array.castTo(DataType.DOUBLE);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            for (int r = 0; r < values.rows(); r++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < values.columns(); c++) {
                    line.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", values.getDouble(r, c)));
                }
                out.println(line);
            }
        }
    }
}
