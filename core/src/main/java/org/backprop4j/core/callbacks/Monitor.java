package org.backprop4j.core.callbacks;

import java.util.Locale;
import java.util.Set;

/**
 * A monitored log key and which direction is better, shared by the callbacks that watch one
 * ({@link ReduceLROnPlateau}, {@link ModelCheckpoint}): mode "min", "max" or "auto" ("max" when the
 * key contains "acc", else "min"), and the improvement rule {@code v < best - minDelta} (min) or
 * {@code v > best + minDelta} (max).
 */
final class Monitor {

    private final String owner;
    private final String key;
    private final String mode;

    Monitor(String owner, String key, String mode) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(owner + " needs a monitor such as \"val_loss\", got "
                    + (key == null ? "null" : "'" + key + "'"));
        }
        String lower = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        if (!lower.equals("auto") && !lower.equals("min") && !lower.equals("max")) {
            throw new IllegalArgumentException(owner + " mode must be \"auto\", \"min\" or \"max\", got '" + mode + "'");
        }
        this.owner = owner;
        this.key = key;
        this.mode = lower;
    }

    Monitor withMode(String newMode) {
        return new Monitor(owner, key, newMode);
    }

    String key() {
        return key;
    }

    boolean maximise() {
        return mode.equals("max") || (mode.equals("auto") && key.contains("acc"));
    }

    /** The worst possible value, to start from. */
    double worst() {
        return maximise() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    boolean improves(double current, double best, double minDelta) {
        return maximise() ? current - minDelta > best : current + minDelta < best;
    }

    /** Fails, listing the keys there are, when fit will not report the monitored one. */
    void requireIn(Set<String> logKeys) {
        if (!logKeys.contains(key)) {
            throw new IllegalArgumentException(owner + " monitors '" + key + "', which this fit will not report;"
                    + " available: " + logKeys + (key.startsWith("val_") ? " (val_ keys need validationSplit or validationData)" : ""));
        }
    }
}
