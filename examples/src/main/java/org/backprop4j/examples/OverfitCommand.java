package org.backprop4j.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.backprop4j.examples.data.Datasets;
import org.nd4j.linalg.api.buffer.DataType;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The launcher's {@code overfit} example: {@link Overfit} with its options. */
@Command(name = "overfit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Overfit and underfit: TensorFlow's tutorial on the breast-cancer data (tiny to large, L2, dropout)",
            "Trains the tutorial's seven models (tiny, small, medium, large, large with L2, with dropout, with both) "
                    + "with Adam on an InverseTimeDecay schedule and binary cross-entropy from logits, each until "
                    + "EarlyStopping ends it; prints each model's training and validation cross-entropy and the "
                    + "validation curves; with --plot-dir, a PNG of the curves."})
final class OverfitCommand implements Callable<Integer> {
    @ParentCommand
    private Launcher launcher;

    @Spec
    private CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs per model (default: ${DEFAULT-VALUE}).")
    int epochs = Overfit.EPOCHS;

    @Option(names = "--patience", paramLabel = "N", description = "EarlyStopping's patience (default: ${DEFAULT-VALUE}).")
    int patience = Overfit.PATIENCE;

    @Option(names = "--batch-size", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = Overfit.BATCH_SIZE;

    @Option(names = "--float", description = "Train in FLOAT (Keras' float32) instead of DOUBLE.")
    boolean useFloat;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the weights, the dropout masks and the "
            + "shuffling (default: ${DEFAULT-VALUE}).")
    long seed = Overfit.SEED;

    @Option(names = "--plot-dir", paramLabel = "DIR", description = "Write overfit-curves.png (the validation "
            + "cross-entropy of every model by epoch) into DIR.")
    Path plotDir;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || patience < 1 || batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs, --patience and --batch-size must be "
                    + "at least 1, got " + epochs + ", " + patience + " and " + batchSize);
        }
        Overfit.Settings settings = new Overfit.Settings(epochs, patience, batchSize,
                useFloat ? DataType.FLOAT : DataType.DOUBLE, seed);
        List<Overfit.Run> runs = Overfit.run(Datasets.breastCancer(), settings, launcher.out());
        if (plotDir != null) {
            launcher.out().println("Wrote " + Overfit.writePlot(runs, plotDir));
        }
        return 0;
    }
}
