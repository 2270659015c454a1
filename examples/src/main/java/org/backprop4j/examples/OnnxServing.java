package org.backprop4j.examples;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.backprop4j.core.Sequential;
import org.backprop4j.onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Taking a model elsewhere: trains the digits network ({@link Digits}, 64-32-10), exports it with
 * {@link Onnx#export}, loads the file in ONNX Runtime (a different engine: Microsoft's C++ runtime,
 * through its Java API) and prints both engines' predictions for held-out images side by side.
 * ONNX Runtime is also what serves the same file from Python, C# and the browser ({@code docs/onnx.md}).
 */
public final class OnnxServing {

    /** Images shown side by side. */
    public static final int ROWS = 10;

    private OnnxServing() {
    }

    /**
     * What the run found.
     *
     * @param file the exported model
     * @param testImages held-out images compared
     * @param sameDigit how many of them both engines assign the same digit
     * @param largestDifference the largest difference between the two engines' probabilities
     */
    public record Result(Path file, int testImages, int sameDigit, double largestDifference) {
    }

    /**
     * Trains for {@code epochs}, exports to {@code file}, runs every held-out image through both
     * engines and prints the first {@code rows} side by side on {@code out}.
     */
    public static Result run(Path file, int epochs, int rows, PrintStream out) throws Exception {
        Digits.Settings settings = new Digits.Settings(epochs, Digits.BATCH_SIZE, Digits.LEARNING_RATE, Digits.MOMENTUM,
                Digits.SEED);
        out.printf(Locale.ROOT, "Training the digits network (64-32-10, relu then softmax) for %d epochs ...%n", epochs);
        Digits.Result trained = Digits.run(settings, new PrintStream(OutputStream.nullOutputStream()));
        Sequential model = trained.model();
        out.printf(Locale.ROOT, "Held-out accuracy: %.1f%% of %d images%n%n", 100 * trained.testAccuracy(), trained.testSize());

        Onnx.export(model, file);
        out.printf(Locale.ROOT, "Exported to %s (%,d bytes): ONNX IR %d, opset %d, producer backprop4j %s%n", file,
                Files.size(file), Onnx.IR_VERSION, Onnx.OPSET, Onnx.libraryVersion());

        INDArray x = heldOutImages();
        double[][] ours = model.predict(x).toDoubleMatrix();
        double[][] theirs;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(file.toString(), new OrtSession.SessionOptions())) {
            for (Map.Entry<String, NodeInfo> input : session.getInputInfo().entrySet()) {
                out.println("ONNX Runtime loaded it: input '" + input.getKey() + "' " + input.getValue().getInfo());
            }
            for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
                out.println("                        output '" + output.getKey() + "' " + output.getValue().getInfo());
            }
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, x.toDoubleMatrix());
                 OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), tensor))) {
                theirs = (double[][]) result.get(0).getValue();
            }
        }

        out.println();
        out.println("image  backprop4j predict      ONNX Runtime             difference");
        int same = 0;
        double largest = 0;
        for (int i = 0; i < ours.length; i++) {
            int digit = argMax(ours[i]);
            int theirDigit = argMax(theirs[i]);
            same += digit == theirDigit ? 1 : 0;
            double difference = 0;
            for (int j = 0; j < ours[i].length; j++) {
                difference = Math.max(difference, Math.abs(ours[i][j] - theirs[i][j]));
            }
            largest = Math.max(largest, difference);
            if (i < rows) {
                out.printf(Locale.ROOT, "%5d  digit %d (p = %.6f)   digit %d (p = %.6f)   %.1e%n", i, digit, ours[i][digit],
                        theirDigit, theirs[i][theirDigit], difference);
            }
        }
        out.printf(Locale.ROOT, "%nAll %d held-out images: the same digit for %d; largest probability difference %.1e%n",
                ours.length, same, largest);
        return new Result(file, ours.length, same, largest);
    }

    /** The held-out images of {@link Digits#run}'s split, standardised as it standardises them. */
    private static INDArray heldOutImages() throws java.io.IOException {
        Digits.DataSet data = Digits.load();
        int[][] split = Digits.stratifiedSplit(data.labels(), Digits.TEST_FRACTION, Digits.SEED);
        double[][] trainPixels = new double[split[0].length][];
        for (int r = 0; r < split[0].length; r++) {
            trainPixels[r] = data.pixels()[split[0][r]];
        }
        double[][] meanStd = Digits.meanAndStd(trainPixels);
        return Digits.standardised(data.pixels(), split[1], meanStd[0], meanStd[1]);
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int j = 1; j < values.length; j++) {
            if (values[j] > values[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Runs the example through the launcher: {@code onnx [--file PATH] [--epochs N]}. */
    public static void main(String[] args) {
        Launcher.main(Launcher.withExample("onnx", args));
    }
}
