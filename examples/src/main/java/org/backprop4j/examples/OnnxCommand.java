package org.backprop4j.examples;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The launcher's {@code onnx} example: {@link OnnxServing} with its options. */
@Command(name = "onnx", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Taking a model elsewhere: digits exported to ONNX, run by ONNX Runtime beside predict",
            "Trains the digits network, writes it as an ONNX file, loads that file in ONNX Runtime (the engine "
                    + "that serves ONNX from Java, Python, C# and the browser) and prints both engines' predictions "
                    + "for held-out images side by side."})
final class OnnxCommand implements Callable<Integer> {
    @ParentCommand
    private Launcher launcher;

    @Spec
    private CommandSpec spec;

    @Option(names = "--file", paramLabel = "PATH", description = "Where to write the ONNX file (default: ${DEFAULT-VALUE}).")
    Path file = Path.of("target", "digits.onnx");

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = Digits.EPOCHS;

    @Option(names = "--rows", paramLabel = "N", description = "Held-out images shown side by side (default: ${DEFAULT-VALUE}).")
    int rows = OnnxServing.ROWS;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || rows < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be at least 1 and --rows at least 0, "
                    + "got " + epochs + " and " + rows);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        OnnxServing.run(file, epochs, rows, launcher.out());
        return 0;
    }
}
