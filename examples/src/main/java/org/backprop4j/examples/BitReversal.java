package org.backprop4j.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.DataDiagnostics;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The generalisation failure: a network learns to reverse 4-bit strings on six examples, gets all
 * six right, and fails on the six it never saw, because every training input started with 0.
 *
 * <p>Model: {@code 4 -> Dense(8) -> sigmoid -> Dense(4) -> sigmoid}, mean squared error, plain SGD
 * (learning rate 0.1), 10,000 epochs of batch size 8 (all six samples in one batch). The source
 * articles lost their layer sizes; 8 sigmoid hidden units is this example's choice.
 *
 * <p>Then the reason, shown with numbers: the first layer's kernel is recorded before and after
 * training, and the row of input 0 (the 8 weights leaving it) has not moved at all. The gradient of
 * the weight {@code W_ji = kernel[j][i]} from input j to unit i is
 * {@code dL/dW_ji = sum over samples of x_j delta_i}, proportional to its input {@code x_j} (the same
 * {@code x_j} factor as in the softmax layer's {@code ds_t/dW_ji = s_t (I_ti - s_i) x_j}), and
 * {@code x_0} is 0 in every training sample.
 */
public final class BitReversal {

    /** The seed the printed run uses. */
    public static final long SEED = 7L;
    /** Plain SGD learning rate, as in the source. */
    public static final double LEARNING_RATE = 0.1;
    /** Epochs, as in the source. */
    public static final int EPOCHS = 10_000;
    /** Batch size, as in the source (larger than the six samples: one step per epoch). */
    public static final int BATCH_SIZE = 8;
    /** Sigmoid units in the hidden layer (the source's sizes were lost; this is the example's choice). */
    public static final int HIDDEN_UNITS = 8;

    /** The training inputs: every first digit is 0. */
    public static final double[][] X = {
            {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 1, 0, 1}, {0, 1, 1, 0}, {0, 1, 1, 1}};
    /** The training targets: each input written backwards. */
    public static final double[][] Y = {
            {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 1, 0}, {1, 1, 1, 0}};
    /** Inputs never seen in training: the same six with first digit 1. */
    public static final double[][] OFF_DISTRIBUTION = {
            {1, 0, 0, 0}, {1, 0, 0, 1}, {1, 0, 1, 0}, {1, 1, 0, 1}, {1, 1, 1, 0}, {1, 1, 1, 1}};

    private BitReversal() {
    }

    /**
     * What the run found.
     *
     * @param model the trained model
     * @param history per-epoch loss and accuracy
     * @param trainingPredictions rounded predictions on {@link #X}, {@code (6, 4)}
     * @param offDistributionPredictions rounded predictions on {@link #OFF_DISTRIBUTION}, {@code (6, 4)}
     * @param trainingCorrect how many training samples are reproduced exactly (of 6)
     * @param generalised how many off-distribution inputs are reversed correctly (of 6): the K of
     *        the closing line
     * @param kernelRowChange for each input j, max over its row of |kernel_after - kernel_before|
     * @param kernelChange |kernel_after - kernel_before| for every first-layer weight, (4, 8)
     * @param findings what {@link DataDiagnostics#check} said about the training inputs
     */
    public record Result(Sequential model, History history, double[][] trainingPredictions,
                         double[][] offDistributionPredictions, int trainingCorrect, int generalised,
                         double[] kernelRowChange, double[][] kernelChange, List<DataDiagnostics.Finding> findings) {
    }

    /** The 4-8-4 sigmoid network, compiled with MSE and plain SGD. */
    public static Sequential buildModel(long seed, double learningRate) {
        Sequential model = new Sequential(seed);
        model.add(new Dense(HIDDEN_UNITS, 4));
        model.add(new Activation("sigmoid"));
        model.add(new Dense(4));
        model.add(new Activation("sigmoid"));
        model.compile("mean_squared_error", new SGD(learningRate), "accuracy");
        return model;
    }

    /** Trains, tests on both sets, and explains the result on {@code out}. */
    public static Result run(long seed, double learningRate, int epochs, PrintStream out) {
        INDArray x = Nd4j.create(X);
        INDArray y = Nd4j.create(Y);
        Sequential model = buildModel(seed, learningRate);

        out.println("Bit reversal: learn to write 4 bits backwards from 6 examples whose first bit is 0.");
        out.printf(Locale.ROOT, "Model: 4 inputs -> %d sigmoid -> 4 sigmoid; MSE, SGD learning rate %s, "
                + "%d epochs, batch size %d, seed %d%n%n", HIDDEN_UNITS, learningRate, epochs, BATCH_SIZE, seed);

        List<DataDiagnostics.Finding> findings = DataDiagnostics.check(x);
        out.println("Data check (DataDiagnostics.check; fit() logs the same at WARN):");
        if (findings.isEmpty()) {
            out.println("  no constant input column");
        }
        findings.forEach(finding -> out.println("  " + finding.message()));
        out.println();

        INDArray kernelBefore = model.getWeights().get(0);
        long start = System.nanoTime();
        History history = model.fit(x, y, new FitOptions().epochs(epochs).batchSize(BATCH_SIZE).verbose(0));
        double seconds = (System.nanoTime() - start) / 1e9;
        INDArray kernelAfter = model.getWeights().get(0);
        out.printf(Locale.ROOT, "Trained in %.2f s; final loss %.5f%n%n",
                seconds, history.get("loss").get(history.epochs() - 1));

        double[][] trainingPredictions = rounded(model.predict(x));
        double[][] offPredictions = rounded(model.predict(Nd4j.create(OFF_DISTRIBUTION)));

        out.println("On the training set (first bit 0):");
        out.println("  input     target    prediction");
        int trainingCorrect = 0;
        for (int i = 0; i < X.length; i++) {
            boolean right = Arrays.equals(trainingPredictions[i], Y[i]);
            trainingCorrect += right ? 1 : 0;
            out.printf("  %s   %s   %s  %s%n", bits(X[i]), bits(Y[i]), bits(trainingPredictions[i]),
                    right ? "right" : "WRONG");
        }
        out.printf(Locale.ROOT, "  %d/6 training samples reproduced exactly%n%n", trainingCorrect);

        out.println("On inputs it never saw (first bit 1):");
        out.println("  input     correct   prediction   its training target for 0xyz");
        int generalised = 0;
        for (int i = 0; i < OFF_DISTRIBUTION.length; i++) {
            double[] correct = reversed(OFF_DISTRIBUTION[i]);
            boolean right = Arrays.equals(offPredictions[i], correct);
            generalised += right ? 1 : 0;
            out.printf("  %s   %s   %s  %s   %s%n", bits(OFF_DISTRIBUTION[i]), bits(correct),
                    bits(offPredictions[i]), right ? "right" : "wrong", bits(Y[i]));
        }
        out.printf(Locale.ROOT, "generalisation: %d/6 off-distribution inputs reversed correctly%n%n", generalised);

        double[] rowChange = maxAbsoluteChangePerRow(kernelBefore, kernelAfter);
        explain(out, rowChange, epochs, findings, trainingCorrect, generalised);
        return new Result(model, history, trainingPredictions, offPredictions, trainingCorrect, generalised,
                rowChange, absoluteChange(kernelBefore, kernelAfter), findings);
    }

    private static void explain(PrintStream out, double[] rowChange, int epochs, List<DataDiagnostics.Finding> findings,
                                int trainingCorrect, int generalised) {
        out.println("Why? How far each row of the first layer's kernel moved during training");
        out.printf("(row j holds the %d weights leaving input j; max |w_after - w_before| over the row):%n",
                HIDDEN_UNITS);
        for (int j = 0; j < rowChange.length; j++) {
            out.printf(Locale.ROOT, "  input %d: %s%n", j, rowChange[j] == 0.0
                    ? "exactly 0   <- never moved: still its random initial value"
                    : String.format(Locale.ROOT, "%.4f", rowChange[j]));
        }
        out.println();
        out.println("A first-layer weight W_ji = kernel[j][i] (from input j to hidden unit i) has the gradient");
        out.println("    dL/dW_ji = sum over the batch of x_j * delta_i        (dL/dW = X^T Delta)");
        out.println("the same x_j factor as in the softmax layer's ds_t/dW_ji = s_t (I_ti - s_i) x_j:");
        out.println("a weight only learns in proportion to the input it multiplies.");
        boolean inputZeroAlwaysZero = findings.stream().anyMatch(f -> f.column() == 0 && f.weightsNeverTrained());
        if (inputZeroAlwaysZero) {
            out.printf(Locale.ROOT, "Input 0 is 0 in all six training samples, so each of its weights got a gradient of%n"
                    + "exactly 0 at every one of the %d steps. And the output that should copy input 0 (the%n"
                    + "last bit of the reversal) was shown the target 0 every time, so it learned to say 0.%n", epochs);
        }
        if (trainingCorrect == X.length && generalised < OFF_DISTRIBUTION.length) {
            out.println("The network memorised six answers; it never learned what \"reversing\" means.");
        }
    }

    /** |after[j][i] - before[j][i]| for every entry. */
    static double[][] absoluteChange(INDArray before, INDArray after) {
        double[][] b = before.toDoubleMatrix();
        double[][] a = after.toDoubleMatrix();
        double[][] change = new double[b.length][b[0].length];
        for (int j = 0; j < b.length; j++) {
            for (int i = 0; i < b[j].length; i++) {
                change[j][i] = Math.abs(a[j][i] - b[j][i]);
            }
        }
        return change;
    }

    /**
     * Writes {@code reversal-weight-change.png}: how far each weight of the first layer's kernel moved
     * during training, one row per input and one column per hidden unit, as a heat map with the
     * numbers in its cells. Row 0 is exactly 0.
     *
     * @return the file written
     * @throws java.io.IOException if it cannot be written
     */
    public static java.nio.file.Path writePlot(Result result, java.nio.file.Path directory) throws java.io.IOException {
        String[] rows = new String[result.kernelChange().length];
        for (int j = 0; j < rows.length; j++) {
            rows[j] = "input " + j;
        }
        String[] columns = new String[result.kernelChange()[0].length];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = "unit " + i;
        }
        return Plot.save(HeatMaps.matrix("Reversal: how far each first-layer weight moved in training",
                "|W1 after - W1 before|: row j = the weights leaving input j, column i = hidden unit i",
                result.kernelChange(), rows, columns, 2), directory.resolve("reversal-weight-change.png"));
    }

    /** max over each row j of |after[j][i] - before[j][i]|. */
    static double[] maxAbsoluteChangePerRow(INDArray before, INDArray after) {
        double[][] b = before.toDoubleMatrix();
        double[][] a = after.toDoubleMatrix();
        double[] change = new double[b.length];
        for (int j = 0; j < b.length; j++) {
            for (int i = 0; i < b[j].length; i++) {
                change[j] = Math.max(change[j], Math.abs(a[j][i] - b[j][i]));
            }
        }
        return change;
    }

    private static double[][] rounded(INDArray predictions) {
        double[][] values = predictions.toDoubleMatrix();
        for (double[] row : values) {
            for (int i = 0; i < row.length; i++) {
                row[i] = Math.round(row[i]);
            }
        }
        return values;
    }

    private static double[] reversed(double[] bits) {
        double[] result = new double[bits.length];
        for (int i = 0; i < bits.length; i++) {
            result[i] = bits[bits.length - 1 - i];
        }
        return result;
    }

    private static String bits(double[] bits) {
        StringBuilder text = new StringBuilder();
        for (double bit : bits) {
            text.append(text.length() == 0 ? "" : " ").append((long) bit);
        }
        return text.toString();
    }

    /** Runs the example; the same options as {@code reversal} in the {@link Launcher}. */
    public static void main(String[] args) {
        Launcher.main(Launcher.withExample("reversal", args));
    }
}
