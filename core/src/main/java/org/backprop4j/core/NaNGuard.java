package org.backprop4j.core;

import java.util.ArrayList;
import java.util.List;

import org.backprop4j.core.internal.FastElementwise;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stop-on-NaN for {@code fit}: keeps the weights of the last epoch whose loss and weights were all
 * finite, and when an epoch ends with a NaN or infinite loss or weight, puts them back and stops
 * training with a message that says what to try.
 *
 * <p>Cost per epoch: one branch-free scan of the live weights ({@link FastElementwise#allFinite},
 * SIMD where the JVM has the Vector API), and only when they pass, one memory copy into the
 * snapshot. (It used to copy first and then scan the copy with a scalar loop: 8 % of an MLP step
 * when every epoch is a single batch.)
 */
final class NaNGuard {

    private final History history;
    private final WeightSnapshot lastFinite;
    private final List<INDArray> weights = new ArrayList<>();
    private int lastFiniteEpoch;
    /** Whether the weights fit started from were finite (a model trained with stopOnNaN(false) may hold NaN). */
    private final boolean startedFinite;

    /** Takes the first snapshot, into {@code snapshot} (bound to {@code parameters}): the weights at the start of training. */
    NaNGuard(List<Parameter> parameters, WeightSnapshot snapshot, History history) {
        this.history = history;
        this.lastFinite = snapshot;
        for (Parameter parameter : parameters) {
            weights.add(parameter.value());
        }
        lastFinite.capture();
        startedFinite = weightsFinite();
    }

    /**
     * Checks the epoch just finished.
     *
     * @return true if training may go on; false after putting back the last finite weights
     */
    boolean endEpoch(int epoch, double loss) {
        String problem;
        if (Double.isFinite(loss)) {
            if (weightsFinite()) {
                lastFinite.capture();
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

    /** Whether every live weight is finite, scanned in place (no copy). */
    private boolean weightsFinite() {
        for (INDArray weight : weights) {
            boolean finite = FastElementwise.accepts(weight) ? FastElementwise.instance().allFinite(weight)
                    : !weight.isNaN().any() && !weight.isInfinite().any(); // views and other types: ND4J's tests
            if (!finite) {
                return false;
            }
        }
        return true;
    }
}
