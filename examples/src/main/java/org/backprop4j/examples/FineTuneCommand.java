package org.backprop4j.examples;

import java.util.concurrent.Callable;

import org.backprop4j.examples.data.Datasets;
import org.nd4j.linalg.api.buffer.DataType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The launcher's {@code fine-tune} example: {@link FineTune} with its options. */
@Command(name = "fine-tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Transfer learning: train on the digits 0-4, freeze, pop() the head, add a new one for 5-9",
            "Trains 64-32-32-5 on the digits 0 to 4, freezes all but the head with setTrainable(false), replaces the "
                    + "head with pop() + add, trains it on 10 pictures of each digit 5 to 9; prints the summary's "
                    + "trainable and non-trainable counts, that the frozen weights did not change, and the accuracy "
                    + "next to the same network trained from scratch."})
final class FineTuneCommand implements Callable<Integer> {
    @ParentCommand
    private Launcher launcher;

    @Option(names = "--float", description = "Train in FLOAT (Keras' float32) instead of DOUBLE.")
    boolean useFloat;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the weights and the shuffling "
            + "(default: ${DEFAULT-VALUE}).")
    long seed = FineTune.SEED;

    @Override
    public Integer call() throws Exception {
        FineTune.run(Datasets.digits(), useFloat ? DataType.FLOAT : DataType.DOUBLE, seed, launcher.out());
        return 0;
    }
}
