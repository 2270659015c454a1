package org.backprop4j.core;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The checks {@link Optimizer#restoreState} makes before it copies anything: the saved state has
 * exactly the optimizer's entries ({@code "slot/parameterIndex"} arrays and named scalars), each of
 * its array's shape, and no negative value in a slot that accumulates squares.
 */
final class OptimizerStateChecks {

    private OptimizerStateChecks() {
    }

    /**
     * @param optimizer the optimizer's class name, for messages
     * @param mine the optimizer's own live state
     * @param saved the state to restore
     * @param nonNegativeSlots the slots that hold sums or averages of squares
     * @throws IllegalArgumentException naming the missing, unknown, mis-shaped or negative entry
     */
    static void check(String optimizer, Map<String, INDArray> mine, Map<String, INDArray> saved, Set<String> nonNegativeSlots) {
        if (!mine.keySet().equals(saved.keySet())) {
            throw new IllegalArgumentException(optimizer + " keeps the state " + mine.keySet() + ", got " + saved.keySet());
        }
        for (Map.Entry<String, INDArray> entry : saved.entrySet()) {
            INDArray target = mine.get(entry.getKey());
            if (!Arrays.equals(target.shape(), entry.getValue().shape())) {
                throw new IllegalArgumentException("optimizer state '" + entry.getKey() + "' has shape "
                        + Arrays.toString(entry.getValue().shape()) + ", its weight " + Arrays.toString(target.shape()));
            }
        }
        for (Map.Entry<String, INDArray> entry : saved.entrySet()) {
            int slash = entry.getKey().lastIndexOf('/'); // "slot/index"; a scalar's key has no slash
            String slotName = slash < 0 ? entry.getKey() : entry.getKey().substring(0, slash);
            if (slash >= 0 && nonNegativeSlots.contains(slotName)) {
                double min = entry.getValue().minNumber().doubleValue();
                if (min < 0) {
                    throw new IllegalArgumentException("optimizer state '" + entry.getKey() + "' holds the negative value "
                            + min + "; " + optimizer + "'s '" + slotName + "' accumulates squares");
                }
            }
        }
    }
}
