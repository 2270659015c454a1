package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.backprop4j.core.Sequential;
import org.backprop4j.examples.data.FashionMnist;
import org.backprop4j.integration.ExpectedWarnings;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.layers.Flatten;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.RMSprop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The fashion example on the committed subset only (1,000 training and 500 test pictures), never the full data. */
class FashionTest {

    @TempDir
    Path directory;

    private record Run(int status, String out, String err) {
    }

    private static Run launch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (ExpectedWarnings warnings = new ExpectedWarnings();
             PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Launcher.run(o, e, args);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(output);
        assertTrue(matcher.find(), "no line matching " + regex + " in:\n" + output);
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void theTutorialModelIsTheTutorials() {
        Sequential model = Fashion.buildModel(Fashion.Recipe.TUTORIAL, DataType.FLOAT, 1L);

        assertEquals(3, model.getLayers().size());
        assertTrue(model.getLayers().get(0) instanceof Flatten);                 // Flatten(input_shape=(28, 28))
        assertArrayEquals(new long[] {28, 28}, model.getLayers().get(0).inputShape());
        assertTrue(model.summary().contains(" flatten (Flatten)           (None, 784)               0"), model.summary());
        assertEquals(128, ((Dense) model.getLayers().get(1)).units());
        assertEquals(10, ((Dense) model.getLayers().get(2)).units());
        assertTrue(model.summary().contains("101,770"), model.summary());  // 784*128+128 + 128*10+10
        assertTrue(model.optimizer() instanceof Adam);
        assertEquals(DataType.FLOAT, model.dataType());
    }

    @Test
    void theMlpVariantIsKerasTeamsMnistMlp() {
        Sequential model = Fashion.buildModel(Fashion.Recipe.MLP, DataType.FLOAT, 1L);

        assertEquals(6, model.getLayers().size());
        assertEquals(0.2, ((Dropout) model.getLayers().get(2)).rate());
        assertEquals(0.2, ((Dropout) model.getLayers().get(4)).rate());
        assertTrue(model.summary().contains("669,706"), model.summary());  // 784*512+512 + 512*512+512 + 5130
        assertTrue(model.optimizer() instanceof RMSprop);
    }

    @Test
    void twoEpochsOnTheSubsetLearnAndPrintKerasStyleResults() {
        Path plots = directory.resolve("plots");
        Run run = launch("fashion", "--subset", "--epochs", "2", "--plot-dir", plots.toString());

        assertEquals(0, run.status(), run.err());
        String out = run.out();
        assertTrue(out.contains("Fashion-MNIST: 1,000 training and 500 test pictures"), out);
        assertTrue(Pattern.compile("^32/32 - \\d+s - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - \\d+(ms|us)/step$",
                Pattern.MULTILINE).matcher(out).find(), "a Keras verbose-2 epoch line:\n" + out);
        assertTrue(out.contains("Epoch 2/2"), out);
        double accuracy = number(out, "^test accuracy: (0\\.\\d{4})$");
        assertTrue(accuracy > 0.6, "10 classes: chance is 0.1; got " + accuracy);
        number(out, "^Training took (\\d+\\.\\d) s$");
        for (String name : FashionMnist.CLASS_NAMES) {
            assertTrue(out.contains(name), "the confusion matrix names " + name);
        }
        // every test picture counted once: the row totals of the matrix
        Matcher rows = Pattern.compile("^\\d [A-Za-z/ -]+?((?:\\s+(?:\\d+|\\.)){10})\\s+\\d+\\.\\d%$", Pattern.MULTILINE)
                .matcher(out);
        int total = 0;
        int lines = 0;
        while (rows.find()) {
            lines++;
            total += Arrays.stream(rows.group(1).trim().split("\\s+")).filter(s -> !s.equals("."))
                    .mapToInt(Integer::parseInt).sum();
        }
        assertEquals(10, lines, out);
        assertEquals(500, total, out);
        assertTrue(Files.isRegularFile(plots.resolve("fashion-misclassified.png")), out);
    }

    @Test
    void theMlpVariantLearnsOnTheSubset() throws Exception {
        FashionMnist data = FashionMnist.loadSubset();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Fashion.Result result;
        try (ExpectedWarnings warnings = new ExpectedWarnings();
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            result = Fashion.run(data, new Fashion.Settings(Fashion.Recipe.MLP, 3, Fashion.MLP_BATCH_SIZE,
                    DataType.FLOAT, 5L), out);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("RMSprop, categorical cross-entropy on one-hot labels"), out);
        assertTrue(out.contains("8/8 - "), "1,000 pictures in batches of 128:\n" + out);
        assertTrue(result.testAccuracy() > 0.5, "chance is 0.1; got " + result.testAccuracy() + "\n" + out);
        assertEquals(500, Arrays.stream(result.confusion()).flatMapToInt(Arrays::stream).sum());
    }

    @Test
    void theMisclassifiedPicturesArePlotted() throws Exception {
        FashionMnist data = FashionMnist.loadSubset();
        Fashion.Result result;
        try (ExpectedWarnings warnings = new ExpectedWarnings();
             PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            result = Fashion.run(data, new Fashion.Settings(Fashion.Recipe.TUTORIAL, 1, 32, DataType.DOUBLE, 3L), out);
        }
        Path file = Fashion.writePlot(result, directory);
        var image = ImageIO.read(file.toFile());
        assertEquals(6 * 150, image.getWidth());
        assertTrue(image.getHeight() > 4 * 28 * 4, "at least a row of 4x-scaled pictures: " + image.getHeight());
    }

    @Test
    void missingDataSaysHowToGetIt() {
        Run run = launch("fashion", "--data-dir", directory.resolve("nowhere").toString());

        assertEquals(1, run.status(), run.out());
        assertTrue(run.err().contains("apt-get install dataset-fashion-mnist"), run.err());
        assertTrue(run.err().contains("--data-dir"), run.err());
        assertTrue(run.err().contains("--subset"), run.err());
    }

    @Test
    void helpListsTheOptions() {
        Run run = launch("fashion", "--help");

        assertEquals(0, run.status(), run.err());
        for (String option : new String[] {"--data-dir", "--subset", "--mlp", "--epochs", "--batch-size", "--double",
            "--seed", "--plot-dir"}) {
            assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        Run run = launch("fashion", "--subset", "--epochs", "0");

        assertEquals(2, run.status());
        assertTrue(run.err().contains("--epochs must be at least 1, got 0"), run.err());
    }
}
