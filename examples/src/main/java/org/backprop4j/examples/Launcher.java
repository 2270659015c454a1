package org.backprop4j.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.backprop4j.core.callbacks.LiveDashboard;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * One command for every example: {@code mvn -q compile exec:java -Dexec.args="NAME [options]"} from
 * the repository root runs the example called NAME; with no name it lists them, and
 * {@code NAME --help} shows an example's options.
 *
 * <p>Examples are picocli subcommands, registered in {@link #commandLine}. Those whose classes live
 * elsewhere are registered by class name and started reflectively through their
 * {@code public static void main(String[])}, so the launcher still works (and says so) when such a
 * class is missing from the build.
 */
@Command(name = "examples", mixinStandardHelpOptions = true, version = "backprop4j examples 0.1.0",
        description = "Runs one backprop4j example by name; with no name, lists them.",
        footerHeading = "%n", footer = "Run one: mvn -q compile exec:java -Dexec.args=\"NAME [options]\"%n"
                + "Its options: mvn -q compile exec:java -Dexec.args=\"NAME --help\"")
public final class Launcher implements Callable<Integer> {

    static {
        // the earliest point of every example: native settings that must precede ND4J's loading
        org.backprop4j.core.internal.NativeSetup.beforeNd4j();
    }

    /** How to run an example from the repository root; {@code %s} is the argument string. */
    public static final String COMMAND = "mvn -q compile exec:java -Dexec.args=\"%s\"";

    @Spec
    private CommandSpec spec;

    private final PrintStream out;

    private Launcher(PrintStream out) {
        this.out = out;
    }

    /** Where the examples print their results. */
    PrintStream out() {
        return out;
    }

    /** Runs the example named by {@code args[0]} (or lists them); exits with a non-zero status on errors. */
    public static void main(String[] args) {
        int status = run(System.out, System.err, args);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Parses {@code args} and runs the chosen example, printing on {@code out} (results, help) and
     * {@code err} (usage errors).
     *
     * @return the exit status: 0 on success, 1 when the example failed or is missing, 2 on a usage error
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine commandLine = commandLine(new Launcher(out));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println(line.getCommandName() + " failed: " + exception);
            exception.printStackTrace(line.getErr());
            return 1;
        });
        return commandLine.execute(args);
    }

    /** {@code args} with {@code name} in front: how each example's own {@code main} reaches the launcher. */
    public static String[] withExample(String name, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    /** The command line with every example registered, in the order they are listed. */
    static CommandLine commandLine(Launcher launcher) {
        CommandLine commandLine = new CommandLine(launcher);
        commandLine.addSubcommand("xor", new XorCommand());
        commandLine.addSubcommand("backprop-step", new BackpropStepCommand());
        commandLine.addSubcommand("autograd", new AutogradCommand());
        commandLine.addSubcommand("deep-backprop", new DeepBackpropCommand());
        commandLine.addSubcommand("grade", new GradeCommand());
        commandLine.addSubcommand("reversal", new ReversalCommand());
        commandLine.addSubcommand("digits", new DigitsCommand());
        commandLine.addSubcommand("health", new HealthCommand());
        commandLine.addSubcommand("fashion", new FashionCommand());
        commandLine.addSubcommand("onnx", new OnnxCommand());
        commandLine.addSubcommand("playground", new PlaygroundCommand());
        // issue 21, ring 2: the three ported tutorials
        commandLine.addSubcommand("regression", new RegressionCommand());
        commandLine.addSubcommand("overfit", new OverfitCommand());
        commandLine.addSubcommand("fine-tune", new FineTuneCommand());
        commandLine.addSubcommand("softmax", byClassName("org.backprop4j.examples.SoftmaxDerivative",
                "The softmax Jacobian diag(s) - s^T s, of a seeded random vector"));
        commandLine.addSubcommand("softmax-layer", byClassName("org.backprop4j.examples.SoftmaxLayerDerivative",
                "A softmax layer's ds/dW: chain rule and the shortcut s_t (I_ti - s_i) x_j"));
        return commandLine;
    }

    private static CommandLine byClassName(String className, String description) {
        CommandLine command = new CommandLine(new ClassExample(className));
        command.getCommandSpec().usageMessage().description(description);
        return command;
    }

    /** With no example named: the list of examples, one line each, and how to run one. */
    @Override
    public Integer call() {
        out.println("backprop4j examples:");
        out.println();
        Map<String, CommandLine> examples = spec.commandLine().getSubcommands();
        int width = examples.keySet().stream().mapToInt(String::length).max().orElse(0);
        examples.forEach((name, command) -> {
            String[] description = command.getCommandSpec().usageMessage().description();
            String text = description.length == 0 ? "" : description[0];
            if (command.getCommandSpec().userObject() instanceof ClassExample example && !example.isPresent()) {
                text += " (not in this build yet)";
            }
            out.printf("  %-" + width + "s  %s%n", name, text);
        });
        out.println();
        out.println("Run one:       " + String.format(COMMAND, "NAME [options]") + "   e.g. " + String.format(COMMAND, "digits"));
        out.println("Its options:   " + String.format(COMMAND, "NAME --help"));
        return 0;
    }

    // ---- the examples ---------------------------------------------------------------------------

    @Command(name = "xor", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"XOR: a 2-2-1 sigmoid network ported line by line from Keras",
                "Prints the model summary, training progress and the predictions; with --plot-dir, PNGs of "
                        + "the loss curve and of the network's output over the plane."})
    static final class XorCommand implements Callable<Integer> {
        @ParentCommand
        private Launcher launcher;

        @Spec
        private CommandSpec spec;

        @Option(names = "--epochs", paramLabel = "N", description = "Full-batch epochs (default: ${DEFAULT-VALUE}).")
        int epochs = Xor.EPOCHS;

        @Option(names = "--learning-rate", paramLabel = "RATE", description = "Plain SGD learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate = Xor.LEARNING_RATE;

        @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
        long seed = Xor.SEED;

        @Option(names = "--plot-dir", paramLabel = "DIR",
                description = "Write xor-loss.png and xor-output.png (the output over [-0.5, 1.5]^2 next to a seed "
                        + "that ends on a plateau) into DIR.")
        Path plotDir;

        @Override
        public Integer call() throws Exception {
            checkPositive(spec, epochs, learningRate);
            Xor.Result result = Xor.run(seed, learningRate, epochs, 1, launcher.out);
            if (plotDir != null) {
                for (Path file : Xor.writePlots(result, plotDir)) {
                    launcher.out.println("Wrote " + file);
                }
            }
            return 0;
        }
    }

    @Command(name = "backprop-step", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"One training step of the XOR network by hand, every number printed",
                "Forward pass, loss, every delta and gradient, the update and the new loss of the 2-2-1 XOR "
                        + "network, one weight by the scalar chain rule, and a check against backprop4j's own "
                        + "gradients and trainOnBatch."})
    static final class BackpropStepCommand implements Callable<Integer> {
        @ParentCommand
        private Launcher launcher;

        @Spec
        private CommandSpec spec;

        @Option(names = "--learning-rate", paramLabel = "RATE", description = "Plain SGD learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate = Xor.LEARNING_RATE;

        @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the initial weights, as in xor (default: ${DEFAULT-VALUE}).")
        long seed = Xor.SEED;

        @Option(names = "--plot-dir", paramLabel = "DIR",
                description = "Write backprop-step-network.png (the network with this step's values and gradients) into DIR.")
        Path plotDir;

        @Override
        public Integer call() throws Exception {
            checkPositive(spec, 1, learningRate);
            BackpropStep.Step step = BackpropStep.run(seed, learningRate, launcher.out);
            if (plotDir != null) {
                launcher.out.println("Wrote " + BackpropStep.writePlot(step, plotDir));
            }
            return 0;
        }
    }

    @Command(name = "autograd", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The XOR step on a 100-line scalar autograd: the graph of one sample, as text and picture",
                "Gate patterns (add distributes, mul swaps, max routes), the computational graph of one XOR sample "
                        + "with every node's value and gradient, the gradients of all four samples next to "
                        + "model.gradients, and what = in place of += does at forks; with --plot-dir, xor-graph.png."})
    static final class AutogradCommand implements Callable<Integer> {
        @ParentCommand
        private Launcher launcher;

        @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the initial weights, as in xor (default: ${DEFAULT-VALUE}).")
        long seed = Xor.SEED;

        @Option(names = "--plot-dir", paramLabel = "DIR", description = "Write xor-graph.png (the graph of one sample) into DIR.")
        Path plotDir;

        @Override
        public Integer call() throws Exception {
            org.backprop4j.examples.autograd.Value sample = XorGraph.run(seed, launcher.out);
            if (plotDir != null) {
                launcher.out.println("Wrote " + XorGraph.writePlot(sample, seed, plotDir));
            }
            return 0;
        }
    }

    @Command(name = "deep-backprop", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Backpropagation for any depth: a plain-Java loop over layers, and gradients of 10 layers",
                "The four equations as a loop over the layers of a 4-layer network, checked against model.gradients; "
                        + "then the size of each layer's error signal in a 10-layer relu network under four "
                        + "initialisers, going backwards."})
    static final class DeepBackpropCommand implements Callable<Integer> {
        @ParentCommand
        private Launcher launcher;

        @Override
        public Integer call() {
            DeepBackprop.run(launcher.out);
            return 0;
        }
    }

    @Command(name = "grade", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Grades the labs of docs/labs.md: your Dense backward, momentum step, loss gradient",
                "Checks org.backprop4j.examples.labs.StudentDense, StudentMomentum and StudentMeanSquaredError "
                        + "with gradient checks and against the library's SGD; exit status 1 unless every check passes."})
    static final class GradeCommand implements Callable<Integer> {
        @ParentCommand
        private Launcher launcher;

        @Spec
        private CommandSpec spec;

        @picocli.CommandLine.Parameters(paramLabel = "LAB", arity = "0..*",
                description = "layer, optimizer or loss (default: all three).")
        List<String> labs = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> chosen = labs.isEmpty() ? org.backprop4j.examples.labs.Grader.LABS : labs;
            for (String lab : chosen) {
                require(spec, org.backprop4j.examples.labs.Grader.LABS.contains(lab), "LAB must be one of "
                        + String.join(", ", org.backprop4j.examples.labs.Grader.LABS) + ", got '" + lab + "'");
            }
            boolean all = true;
            for (String lab : chosen) {
                all &= org.backprop4j.examples.labs.Grader.gradeStudent(lab, launcher.out);
            }
            return all ? 0 : 1;
        }
    }

    @Command(name = "reversal", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The generalisation failure: 4-bit reversal, and why input 0's weights never move",
                "Trains on the 6 inputs whose first bit is 0, tests on the 6 whose first bit is 1, then shows "
                        + "how far each first-layer kernel row moved: input 0's row, exactly 0."})
    static final class ReversalCommand implements Callable<Integer> {
        @ParentCommand
        private Launcher launcher;

        @Spec
        private CommandSpec spec;

        @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
        int epochs = BitReversal.EPOCHS;

        @Option(names = "--learning-rate", paramLabel = "RATE", description = "Plain SGD learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate = BitReversal.LEARNING_RATE;

        @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
        long seed = BitReversal.SEED;

        @Option(names = "--plot-dir", paramLabel = "DIR",
                description = "Write reversal-weight-change.png (how far each first-layer weight moved) into DIR.")
        Path plotDir;

        @Override
        public Integer call() throws Exception {
            checkPositive(spec, epochs, learningRate);
            BitReversal.Result result = BitReversal.run(seed, learningRate, epochs, launcher.out);
            if (plotDir != null) {
                launcher.out.println("Wrote " + BitReversal.writePlot(result, plotDir));
            }
            return 0;
        }
    }

    @Command(name = "digits", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Real data: handwritten digits, 64-32-10, held-out accuracy, confusion matrix",
                "1,797 8x8 images, a stratified 80/20 split, standardised inputs, SGD with momentum; prints "
                        + "progress per epoch, the held-out accuracy, the confusion matrix and the training-health "
                        + "verdict; with --plot-dir, PNGs of the loss and accuracy curves and of the health report."})
    static final class DigitsCommand implements Callable<Integer> {
        @ParentCommand
        private Launcher launcher;

        @Spec
        private CommandSpec spec;

        @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
        int epochs = Digits.EPOCHS;

        @Option(names = "--learning-rate", paramLabel = "RATE", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
        double learningRate = Digits.LEARNING_RATE;

        @Option(names = "--batch-size", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
        int batchSize = Digits.BATCH_SIZE;

        @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the split, the weights and the shuffling "
                + "(default: ${DEFAULT-VALUE}).")
        long seed = Digits.SEED;

        @Option(names = "--plot-dir", paramLabel = "DIR", description = "Write digits-training.png and "
                + "health-digits.png (the training-health report) into DIR.")
        Path plotDir;

        @Option(names = "--dashboard", description = "Show the training live in the browser (LiveDashboard, on "
                + "127.0.0.1, its address printed first); the page stays up after training until Ctrl-C.")
        boolean dashboard;

        @Override
        public Integer call() throws Exception {
            checkPositive(spec, epochs, learningRate);
            require(spec, batchSize > 0, "--batch-size must be at least 1, got " + batchSize);
            Digits.Settings settings = new Digits.Settings(epochs, batchSize, learningRate, Digits.MOMENTUM, seed);
            LiveDashboard live = dashboard ? new LiveDashboard() : null;
            if (live != null) {
                launcher.out.println("Live dashboard: " + live.url());
            }
            Digits.Result result = Digits.run(settings, launcher.out, live);
            if (plotDir != null) {
                launcher.out.println("Wrote " + Digits.writePlot(result, plotDir));
                launcher.out.println("Wrote " + Health.writePlot(result.health(), "digits", plotDir));
            }
            if (live != null) {
                launcher.out.println("Training done; the dashboard stays at " + live.url() + " until Ctrl-C.");
                launcher.out.flush();
                Thread.currentThread().join();                  // until Ctrl-C ends the JVM
            }
            return 0;
        }
    }

    @Command(name = "health", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The training-health report: update ratios, gradient norms, dead and saturated units",
                "Trains the digits network healthy or with one classic problem (--run high-learning-rate, "
                        + "zero-init, large-weights; sigmoid is the fix of large-weights) and prints the per-layer, "
                        + "per-epoch report and its warnings; with --plot-dir, a PNG of the three quantities."})
    static final class HealthCommand implements Callable<Integer> {
        @ParentCommand
        private Launcher launcher;

        @Spec
        private CommandSpec spec;

        @Option(names = "--run", paramLabel = "RUN", description = "healthy, high-learning-rate, zero-init, large-weights "
                + "or sigmoid (default: ${DEFAULT-VALUE}).")
        String run = "healthy";

        @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
        int epochs = Health.EPOCHS;

        @Option(names = "--plot-dir", paramLabel = "DIR", description = "Write health-RUN.png into DIR.")
        Path plotDir;

        @Override
        public Integer call() throws Exception {
            checkPositive(spec, epochs, 1.0);
            require(spec, Health.RUNS.contains(run), "--run must be one of " + String.join(", ", Health.RUNS)
                    + ", got '" + run + "'");
            Health.Result result = Health.run(run, epochs, launcher.out);
            if (plotDir != null) {
                launcher.out.println("Wrote " + Health.writePlot(result, plotDir));
            }
            return 0;
        }
    }

    private static void checkPositive(CommandSpec spec, int epochs, double learningRate) {
        require(spec, epochs > 0, "--epochs must be at least 1, got " + epochs);
        require(spec, learningRate > 0 && !Double.isInfinite(learningRate),
                "--learning-rate must be a positive number, got " + learningRate);
    }

    /** A usage error: picocli prints the message and the command's usage, and the exit status is 2. */
    private static void require(CommandSpec spec, boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    /**
     * An example that lives in its own class, found by name when it is run: every argument goes to
     * its {@code public static void main(String[])}.
     */
    @Command(description = "An example started through its main method.")
    static final class ClassExample implements Callable<Integer> {
        private final String className;

        @Spec
        private CommandSpec spec;

        @Unmatched
        private List<String> arguments = new ArrayList<>();

        ClassExample(String className) {
            this.className = className;
        }

        boolean isPresent() {
            return mainMethod() != null;
        }

        private Method mainMethod() {
            try {
                Method main = Class.forName(className).getMethod("main", String[].class);
                return java.lang.reflect.Modifier.isStatic(main.getModifiers()) ? main : null;
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                return null;
            }
        }

        @Override
        public Integer call() throws Exception {
            Method main = mainMethod();
            if (main == null) {
                spec.commandLine().getErr().println("The example '" + spec.name() + "' is not in this build: "
                        + "no class " + className + " with a public static void main(String[]).");
                spec.commandLine().getErr().println("Run without arguments to list the available examples.");
                return 1;
            }
            try {
                main.invoke(null, (Object) arguments.toArray(new String[0]));
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
            return 0;
        }
    }
}
