package org.backprop4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.Callback;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Metric;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.Split;
import org.backprop4j.core.TrainingContext;
import org.backprop4j.core.callbacks.EarlyStopping;
import org.backprop4j.core.losses.BinaryCrossentropy;
import org.backprop4j.core.regularizers.L2;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.layers.Input;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.InverseTimeDecay;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * TensorFlow's tutorial "Overfit and underfit", ported to backprop4j on the Wisconsin breast-cancer
 * data (the tutorial's Higgs data set is not available offline): the same experiment of training
 * ever larger models on the same small data set, then taming the largest with L2, dropout and both,
 * and reading the training and validation cross-entropy of each.
 * <pre>
 * lr_schedule = InverseTimeDecay(0.001, decay_steps=STEPS_PER_EPOCH*1000,   new InverseTimeDecay(0.001, stepsPerEpoch * 1000,
 *                                decay_rate=1, staircase=False)                  1, false)
 * optimizer = tf.keras.optimizers.Adam(lr_schedule)                       new Adam(schedule)
 * model.compile(optimizer, loss=BinaryCrossentropy(from_logits=True),    model.compile(new BinaryCrossentropy(true),
 *               metrics=[...])                                                 optimizer, "accuracy")
 * model.fit(train_ds, validation_data=validate_ds, epochs=max_epochs,    model.fit(x, y, new FitOptions()
 *   callbacks=[EarlyStopping(monitor='val_binary_crossentropy',             .validationData(xv, yv).callbacks(
 *                            patience=200)])                                  new EarlyStopping("val_binary_crossentropy", patience)))
 * tiny:     Dense(16, 'elu', input_shape=(FEATURES,)), Dense(1)
 * small:    Dense(16, 'elu') x 2, Dense(1)
 * medium:   Dense(64, 'elu') x 3, Dense(1)
 * large:    Dense(512, 'elu') x 4, Dense(1)
 * l2:       large, each hidden Dense with kernel_regularizer=regularizers.l2(0.001)
 * dropout:  large, Dropout(0.5) after each hidden Dense
 * combined: large with l2(0.0001) and Dropout(0.5)
 * </pre>
 * Differences, each for a stated reason: the hidden layers use relu (the tutorial's elu is among the
 * activations ring 2 adds; it changes the curves' details, not the experiment); the features are
 * standardised with the training set's mean and standard deviation (Higgs' features arrive roughly
 * standardised, these range from 0.001 to 4,254); "large" has {@value #LARGE_WIDTH} units per layer
 * instead of 512, and training stops after {@value #EPOCHS} epochs at most, so the whole experiment
 * runs in seconds; the held-out part of the split plays the tutorial's validation set.
 * As in the tutorial, a metric logs the cross-entropy without the L2 penalty ({@link LogitCrossEntropy})
 * and {@code EarlyStopping} watches its validation value. The training cross-entropies in the table
 * are measured after each epoch on the whole training set in inference mode (dropout off, no
 * penalty), where Keras' training metric averages the epoch's batches with dropout on; the
 * validation accuracy counts a logit above 0 as class 1 (the metric {@code "accuracy"}, as Keras',
 * thresholds the logit itself at 0.5).
 */
public final class Overfit {

    /** Mini-batch size (Keras' default; the tutorial's 500 is larger than this training set). */
    public static final int BATCH_SIZE = 32;
    /** Most epochs per model (the tutorial's 10,000, scaled to 455 samples and a short run). */
    public static final int EPOCHS = 100;
    /** Epochs without a better validation loss before EarlyStopping ends a run (the tutorial's 200, scaled). */
    public static final int PATIENCE = 20;
    /** Units per hidden layer of "large" (the tutorial's 512). */
    public static final int LARGE_WIDTH = 128;
    /** The seed of the weights, the dropout masks and the shuffling. */
    public static final long SEED = 42L;

    /**
     * The registered name of {@link LogitCrossEntropy}, the tutorial's
     * {@code tf.keras.metrics.BinaryCrossentropy(from_logits=True, name='binary_crossentropy')}.
     */
    public static final String CROSS_ENTROPY_METRIC = "binary_crossentropy_from_logits";

    static {
        Registry.METRICS.register(CROSS_ENTROPY_METRIC, LogitCrossEntropy.class, config -> new LogitCrossEntropy());
    }

    private Overfit() {
    }

    /**
     * The binary cross-entropy from logits as a metric named {@code binary_crossentropy}, so that
     * fit logs it (and {@code val_binary_crossentropy}) without the L2 penalty the loss holds, as the
     * tutorial's metric does: {@code mean_i [max(z_i, 0) - z_i y_i + ln(1 + e^{-|z_i|})]} over a
     * {@code (n, 1)} batch of logits {@code z} and 0/1 labels {@code y}.
     */
    public static final class LogitCrossEntropy implements Metric {
        private static final BinaryCrossentropy LOSS = new BinaryCrossentropy(true);

        @Override
        public String name() {
            return "binary_crossentropy";
        }

        @Override
        public double value(INDArray predictions, INDArray targets) {
            return LOSS.value(predictions, targets);
        }
    }

    /**
     * One model of the experiment.
     *
     * @param name the tutorial's name
     * @param widths units of each hidden layer
     * @param l2 the L2 factor of each hidden kernel, 0 for none
     * @param dropout the dropout rate after each hidden layer, 0 for none
     */
    public record Recipe(String name, int[] widths, double l2, double dropout) {

        /** The tutorial's seven models, in its order. */
        public static List<Recipe> all() {
            int w = LARGE_WIDTH;
            return List.of(new Recipe("tiny", new int[] {16}, 0, 0), new Recipe("small", new int[] {16, 16}, 0, 0),
                    new Recipe("medium", new int[] {64, 64, 64}, 0, 0), new Recipe("large", new int[] {w, w, w, w}, 0, 0),
                    new Recipe("l2", new int[] {w, w, w, w}, 0.001, 0),
                    new Recipe("dropout", new int[] {w, w, w, w}, 0, 0.5),
                    new Recipe("combined", new int[] {w, w, w, w}, 0.0001, 0.5));
        }

        /** The model, built from the tutorial's layers. */
        public Sequential build(int features, long seed, DataType type) {
            Sequential model = new Sequential(seed, type);
            model.add(new Input(features));
            for (int width : widths) {
                Dense dense = new Dense(width, "relu");
                if (l2 > 0) {
                    dense.kernelRegularizer(new L2(l2));             // kernel_regularizer=regularizers.l2(0.001)
                }
                model.add(dense);
                if (dropout > 0) {
                    model.add(new Dropout(dropout));                  // layers.Dropout(0.5)
                }
            }
            model.add(new Dense(1));                                  // one logit
            return model;
        }
    }

    /**
     * Per epoch, the cross-entropy and accuracy of the whole training and validation sets in
     * inference mode, without any penalty: the tutorial's TensorBoard curves, measured cleanly.
     */
    static final class Curves implements Callback {
        private final INDArray xTrain;
        private final INDArray yTrain;
        private final INDArray xValidation;
        private final INDArray yValidation;
        private final BinaryCrossentropy crossEntropy = new BinaryCrossentropy(true);
        private Sequential model;
        final List<Double> train = new ArrayList<>();
        final List<Double> validation = new ArrayList<>();
        final List<Double> validationAccuracy = new ArrayList<>();

        Curves(INDArray xTrain, INDArray yTrain, INDArray xValidation, INDArray yValidation) {
            this.xTrain = xTrain;
            this.yTrain = yTrain;
            this.xValidation = xValidation;
            this.yValidation = yValidation;
        }

        @Override
        public void onTrainBegin(TrainingContext training) {
            model = training.model();
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            train.add(crossEntropy.value(model.predict(xTrain), yTrain));
            INDArray logits = model.predict(xValidation);
            validation.add(crossEntropy.value(logits, yValidation));
            validationAccuracy.add(accuracy(logits, yValidation));
        }
    }

    /**
     * One model's run.
     *
     * @param recipe the model
     * @param parameters its number of weights
     * @param epochs epochs trained (fewer than the budget when EarlyStopping ended the run)
     * @param train training cross-entropy after each epoch
     * @param validation validation cross-entropy after each epoch
     * @param validationAccuracy validation accuracy (logit above 0) after each epoch
     */
    public record Run(Recipe recipe, long parameters, int epochs, List<Double> train, List<Double> validation,
            List<Double> validationAccuracy) {

        /** The epoch (1-based) of the lowest validation cross-entropy. */
        public int bestEpoch() {
            int best = 0;
            for (int i = 1; i < validation.size(); i++) {
                if (validation.get(i) < validation.get(best)) {
                    best = i;
                }
            }
            return best + 1;
        }

        /** The last epoch's validation minus training cross-entropy: how much the model overfits. */
        public double gap() {
            return last(validation) - last(train);
        }
    }

    /** Training settings: the most epochs, the patience, the batch size, the arithmetic and the seed. */
    public record Settings(int epochs, int patience, int batchSize, DataType dataType, long seed) {

        /** The example's defaults, in DOUBLE (the printed digits are the same on every machine). */
        public static Settings defaults() {
            return new Settings(EPOCHS, PATIENCE, BATCH_SIZE, DataType.DOUBLE, SEED);
        }
    }

    /**
     * Trains the tutorial's seven models on the split (standardising its features with the training
     * part's statistics) and prints each run and the comparison.
     */
    public static List<Run> run(Split data, Settings settings, PrintStream out) {
        INDArray[] standardised = standardise(data.xTrain(), data.xTest());
        INDArray x = standardised[0].castTo(settings.dataType());
        INDArray xValidation = standardised[1].castTo(settings.dataType());
        INDArray y = data.yTrain().castTo(settings.dataType());
        INDArray yValidation = data.yTest().castTo(settings.dataType());
        int features = (int) x.columns();
        long stepsPerEpoch = (x.rows() + settings.batchSize() - 1) / settings.batchSize();
        out.printf(Locale.ROOT, "Breast cancer (Wisconsin diagnostic): %d training and %d validation samples, %d "
                + "features standardised with the training statistics%n", x.rows(), xValidation.rows(), features);
        out.printf(Locale.ROOT, "Adam(InverseTimeDecay(0.001, %d steps, rate 1)), binary cross-entropy from logits, "
                + "batch %d, at most %d epochs, EarlyStopping(val_binary_crossentropy, patience %d), %s%n%n", stepsPerEpoch * 1000,
                settings.batchSize(), settings.epochs(), settings.patience(), settings.dataType());
        List<Run> runs = new ArrayList<>();
        for (Recipe recipe : Recipe.all()) {
            Sequential model = recipe.build(features, settings.seed(), settings.dataType());
            InverseTimeDecay schedule = new InverseTimeDecay(0.001, stepsPerEpoch * 1000, 1, false);
            model.compile(new BinaryCrossentropy(true), new Adam(schedule), CROSS_ENTROPY_METRIC, "accuracy");
            Curves curves = new Curves(x, y, xValidation, yValidation);
            History history = model.fit(x, y, new FitOptions().epochs(settings.epochs()).batchSize(settings.batchSize())
                    .verbose(0).validationData(xValidation, yValidation)
                    .callbacks(new EarlyStopping("val_binary_crossentropy", settings.patience()), curves));
            runs.add(new Run(recipe, model.getLayers().stream().mapToLong(Layer::parameterCount).sum(), history.epochs(), curves.train, curves.validation,
                    curves.validationAccuracy));
        }
        printTable(runs, out);
        printCurves(runs, out);
        return runs;
    }

    private static void printTable(List<Run> runs, PrintStream out) {
        out.println("model     layers                  params  epochs  best  train CE  val CE  val-train  val acc");
        for (Run run : runs) {
            Recipe r = run.recipe();
            StringBuilder layers = new StringBuilder();
            for (int k = 0; k < r.widths().length; k++) {
                layers.append(k == 0 ? "" : "-").append(r.widths()[k]);
            }
            String extra = (r.l2() > 0 ? " L2" : "") + (r.dropout() > 0 ? " drop" : "");
            out.printf(Locale.ROOT, "%-9s %-23s %6d  %6d  %4d  %8.4f  %6.4f  %9.4f  %7.4f%n", r.name(), layers + extra,
                    run.parameters(), run.epochs(), run.bestEpoch(), last(run.train()), last(run.validation()),
                    run.gap(), last(run.validationAccuracy()));
        }
    }

    private static void printCurves(List<Run> runs, PrintStream out) {
        out.println();
        out.println("Validation cross-entropy by epoch (the tutorial's curves; - after EarlyStopping ended a run):");
        StringBuilder header = new StringBuilder("epoch");
        for (Run run : runs) {
            header.append(String.format(Locale.ROOT, " %9s", run.recipe().name()));
        }
        out.println(header);
        int longest = runs.stream().mapToInt(Run::epochs).max().orElse(0);
        for (int epoch = 1; epoch <= longest; epoch = epoch == 1 ? 10 : epoch + 10) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%5d", epoch));
            for (Run run : runs) {
                row.append(epoch <= run.validation().size()
                        ? String.format(Locale.ROOT, " %9.4f", run.validation().get(epoch - 1)) : "         -");
            }
            out.println(row);
        }
    }

    /** The validation and training cross-entropy curves of the runs, as two PNG charts side by side. */
    public static Path writePlot(List<Run> runs, Path directory) throws IOException {
        Map<String, List<Double>> sizes = new LinkedHashMap<>();
        Map<String, List<Double>> regularised = new LinkedHashMap<>();
        for (Run run : runs) {
            String name = run.recipe().name();
            if (List.of("tiny", "small", "medium", "large").contains(name)) {
                sizes.put(name, run.validation());
            }
            if (List.of("large", "l2", "dropout", "combined").contains(name)) {
                regularised.put(name, run.validation());
            }
        }
        return Charts.savePng(List.of(Charts.epochChart("Model size", "validation cross-entropy", sizes, false),
                Charts.epochChart("Regularisation (large model)", "validation cross-entropy", regularised, false)),
                directory.resolve("overfit-curves.png"));
    }

    /** {@code [train, other]} standardised with the training columns' mean and (population) standard deviation. */
    static INDArray[] standardise(INDArray train, INDArray other) {
        INDArray mean = train.mean(0);
        INDArray std = train.std(false, 0);
        return new INDArray[] {train.subRowVector(mean).divRowVector(std), other.subRowVector(mean).divRowVector(std)};
    }

    /** The share of rows whose logit is on the side of its 0/1 label. */
    static double accuracy(INDArray logits, INDArray labels) {
        double[] z = logits.castTo(DataType.DOUBLE).data().asDouble();
        double[] y = labels.castTo(DataType.DOUBLE).data().asDouble();
        int right = 0;
        for (int i = 0; i < z.length; i++) {
            right += (z[i] > 0) == (y[i] > 0.5) ? 1 : 0;
        }
        return (double) right / z.length;
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }
}
