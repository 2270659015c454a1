package org.backprop4j.core;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The options of {@link Sequential#fit(org.nd4j.linalg.api.ndarray.INDArray,
 * org.nd4j.linalg.api.ndarray.INDArray, FitOptions)}, named and defaulted as Keras' {@code fit}
 * arguments. Setters check their value and return {@code this}:
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(100).batchSize(4).verbose(0).shuffle(false));
 * model.fit(x, y, new FitOptions().epochs(500).validationSplit(0.2)
 *         .callbacks(new EarlyStopping("val_loss", 5)));
 * }</pre>
 *
 * <p>Threads: a mutable builder, not thread-safe: configure it on one thread; {@code fit} reads it
 * when it starts.
 */
public final class FitOptions {

    private int epochs = 1;
    private int batchSize = 32;
    private int verbose = 1;
    private boolean shuffle = true;
    private PrintStream progressOutput = System.out;
    private double validationSplit;
    private INDArray validationX;
    private INDArray validationY;
    private List<Callback> callbacks = List.of();
    private boolean stopOnNaN = true;
    private Map<Integer, Double> classWeight = Map.of();
    private INDArray sampleWeight;
    private INDArray validationSampleWeight;

    /** Number of passes over the training data (Keras default 1). */
    public FitOptions epochs(int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Rows per gradient step; the last batch of an epoch may be smaller (Keras default 32). */
    public FitOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * 0: silent; 1: a progress bar (default); 2: one line per epoch. When the output is not a
     * terminal, lines are thinned to a few per second; the first and last epochs always show.
     */
    public FitOptions verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        }
        this.verbose = verbose;
        return this;
    }

    /** Whether to visit the rows in a new random order every epoch (default true). */
    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** Where progress goes (default {@code System.out}). */
    public FitOptions progressOutput(PrintStream progressOutput) {
        if (progressOutput == null) {
            throw new IllegalArgumentException("progressOutput must not be null");
        }
        this.progressOutput = progressOutput;
        return this;
    }

    /**
     * Keras' {@code validation_split}: the fraction of the samples, taken from the <em>end</em> of
     * {@code x} and {@code y} before any shuffling, that is held out and evaluated after every epoch
     * instead of trained on ({@code val_loss}, {@code val_<metric>}). The training rows are the first
     * {@code floor(samples * (1 - fraction))}. 0 (the default) holds nothing out. Ignored when
     * {@link #validationData} is given, as in Keras.
     *
     * @throws IllegalArgumentException unless {@code 0 <= fraction < 1}
     */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /**
     * Keras' {@code validation_data=(x, y)}: data evaluated after every epoch, never trained on.
     * Shapes: {@code x (samples, inputSize)}, {@code y (samples, outputSize)}, checked when
     * {@code fit} starts.
     *
     * @throws IllegalArgumentException if either array is null
     */
    public FitOptions validationData(INDArray x, INDArray y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("validationData needs both x and y, got "
                    + (x == null ? "x = null" : "x") + " and " + (y == null ? "y = null" : "y"));
        }
        this.validationX = x;
        this.validationY = y;
        this.validationSampleWeight = null;
        return this;
    }

    /**
     * Keras' {@code validation_data=(x, y, sample_weight)}: as {@link #validationData(INDArray, INDArray)},
     * with the validation loss and weighted metrics weighted per sample ({@link #sampleWeight}).
     *
     * @throws IllegalArgumentException if an array is null
     */
    public FitOptions validationData(INDArray x, INDArray y, INDArray sampleWeight) {
        if (sampleWeight == null) {
            throw new IllegalArgumentException("validationData's sampleWeight is null: use validationData(x, y)");
        }
        validationData(x, y);
        this.validationSampleWeight = sampleWeight;
        return this;
    }

    /**
     * Keras' {@code sample_weight}: one weight per sample of x, shape {@code (samples)} or
     * {@code (samples, 1)}, finite and {@code >= 0} (checked when {@code fit} starts, before any
     * weight changes). The loss of a batch becomes {@code sum_b w_b l_b / B} (B the batch's number of
     * samples, zero weights included), and so does its gradient; the weights follow their samples
     * through shuffling and {@link #validationSplit} (the held-out rows keep theirs, for the
     * validation loss). Metrics named in {@code compile} stay unweighted, as Keras' {@code metrics=};
     * those wrapped by {@code Metrics.weighted} see the weights. With {@link #classWeight} too, a
     * sample's loss is multiplied by both.
     *
     * @param sampleWeight the weights, or null for none
     */
    public FitOptions sampleWeight(INDArray sampleWeight) {
        this.sampleWeight = sampleWeight;
        return this;
    }

    /** @return the per-sample weights, or null */
    public INDArray sampleWeight() {
        return sampleWeight;
    }

    /** @return the weights of {@link #validationData(INDArray, INDArray, INDArray)}, or null */
    public INDArray validationSampleWeight() {
        return validationSampleWeight;
    }

    /**
     * Callbacks called around every epoch, in this order (replaces any given before).
     *
     * @throws IllegalArgumentException if the array or one of its elements is null
     */
    public FitOptions callbacks(Callback... callbacks) {
        if (callbacks == null) {
            throw new IllegalArgumentException("callbacks must not be null (pass none for no callbacks)");
        }
        for (int i = 0; i < callbacks.length; i++) {
            if (callbacks[i] == null) {
                throw new IllegalArgumentException("callback " + i + " is null");
            }
        }
        this.callbacks = List.copyOf(Arrays.asList(callbacks));
        return this;
    }

    /**
     * Whether {@code fit} stops as soon as an epoch's loss (or a weight) is NaN or infinite
     * (default true, as Keras' {@code TerminateOnNaN}, which backprop4j applies by default). It then
     * logs a warning, puts back the weights of the last epoch whose loss and weights were all
     * finite, and records {@link History.StopReason#NON_FINITE} in the History.
     */
    public FitOptions stopOnNaN(boolean stopOnNaN) {
        this.stopOnNaN = stopOnNaN;
        return this;
    }

    /**
     * Keras' {@code class_weight}: during training each sample's loss is multiplied by the weight of
     * its class (its label, or the argmax of its one-hot row), e.g. {@code Map.of(0, 1.0, 1, 5.0)}
     * to count the rare class 1 five times. Classes not in the map weigh 1. The reported training
     * loss is the weighted one; validation and {@code evaluate} are unweighted, and metrics too, as Keras.
     *
     * @throws IllegalArgumentException for a null map, a negative class or a weight that is negative or not finite
     */
    public FitOptions classWeight(Map<Integer, Double> classWeight) {
        if (classWeight == null) {
            throw new IllegalArgumentException("classWeight must not be null (pass an empty map for none)");
        }
        Map<Integer, Double> checked = new LinkedHashMap<>();
        classWeight.forEach((label, weight) -> {
            if (label == null || label < 0) {
                throw new IllegalArgumentException("classWeight keys are class indices >= 0, got " + label);
            }
            if (weight == null || !(weight >= 0) || weight.isInfinite()) {
                throw new IllegalArgumentException("classWeight for class " + label + " must be a finite number >= 0, got "
                        + weight);
            }
            checked.put(label, weight);
        });
        this.classWeight = java.util.Collections.unmodifiableMap(checked);
        return this;
    }

    /** @return the class weights (empty: none) */
    public Map<Integer, Double> classWeight() {
        return classWeight;
    }

    /** @return the number of epochs (default 1) */
    public int epochs() {
        return epochs;
    }

    /** @return the rows per gradient step (default 32) */
    public int batchSize() {
        return batchSize;
    }

    /** @return the verbosity: 0 silent, 1 progress bar, 2 one line per epoch (default 1) */
    public int verbose() {
        return verbose;
    }

    /** @return whether rows are visited in a new random order every epoch (default true) */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return where progress goes (default {@code System.out}) */
    public PrintStream progressOutput() {
        return progressOutput;
    }

    /** The fraction of rows held out for validation (0: none). */
    public double validationSplit() {
        return validationSplit;
    }

    /** The validation inputs given to {@link #validationData}, or null. */
    public INDArray validationX() {
        return validationX;
    }

    /** The validation targets given to {@link #validationData}, or null. */
    public INDArray validationY() {
        return validationY;
    }

    /** The callbacks, in call order (unmodifiable). */
    public List<Callback> callbacks() {
        return callbacks;
    }

    /** Whether a non-finite loss or weight stops training (default true). */
    public boolean stopOnNaN() {
        return stopOnNaN;
    }
}
