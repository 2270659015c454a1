package org.backprop4j.examples;

import java.util.concurrent.Callable;

import org.backprop4j.examples.data.Datasets;
import org.nd4j.linalg.api.buffer.DataType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The launcher's {@code regression} example: {@link Regression} with its options. */
@Command(name = "regression", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Basic regression: TensorFlow's tutorial on the diabetes data (Normalization, Dense 64 x 2, MAE)",
            "Adapts a Normalization to the training features and trains the tutorial's four models (linear and "
                    + "deep, on bmi alone and on all ten features) on the mean absolute error with validationSplit 0.2, "
                    + "the deep ones with EarlyStopping; prints the normalizer's statistics, the deep model's summary, "
                    + "every model's test error and the first predictions."})
final class RegressionCommand implements Callable<Integer> {
    @ParentCommand
    private Launcher launcher;

    @Option(names = "--float", description = "Train in FLOAT (Keras' float32) instead of DOUBLE.")
    boolean useFloat;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the weights and the shuffling "
            + "(default: ${DEFAULT-VALUE}).")
    long seed = Regression.SEED;

    @Override
    public Integer call() throws Exception {
        Regression.run(Datasets.diabetes(), useFloat ? DataType.FLOAT : DataType.DOUBLE, seed, launcher.out());
        return 0;
    }
}
