package org.backprop4j.core;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras-style progress output for {@code fit}: an "Epoch i/N" header, then a bar (verbose 1) or a
 * summary line (verbose 2) with the time per step and the running loss and metrics.
 *
 * <p>It never floods: a run of up to {@link #ALWAYS_SHOWN_EPOCHS} epochs shows every epoch, as Keras
 * does; in a longer run an epoch gets its lines only if at least {@link #MIN_NANOS_BETWEEN_EPOCHS}
 * passed since the last printed epoch, or it is the first or the last one (XOR's 5,000 epochs of a
 * few microseconds each). On a terminal the bar of a printed epoch is redrawn in place at most
 * {@link #REDRAWS_PER_SECOND} times a second.
 */
final class Progress {

    static final long MIN_NANOS_BETWEEN_EPOCHS = 500_000_000L;
    static final int ALWAYS_SHOWN_EPOCHS = 100;
    static final int REDRAWS_PER_SECOND = 10;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final int verbose;
    private final int epochs;
    private final int stepsPerEpoch;
    private final boolean terminal;
    private long lastPrintedNanos = Long.MIN_VALUE / 2;
    private long lastRedrawNanos;
    private long epochStartNanos;
    private boolean printingThisEpoch;

    Progress(PrintStream out, int verbose, int epochs, int stepsPerEpoch) {
        this.out = out;
        this.verbose = verbose;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.terminal = out == System.out && System.console() != null;
    }

    void epochStart(int epoch) {
        epochStartNanos = System.nanoTime();
        printingThisEpoch = verbose > 0 && (epoch == 1 || epoch == epochs || epochs <= ALWAYS_SHOWN_EPOCHS
                || epochStartNanos - lastPrintedNanos >= MIN_NANOS_BETWEEN_EPOCHS);
        if (printingThisEpoch) {
            lastPrintedNanos = epochStartNanos;
            out.println("Epoch " + epoch + "/" + epochs);
        }
    }

    /** After batch {@code step} (1-based) with the running means so far. */
    void batchEnd(int step, Map<String, Double> running) {
        if (!printingThisEpoch || verbose != 1 || !terminal || step == stepsPerEpoch) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastRedrawNanos >= 1_000_000_000L / REDRAWS_PER_SECOND) {
            lastRedrawNanos = now;
            double elapsed = (now - epochStartNanos) / 1e9;
            double eta = elapsed / step * (stepsPerEpoch - step);
            out.print("\r" + bar(step) + " - ETA: " + wholeSeconds(eta) + values(running));
            out.flush();
        }
    }

    void epochEnd(Map<String, Double> logs) {
        if (!printingThisEpoch) {
            return;
        }
        double elapsed = (System.nanoTime() - epochStartNanos) / 1e9;
        String perStep = perStep(elapsed / stepsPerEpoch);
        if (verbose == 1) {
            out.println((terminal ? "\r" : "") + bar(stepsPerEpoch) + " - " + seconds(elapsed) + " " + perStep
                    + values(logs));
        } else {
            out.println(stepsPerEpoch + "/" + stepsPerEpoch + " - " + seconds(elapsed) + values(logs) + " - "
                    + perStep);
        }
        out.flush();
    }

    /**
     * Runs {@code evaluation} and prints Keras' evaluate line for its scores to {@code out} for
     * {@code verbose} 1 (with a bar) or 2; 0 prints nothing.
     *
     * @throws IllegalArgumentException for another verbose level, before evaluating
     */
    static Map<String, Double> evaluation(PrintStream out, int verbose, java.util.function.Supplier<Map<String, Double>> evaluation) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        }
        long start = System.nanoTime();
        Map<String, Double> scores = evaluation.get();
        new Progress(out, verbose, 1, 1).evaluation(start, scores);
        return scores;
    }

    /**
     * Keras' line for {@code evaluate(x, y, verbose)}, which scores all of x in one step, e.g.
     * {@code 1/1 [==============================] - 0s 2ms/step - loss: 0.0123 - accuracy: 1.0000}.
     * Use with {@code epochs} and {@code stepsPerEpoch} 1.
     */
    void evaluation(long startNanos, Map<String, Double> logs) {
        epochStartNanos = startNanos;
        printingThisEpoch = verbose > 0;
        epochEnd(logs);
    }

    private String bar(int step) {
        int width = String.valueOf(stepsPerEpoch).length();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%" + width + "d/%d [", step, stepsPerEpoch));
        int filled = (int) ((long) BAR_WIDTH * step / stepsPerEpoch);
        for (int i = 0; i < BAR_WIDTH; i++) {
            line.append(i < filled - 1 || (i == filled - 1 && step == stepsPerEpoch) ? '='
                    : i == filled - 1 ? '>' : '.');
        }
        return line.append(']').toString();
    }

    /** " - loss: 0.2500 - accuracy: 0.7500", Keras' number format. */
    static String values(Map<String, Double> logs) {
        StringBuilder text = new StringBuilder();
        logs.forEach((key, value) -> text.append(" - ").append(key).append(": ").append(number(value)));
        return text.toString();
    }

    static String number(double value) {
        return MetricFormat.format(value);
    }

    /** An epoch's time as Keras prints it ({@code f"{elapsed:.0f}s"}): rounded, so 0.93 s is "1s". */
    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.0fs", seconds);
    }

    /** An ETA as Keras prints it ({@code "%ds" % eta}): whole seconds, rounded down. */
    static String wholeSeconds(double seconds) {
        return String.format(Locale.ROOT, "%.0fs", Math.floor(seconds));
    }

    /** Keras' time-per-step unit rule: s, ms or us. */
    static String perStep(double seconds) {
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%.0fs/step", seconds);
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%.0fms/step", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.0fus/step", seconds * 1e6);
    }
}
