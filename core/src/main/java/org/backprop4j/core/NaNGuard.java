package org.backprop4j.core;


/**
 * Stop-on-NaN for {@code fit}: keeps the weights of the last epoch whose loss and weights were all
 * finite, and when an epoch ends with a NaN or infinite loss or weight, puts them back and stops
 * training with a message that says what to try.
 */
final class NaNGuard {

    private final History history;
    private final WeightSnapshot lastFinite;
    private final WeightSnapshot candidate;
    private int lastFiniteEpoch;
    /** Whether the weights fit started from were finite (a model trained with stopOnNaN(false) may hold NaN). */
    private final boolean startedFinite;

    /** Takes the first snapshot: the weights at the start of training. */
    NaNGuard(Sequential model, History history) {
        this.history = history;
        this.lastFinite = new WeightSnapshot(model);
        this.candidate = new WeightSnapshot(model);
        lastFinite.capture();
        startedFinite = lastFinite.isFinite();
    }

    /**
     * Checks the epoch just finished.
     *
     * @return true if training may go on; false after putting back the last finite weights
     */
    boolean endEpoch(int epoch, double loss) {
        String problem;
        if (Double.isFinite(loss)) {
            candidate.capture();
            if (candidate.isFinite()) {
                lastFinite.swap(candidate);
                lastFiniteEpoch = epoch;
                return true;
            }
            problem = "a weight became NaN or infinite";
        } else {
            problem = "the loss is " + loss;
        }
        String message;
        if (lastFiniteEpoch == 0 && !startedFinite) {
            // nothing finite to go back to: say so rather than claim the old NaN weights are a remedy
            message = "Epoch " + epoch + ": " + problem + "; training stopped. The weights were already NaN or"
                    + " infinite when fit started, so there are no finite weights to return to: set new weights"
                    + " (setWeights) or build a new model, and try a lower learning rate.";
        } else {
            lastFinite.restore();
            message = "Epoch " + epoch + ": " + problem + "; training stopped and the weights of "
                    + (lastFiniteEpoch == 0 ? "the start of training" : "epoch " + lastFiniteEpoch)
                    + " put back. Try a lower learning rate, or check the data's scale."
                    + " (The optimizer's state may hold non-finite values: compile again before training on.)";
        }
        Warnings.warn(NaNGuard.class, message);
        history.stopped(History.StopReason.NON_FINITE, epoch, message);
        return false;
    }
}
