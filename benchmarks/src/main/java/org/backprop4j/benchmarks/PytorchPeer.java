package org.backprop4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.backprop4j.core.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * PyTorch as a third {@link Trainer}: a Python process running {@code pytorch_peer.py}, given the
 * workload's weights and data through a temporary file and driven command by command, so its
 * rounds interleave with the other two frameworks'. The time of a round is the one the Python
 * process measures around its own loop (no pipe or start-up time in it).
 */
final class PytorchPeer implements Trainer, AutoCloseable {

    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;
    private final String version;
    private final String label;

    private PytorchPeer(Process process, String version, String label, PrintWriter commands, BufferedReader answers) {
        this.process = process;
        this.version = version;
        this.label = label;
        this.commands = commands;
        this.answers = answers;
    }

    /**
     * Starts {@code python script intraOpThreads} with {@code OPENBLAS_NUM_THREADS=blasThreads} and loads
     * {@code model}'s weights and the data into it.
     */
    static PytorchPeer start(String python, Path script, int intraOpThreads, int blasThreads, Workload workload,
                             Sequential model, DataSet data) {
        try {
            Path file = Files.createTempFile("backprop4j-workload", ".txt");
            StringBuilder text = new StringBuilder();
            text.append(workload.hiddenActivation()).append(' ').append(workload.outputActivation()).append(' ')
                    .append(workload.loss()).append(' ').append(workload.learningRate()).append(' ')
                    .append(workload.dataType()).append(' ').append(workload.optimizer()).append('\n');
            List<INDArray> weights = model.getWeights(); // kernel0, bias0, kernel1, bias1, ...: any number of Dense layers
            for (int i = 0; i < weights.size(); i++) {
                append(text, (i % 2 == 0 ? "kernel" : "bias") + i / 2, weights.get(i));
            }
            append(text, "x", data.getFeatures());
            append(text, "y", data.getLabels());
            Files.writeString(file, text);
            file.toFile().deleteOnExit();
            ProcessBuilder builder = new ProcessBuilder(python, script.toString(), String.valueOf(intraOpThreads))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(blasThreads));
            Process process = builder.start();
            PrintWriter commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            commands.println("load " + file);
            String ok = answers.readLine();
            if (ok == null || !ok.startsWith("ok")) {
                throw new IllegalStateException("PyTorch peer did not start: " + ok);
            }
            String label = intraOpThreads == blasThreads ? "PyTorch " + intraOpThreads
                    : "PyTorch " + intraOpThreads + "/" + blasThreads;
            return new PytorchPeer(process, ok.substring(3), label, commands, answers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(StringBuilder text, String name, INDArray array) {
        INDArray matrix = array.rank() == 1 ? array.reshape(1, array.length()) : array;
        text.append(name).append(' ').append(matrix.rows()).append(' ').append(matrix.columns()).append('\n');
        for (double value : matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble()) {
            text.append(value).append(' ');
        }
        text.append('\n');
    }

    /** "torch-version threads". */
    String version() {
        return version;
    }

    @Override
    public String framework() {
        return label;
    }

    /** Seconds of the last {@link #train}, as measured inside the Python process. */
    private double lastSeconds;

    @Override
    public void train(int steps) {
        lastSeconds = Double.parseDouble(ask("train " + steps));
    }

    /** The time PyTorch measured around its own loop: no pipe or process start in it. */
    @Override
    public double timedTrain(int steps) {
        train(steps);
        return lastSeconds;
    }

    @Override
    public double loss() {
        return Double.parseDouble(ask("loss"));
    }

    private String ask(String command) {
        commands.println(command);
        try {
            String answer = answers.readLine();
            if (answer == null) {
                throw new IllegalStateException("PyTorch peer exited");
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        commands.println("quit");
        process.destroy();
    }
}
