package org.backprop4j.core;

import java.io.PrintStream;

/**
 * The options of {@link Sequential#fit(org.nd4j.linalg.api.ndarray.INDArray,
 * org.nd4j.linalg.api.ndarray.INDArray, FitOptions)}, named and defaulted as Keras' {@code fit}
 * arguments. Setters check their value and return {@code this}:
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(100).batchSize(4).verbose(0).shuffle(false));
 * }</pre>
 */
public final class FitOptions {

    private int epochs = 1;
    private int batchSize = 32;
    private int verbose = 1;
    private boolean shuffle = true;
    private PrintStream progressOutput = System.out;

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
}
