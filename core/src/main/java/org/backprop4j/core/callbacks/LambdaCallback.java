package org.backprop4j.core.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.backprop4j.core.Callback;
import org.backprop4j.core.History;
import org.backprop4j.core.TrainingContext;

/**
 * Keras' {@code LambdaCallback}: a callback made of lambdas, for a one-off print or plot without
 * writing a class.
 *
 * <pre>{@code
 * LambdaCallback.onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs.get("loss")));
 * LambdaCallback.onBatchEnd((batch, logs) -> losses.add(logs.get("loss")))
 *               .andOnTrainEnd(history -> System.out.println(history.stopMessage()));
 * }</pre>
 *
 * Each factory makes a callback with one hook; {@code and...} returns a copy with one more (or a
 * replaced) hook, as Keras' keyword arguments combine several. The numbers the hooks get are the
 * {@link Callback} contract's: epochs 1-based (Keras' are 0-based), batches 0-based within their
 * epoch; logs are unmodifiable.
 *
 * <p>Threads: immutable; the hooks run on the thread running {@code fit}.
 */
public final class LambdaCallback implements Callback {

    private final Consumer<TrainingContext> trainBegin;
    private final IntConsumer epochBegin;
    private final BiConsumer<Integer, Map<String, Double>> epochEnd;
    private final IntConsumer batchBegin;
    private final BiConsumer<Integer, Map<String, Double>> batchEnd;
    private final Consumer<History> trainEnd;

    private LambdaCallback(Consumer<TrainingContext> trainBegin, IntConsumer epochBegin,
                           BiConsumer<Integer, Map<String, Double>> epochEnd, IntConsumer batchBegin,
                           BiConsumer<Integer, Map<String, Double>> batchEnd, Consumer<History> trainEnd) {
        this.trainBegin = trainBegin;
        this.epochBegin = epochBegin;
        this.epochEnd = epochEnd;
        this.batchBegin = batchBegin;
        this.batchEnd = batchEnd;
        this.trainEnd = trainEnd;
    }

    private static <T> T required(T hook, String name) {
        if (hook == null) {
            throw new IllegalArgumentException("LambdaCallback." + name + " needs a function, got null");
        }
        return hook;
    }

    /** Runs {@code hook} once at the start of {@code fit}, with the training context. */
    public static LambdaCallback onTrainBegin(Consumer<TrainingContext> hook) {
        return new LambdaCallback(required(hook, "onTrainBegin"), null, null, null, null, null);
    }

    /** Runs {@code hook(epoch)} before every epoch (1-based). */
    public static LambdaCallback onEpochBegin(IntConsumer hook) {
        return new LambdaCallback(null, required(hook, "onEpochBegin"), null, null, null, null);
    }

    /** Runs {@code hook(epoch, logs)} after every epoch (1-based), with the epoch's logs. */
    public static LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> hook) {
        return new LambdaCallback(null, null, required(hook, "onEpochEnd"), null, null, null);
    }

    /** Runs {@code hook(batch)} before every batch (0-based within its epoch). */
    public static LambdaCallback onBatchBegin(IntConsumer hook) {
        return new LambdaCallback(null, null, null, required(hook, "onBatchBegin"), null, null);
    }

    /** Runs {@code hook(batch, logs)} after every batch (0-based), with the epoch's running means. */
    public static LambdaCallback onBatchEnd(BiConsumer<Integer, Map<String, Double>> hook) {
        return new LambdaCallback(null, null, null, null, required(hook, "onBatchEnd"), null);
    }

    /** Runs {@code hook(history)} once when {@code fit} ends. */
    public static LambdaCallback onTrainEnd(Consumer<History> hook) {
        return new LambdaCallback(null, null, null, null, null, required(hook, "onTrainEnd"));
    }

    /** This callback with {@code hook} as its train-begin hook. */
    public LambdaCallback andOnTrainBegin(Consumer<TrainingContext> hook) {
        return new LambdaCallback(required(hook, "andOnTrainBegin"), epochBegin, epochEnd, batchBegin, batchEnd, trainEnd);
    }

    /** This callback with {@code hook} as its epoch-begin hook. */
    public LambdaCallback andOnEpochBegin(IntConsumer hook) {
        return new LambdaCallback(trainBegin, required(hook, "andOnEpochBegin"), epochEnd, batchBegin, batchEnd, trainEnd);
    }

    /** This callback with {@code hook} as its epoch-end hook. */
    public LambdaCallback andOnEpochEnd(BiConsumer<Integer, Map<String, Double>> hook) {
        return new LambdaCallback(trainBegin, epochBegin, required(hook, "andOnEpochEnd"), batchBegin, batchEnd, trainEnd);
    }

    /** This callback with {@code hook} as its batch-begin hook. */
    public LambdaCallback andOnBatchBegin(IntConsumer hook) {
        return new LambdaCallback(trainBegin, epochBegin, epochEnd, required(hook, "andOnBatchBegin"), batchEnd, trainEnd);
    }

    /** This callback with {@code hook} as its batch-end hook. */
    public LambdaCallback andOnBatchEnd(BiConsumer<Integer, Map<String, Double>> hook) {
        return new LambdaCallback(trainBegin, epochBegin, epochEnd, batchBegin, required(hook, "andOnBatchEnd"), trainEnd);
    }

    /** This callback with {@code hook} as its train-end hook. */
    public LambdaCallback andOnTrainEnd(Consumer<History> hook) {
        return new LambdaCallback(trainBegin, epochBegin, epochEnd, batchBegin, batchEnd, required(hook, "andOnTrainEnd"));
    }

    @Override
    public void onTrainBegin(TrainingContext training) {
        if (trainBegin != null) {
            trainBegin.accept(training);
        }
    }

    @Override
    public void onEpochBegin(int epoch) {
        if (epochBegin != null) {
            epochBegin.accept(epoch);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (epochEnd != null) {
            epochEnd.accept(epoch, logs);
        }
    }

    @Override
    public void onBatchBegin(int batch) {
        if (batchBegin != null) {
            batchBegin.accept(batch);
        }
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        if (batchEnd != null) {
            batchEnd.accept(batch, logs);
        }
    }

    @Override
    public void onTrainEnd(History history) {
        if (trainEnd != null) {
            trainEnd.accept(history);
        }
    }
}
