package org.backprop4j.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.LayerHealth;
import org.backprop4j.core.callbacks.TrainingHealth;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training-health report ({@link TrainingHealth}) on the digits network, healthy and with three
 * classic problems, each next to its fix:
 * <ul>
 *   <li>{@code healthy}: the {@link Digits} setup (standardised inputs, relu, SGD 0.05 with momentum);</li>
 *   <li>{@code high-learning-rate}: the same with a learning rate of {@value #HIGH_LEARNING_RATE};</li>
 *   <li>{@code zero-init}: the same with every kernel starting at 0;</li>
 *   <li>{@code large-weights}: a sigmoid hidden layer whose kernel starts {@value #LARGE_WEIGHT_FACTOR}
 *       times larger than glorot_uniform's;</li>
 *   <li>{@code sigmoid}: the same sigmoid network with glorot_uniform weights (the fix of large-weights).</li>
 * </ul>
 * Each run prints its loss and accuracy per epoch, the health table and the warnings; with a plot
 * directory it draws the three health quantities per epoch.
 */
public final class Health {

    /** The runs, by name. */
    public static final List<String> RUNS = List.of("healthy", "high-learning-rate", "zero-init", "large-weights",
            "sigmoid");
    /** How much larger than glorot_uniform's the hidden kernel starts in the large-weights run. */
    public static final double LARGE_WEIGHT_FACTOR = 10;
    /** Epochs of every run. */
    public static final int EPOCHS = 5;
    /** The learning rate of the high-learning-rate run. */
    public static final double HIGH_LEARNING_RATE = 0.3;

    private Health() {
    }

    /**
     * What a run recorded.
     *
     * @param run its name
     * @param history the loss and accuracy per epoch
     * @param health the report
     * @param testAccuracy the held-out accuracy at the end
     */
    public record Result(String run, History history, TrainingHealth health, double testAccuracy) {
    }

    /** Runs {@code run} (one of {@link #RUNS}) for {@code epochs} epochs and prints it on {@code out}. */
    public static Result run(String run, int epochs, PrintStream out) throws IOException {
        if (!RUNS.contains(run)) {
            throw new IllegalArgumentException("Unknown run '" + run + "'; runs: " + String.join(", ", RUNS));
        }
        boolean sigmoid = run.equals("sigmoid") || run.equals("large-weights");
        double learningRate = run.equals("high-learning-rate") ? HIGH_LEARNING_RATE : Digits.LEARNING_RATE;

        Digits.DataSet data = Digits.load();
        int[][] split = Digits.stratifiedSplit(data.labels(), Digits.TEST_FRACTION, Digits.SEED);
        double[][] trainPixels = new double[split[0].length][];
        for (int r = 0; r < trainPixels.length; r++) {
            trainPixels[r] = data.pixels()[split[0][r]];
        }
        double[][] meanStd = Digits.meanAndStd(trainPixels);
        INDArray xTrain = Digits.standardised(data.pixels(), split[0], meanStd[0], meanStd[1]);
        INDArray yTrain = Digits.oneHot(data.labels(), split[0]);
        INDArray xTest = Digits.standardised(data.pixels(), split[1], meanStd[0], meanStd[1]);
        INDArray yTest = Digits.oneHot(data.labels(), split[1]);

        Sequential model = new Sequential(Digits.SEED);
        model.add(new Dense(Digits.HIDDEN_UNITS, Digits.PIXELS, sigmoid ? "sigmoid" : "relu"));
        model.add(new Dense(Digits.CLASSES, "softmax"));
        model.compile("categorical_crossentropy", new SGD(learningRate, Digits.MOMENTUM, false), "accuracy");
        if (run.equals("large-weights")) {
            List<INDArray> weights = model.getWeights();
            weights.set(0, weights.get(0).mul(LARGE_WEIGHT_FACTOR));        // the hidden kernel only
            model.setWeights(weights);
        }
        if (run.equals("zero-init")) {
            List<INDArray> zeros = new ArrayList<>();
            for (INDArray weight : model.getWeights()) {
                zeros.add(weight.mul(0));
            }
            model.setWeights(zeros);
        }

        out.printf(Locale.ROOT, "Run '%s': digits, 64 -> %d %s -> 10 softmax, standardised inputs, SGD learning rate %s "
                + "(momentum %s), batch %d, %d epochs, seed %d%n", run, Digits.HIDDEN_UNITS, sigmoid ? "sigmoid" : "relu",
                learningRate, Digits.MOMENTUM, Digits.BATCH_SIZE, epochs, Digits.SEED);
        out.println("Initial weights: " + switch (run) {
            case "zero-init" -> "every kernel and bias 0";
            case "large-weights" -> String.format(Locale.ROOT, "glorot_uniform, the hidden kernel then multiplied by %.0f",
                    LARGE_WEIGHT_FACTOR);
            default -> "glorot_uniform kernels, zero biases";
        });
        TrainingHealth health = new TrainingHealth(xTrain, yTrain);
        History history = model.fit(xTrain, yTrain, new FitOptions().epochs(epochs).batchSize(Digits.BATCH_SIZE)
                .verbose(0).stopOnNaN(false).callbacks(health));
        for (int e = 0; e < history.epochs(); e++) {
            out.printf(Locale.ROOT, "epoch %d - loss: %s - accuracy: %.4f%n", e + 1, fixed(history.get("loss").get(e), 4),
                    history.get("accuracy").get(e));
        }
        double testAccuracy = model.evaluate(xTest, yTest).get("accuracy");
        out.printf(Locale.ROOT, "held-out accuracy: %.4f%n%n", testAccuracy);
        out.print(health.table());
        out.println();
        List<TrainingHealth.Warning> warnings = health.warnings();
        if (warnings.isEmpty()) {
            out.println("No warnings.");
        } else {
            out.println("Warnings (first of each kind per layer; TrainingHealth.warnings() has all "
                    + warnings.size() + "):");
            List<String> seen = new ArrayList<>();
            for (TrainingHealth.Warning warning : warnings) {
                if (!seen.contains(warning.layer() + warning.problem())) {
                    seen.add(warning.layer() + warning.problem());
                    out.println("  " + warning.message());
                }
            }
        }
        return new Result(run, history, health, testAccuracy);
    }

    private static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : String.valueOf(value);
    }

    /**
     * Writes {@code health-RUN.png}: per epoch and layer, the update-to-weight ratio and the gradient
     * norm (log scales), and the saturated or dead fraction of the hidden layer.
     *
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public static Path writePlot(Result result, Path directory) throws IOException {
        return writePlot(result.health(), result.run(), directory);
    }

    /** As {@link #writePlot(Result, Path)} for any report, into {@code health-NAME.png}. */
    public static Path writePlot(TrainingHealth health, String name, Path directory) throws IOException {
        List<String> layers = health.records().stream().map(LayerHealth::layer).distinct().toList();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, List<Double>> norms = new LinkedHashMap<>();
        Map<String, List<Double>> fractions = new LinkedHashMap<>();
        for (String layer : layers) {
            List<LayerHealth> records = health.records(layer);
            ratios.put(layer, positive(records.stream().map(LayerHealth::updateRatio).toList()));
            norms.put(layer, positive(records.stream().map(LayerHealth::gradientNorm).toList()));
            LayerHealth first = records.get(0);
            if (!Double.isNaN(first.deadFraction())) {
                fractions.put(layer + ": dead relu units", records.stream().map(LayerHealth::deadFraction).toList());
            }
            if (!Double.isNaN(first.saturatedFraction())) {
                fractions.put(layer + ": saturated " + first.activation() + " outputs",
                        records.stream().map(LayerHealth::saturatedFraction).toList());
            }
        }
        List<BufferedImage> panels = new ArrayList<>();
        int epochs = health.records(layers.get(0)).size();
        double lastEpoch = Math.max(2, epochs);                // x from epoch 1, the first one recorded
        // one fixed range for every run, so the pictures compare, with the warning line inside it
        panels.add(Charts.epochChart("update-to-weight ratio per epoch", "||W_end - W_start|| / ||W_start||",
                ratios, true).yRange(RATIO_RANGE[0], RATIO_RANGE[1]).xRange(1, lastEpoch)
                .dashedLine("warning line", new double[] {1, lastEpoch},
                        new double[] {TrainingHealth.LARGE_UPDATE, TrainingHealth.LARGE_UPDATE}, Plot.GREY)
                .legendOutside().rightMargin(LEGEND_MARGIN).render(PANEL_WIDTH, Plot.HEIGHT));
        panels.add(Charts.epochChart("gradient norm ||dL/dW|| after each epoch", "gradient norm", norms, true)
                .xRange(1, lastEpoch).legendOutside().rightMargin(LEGEND_MARGIN).render(PANEL_WIDTH, Plot.HEIGHT));
        panels.add(Charts.epochChart("hidden layer: saturated or dead", "fraction", fractions, false).yRange(-0.02, 1.02)
                .xRange(1, lastEpoch).legendOutside().rightMargin(LEGEND_MARGIN + 70)
                .render(PANEL_WIDTH + 70, Plot.HEIGHT));
        return Plot.save(Plot.sideBySide(panels), directory.resolve("health-" + name + ".png"));
    }

    /** The update-ratio axis of every health picture: 0.005 to 10, log scale (ratios outside are clipped). */
    static final double[] RATIO_RANGE = {0.005, 10};
    private static final int LEGEND_MARGIN = 190;
    private static final int PANEL_WIDTH = Plot.WIDTH * 3 / 4 + LEGEND_MARGIN;
    /** Width of a health picture: three panels, the last one 70 pixels wider for its longer legend. */
    static final int PICTURE_WIDTH = 3 * PANEL_WIDTH + 70;

    /** The values with 0 and non-finite ones as NaN, so a log axis skips them. */
    private static List<Double> positive(List<Double> values) {
        return values.stream().map(v -> v > 0 && Double.isFinite(v) ? v : Double.NaN).toList();
    }

    /** Runs the example; the same options as {@code health} in the {@link Launcher}. */
    public static void main(String[] args) {
        Launcher.main(Launcher.withExample("health", args));
    }
}
