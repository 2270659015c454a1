package org.backprop4j.examples;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.backprop4j.examples.data.FashionMnist;
import org.nd4j.linalg.api.buffer.DataType;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The launcher's {@code fashion} example: {@link Fashion} with its options. */
@Command(name = "fashion", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fashion-MNIST: TensorFlow's beginner tutorial ported line by line (784-128-10, Adam)",
            "Trains Input(784), Dense(128, relu), Dense(10) logits with Adam and sparse categorical cross-entropy "
                    + "from logits, 10 epochs of batch 32, on the 60,000 training pictures; prints Keras' progress, "
                    + "the test accuracy, the training time and the confusion matrix; with --plot-dir, a PNG of "
                    + "misclassified pictures. --mlp trains keras-team's mnist_mlp.py model instead."})
final class FashionCommand implements Callable<Integer> {
    @ParentCommand
    private Launcher launcher;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the four IDX files, gzipped or not "
            + "(default: ${DEFAULT-VALUE}, where `apt-get install dataset-fashion-mnist` puts them).")
    Path dataDir = FashionMnist.DEFAULT_DIRECTORY;

    @Option(names = "--subset", description = "Use the small subset shipped with the examples (1,000 training and "
            + "500 test pictures) instead of the full data.")
    boolean subset;

    @Option(names = "--mlp", description = "keras-team's mnist_mlp.py: Dense 512 relu, Dropout 0.2, Dense 512 relu, "
            + "Dropout 0.2, Dense 10 softmax, RMSprop, categorical cross-entropy on one-hot labels, batch size 128.")
    boolean mlp;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = Fashion.EPOCHS;

    @Option(names = "--batch-size", paramLabel = "N", description = "Mini-batch size (default: 32, with --mlp 128).")
    Integer batchSize;

    @Option(names = "--double", description = "Train in DOUBLE instead of FLOAT (Keras' float32).")
    boolean useDouble;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the weights, the dropout masks and the "
            + "shuffling (default: ${DEFAULT-VALUE}).")
    long seed = Fashion.SEED;

    @Option(names = "--plot-dir", paramLabel = "DIR", description = "Write fashion-misclassified.png (misclassified "
            + "test pictures with their true and predicted class) into DIR.")
    Path plotDir;

    @Override
    public Integer call() throws Exception {
        Fashion.Recipe recipe = mlp ? Fashion.Recipe.MLP : Fashion.Recipe.TUTORIAL;
        int batch = batchSize != null ? batchSize : mlp ? Fashion.MLP_BATCH_SIZE : Fashion.BATCH_SIZE;
        if (epochs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        if (batch < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be at least 1, got " + batch);
        }
        FashionMnist data;
        try {
            data = subset ? FashionMnist.loadSubset() : FashionMnist.load(dataDir);
        } catch (FileNotFoundException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().println("Or run on the small subset shipped with the examples: fashion --subset");
            return 1;
        }
        Fashion.Settings settings = new Fashion.Settings(recipe, epochs, batch,
                useDouble ? DataType.DOUBLE : DataType.FLOAT, seed);
        Fashion.Result result = Fashion.run(data, settings, launcher.out());
        if (plotDir != null) {
            launcher.out().println("Wrote " + Fashion.writePlot(result, plotDir));
        }
        return 0;
    }
}
