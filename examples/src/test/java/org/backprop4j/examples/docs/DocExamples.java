package org.backprop4j.examples.docs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.backprop4j.examples.Health;
import org.backprop4j.examples.HealthRuns;
import org.backprop4j.examples.Launcher;
import org.backprop4j.examples.labs.Grader;
import org.backprop4j.examples.docs.snippets.LabSolutions;
import org.backprop4j.examples.docs.snippets.ActivationLab;
import org.backprop4j.examples.docs.snippets.AdaptiveOptimizers;
import org.backprop4j.examples.docs.snippets.DropoutGradientCheck;
import org.backprop4j.examples.docs.snippets.DropoutRegularisation;
import org.backprop4j.examples.docs.snippets.FashionTutorial;
import org.backprop4j.examples.docs.snippets.Initialisation;
import org.backprop4j.examples.docs.snippets.BackpropModes;
import org.backprop4j.examples.docs.snippets.ConstantColumns;
import org.backprop4j.examples.docs.snippets.FirstModel;
import org.backprop4j.examples.docs.snippets.FusedGradient;
import org.backprop4j.examples.docs.snippets.GradientCheckExample;
import org.backprop4j.examples.docs.snippets.KerasFitOptions;
import org.backprop4j.examples.docs.snippets.KerasParity;
import org.backprop4j.examples.docs.snippets.KerasRingTwo;
import org.backprop4j.examples.docs.snippets.KerasNormalizationLayers;
import org.backprop4j.examples.docs.snippets.KerasShapes;
import org.backprop4j.examples.docs.snippets.KerasTrainingControl;
import org.backprop4j.examples.docs.snippets.ManualBackward;
import org.backprop4j.examples.docs.snippets.MultivariableChainRule;
import org.backprop4j.examples.docs.snippets.NaiveSoftmax;
import org.backprop4j.examples.docs.snippets.SoftmaxJacobianCheck;
import org.backprop4j.examples.docs.snippets.SoftmaxLayerGradient;
import org.backprop4j.examples.docs.snippets.SoftmaxLayerJacobians;
import org.backprop4j.examples.docs.snippets.ZeroGradient;
import org.backprop4j.integration.ExpectedWarnings;

/**
 * The registry behind {@code <!-- output: ID -->} blocks: each ID names a program whose output a
 * docs page shows. {@link DocOutputsTest} runs each one once and compares.
 *
 * <p>To show a new example's output on a page: register it here with the arguments the page
 * states, and put {@code <!-- output: ID -->} before a {@code ```text} block on the page (run the
 * test once with {@code -Ddocs.update=true} to fill the block in).
 */
final class DocExamples {

    /** A program that prints to the stream it is given. */
    @FunctionalInterface
    interface Example {
        void run(PrintStream out) throws Exception;
    }

    /** A program that prints to {@code System.out} (the snippets a learner copies do). */
    @FunctionalInterface
    interface MainProgram {
        void run() throws Exception;
    }

    private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();
    private static final Map<String, String> OUTPUTS = new ConcurrentHashMap<>();

    /**
     * The examples that print the size of rounding errors (e.g. {@code max |J - J^T| = 2.8e-17}),
     * whose digits depend on the machine: their blocks compare such numbers as {@code <round-off>},
     * those in scientific notation with an exponent of minus the given number or less. 10 masks the
     * numbers below 1e-9; the gradient checks' relative errors (about 1e-10 / |gradient|) are masked
     * below 1e-4, and their verdict lines ("below 1e-6: true") are compared.
     */
    static final Map<String, Integer> ROUND_OFF = Map.of("softmax", 10, "softmax-layer", 10, "backprop-modes", 10,
            "gradient-check", 5, "activation-lab", 5);

    static {
        // examples/src/main, through the launcher: what `mvn -q compile exec:java -Dexec.args=NAME` prints
        register("xor", launcher("xor"));
        register("backprop-step", launcher("backprop-step"));
        // its sections, one per block of docs/backprop-by-hand.md, in the order it prints them
        List<String> parts = List.of("start", "forward", "one-weight", "backward", "update", "check", "cost");
        for (int n = 0; n < parts.size(); n++) {
            register("backprop-step#" + parts.get(n), section("backprop-step", n));
        }
        register("autograd", launcher("autograd"));
        List<String> graphParts = List.of("gates", "graph", "library");
        for (int n = 0; n < graphParts.size(); n++) {
            register("autograd#" + graphParts.get(n), section("autograd", n));
        }
        register("deep-backprop", launcher("deep-backprop"));
        List<String> deepParts = List.of("loop", "norms");
        for (int n = 0; n < deepParts.size(); n++) {
            register("deep-backprop#" + deepParts.get(n), section("deep-backprop", n));
        }
        register("reversal", launcher("reversal"));
        // the labs of docs/labs.md, graded on the teachers' solutions, on broken ones and on the template
        register("lab-layer-correct", out -> Grader.gradeLayer(LabSolutions.CorrectDense::new, "CorrectDense", out));
        register("lab-layer-broken", out -> Grader.gradeLayer(LabSolutions.BrokenDense::new, "BrokenDense", out));
        register("lab-optimizer-correct", out -> Grader.gradeOptimizer(LabSolutions.CorrectMomentum::new, "CorrectMomentum", out));
        register("lab-optimizer-broken", out -> Grader.gradeOptimizer(LabSolutions.BrokenMomentum::new, "BrokenMomentum", out));
        register("lab-loss-correct", out -> Grader.gradeLoss(LabSolutions.CorrectMeanSquaredError::new,
                "CorrectMeanSquaredError", out));
        register("lab-loss-broken", out -> Grader.gradeLoss(LabSolutions.BrokenMeanSquaredError::new,
                "BrokenMeanSquaredError", out));
        register("lab-template", out -> Grader.gradeStudent("layer", out));
        register("fashion-subset", launcher("fashion", "--subset", "--epochs", "3", "--double"));
        // issue 21, ring 2: the three ported tutorials (docs/basic-regression.md, overfit-and-underfit.md, fine-tuning.md)
        register("regression", launcher("regression"));
        register("overfit", launcher("overfit"));
        register("fine-tune", launcher("fine-tune"));
        // the health example's runs, trained once and shared with HealthTest; the launcher's
        // `health --run RUN` prints exactly Health.run's output
        for (String run : Health.RUNS) {
            register("health-" + run, out -> out.print(HealthRuns.get(run).output()));
        }
        register("softmax", launcher("softmax"));
        register("softmax-layer", launcher("softmax-layer"));

        // the snippets of the docs pages (examples/src/test/.../docs/snippets)
        register("first-model", stdout(() -> FirstModel.main(new String[0])));
        register("chain-rule", stdout(() -> MultivariableChainRule.main(new String[0])));
        register("keras-fit-options", stdout(() -> KerasFitOptions.main(new String[0])));
        register("naive-softmax", stdout(() -> NaiveSoftmax.main(new String[0])));
        register("softmax-jacobian", stdout(() -> SoftmaxJacobianCheck.main(new String[0])));
        register("softmax-layer-jacobians", stdout(() -> SoftmaxLayerJacobians.main(new String[0])));
        register("softmax-layer-gradient", stdout(() -> SoftmaxLayerGradient.main(new String[0])));
        register("fused-gradient", stdout(() -> FusedGradient.main(new String[0])));
        register("manual-backward", stdout(() -> ManualBackward.main(new String[0])));
        register("gradient-check", stdout(() -> GradientCheckExample.main(new String[0])));
        register("activation-lab", stdout(() -> ActivationLab.main(new String[0])));
        register("backprop-modes", stdout(() -> BackpropModes.main(new String[0])));
        register("zero-gradient", stdout(() -> ZeroGradient.main(new String[0])));
        register("constant-columns", stdout(() -> ConstantColumns.main(new String[0])));
        register("keras-training-control", stdout(() -> KerasTrainingControl.main(new String[0])));
        register("adaptive-optimizers", stdout(() -> AdaptiveOptimizers.main(new String[0])));
        register("dropout-regularisation", stdout(() -> DropoutRegularisation.main(new String[0])));
        register("initialisation", stdout(() -> Initialisation.main(new String[0])));
        register("dropout-gradient-check", stdout(() -> DropoutGradientCheck.main(new String[0])));
        register("fashion-tutorial", stdout(() -> FashionTutorial.main(new String[0])));
        register("keras-parity", stdout(() -> KerasParity.main(new String[0])));
        register("keras-ring-two", stdout(() -> KerasRingTwo.main(new String[0])));
        register("keras-normalization-layers", stdout(() -> KerasNormalizationLayers.main(new String[0])));
        register("keras-shapes", stdout(() -> KerasShapes.main(new String[0])));   // samples of a shape, noise (issue 21)
    }

    private DocExamples() {
    }

    private static void register(String id, Example example) {
        if (EXAMPLES.putIfAbsent(id, example) != null) {
            throw new IllegalStateException("Example id '" + id + "' registered twice");
        }
    }

    /** The exponent below which example {@code id}'s block masks numbers as round-off (see {@link #ROUND_OFF}), or 0. */
    static int roundOffExponent(String id) {
        return ROUND_OFF.getOrDefault(id, 0);
    }

    /** The registered IDs. */
    static Set<String> ids() {
        return EXAMPLES.keySet();
    }

    /**
     * What example {@code id} prints, run once per test JVM and cached (several blocks may show it).
     *
     * @throws IllegalArgumentException naming the registered IDs for an unknown one
     */
    static String output(String id) {
        Example example = EXAMPLES.get(id);
        if (example == null) {
            throw new IllegalArgumentException("No example registered as '" + id + "' in DocExamples; registered: "
                    + EXAMPLES.keySet());
        }
        String cached = OUTPUTS.get(id);
        if (cached != null) {
            return cached;
        }
        // not computeIfAbsent: a section's example asks for its whole example's output from inside
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // the warnings a program logs (the reversal example's constant input) are part of what the
        // pages teach, not of the test run's console: captured, not printed
        ExpectedWarnings warnings = new ExpectedWarnings();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            example.run(out);
        } catch (Exception e) {
            throw new IllegalStateException("Example '" + id + "' failed; it logged " + warnings.messages(), e);
        } finally {
            warnings.close();
        }
        return OUTPUTS.computeIfAbsent(id, key -> bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * Section {@code wanted} (from 0) of example {@code id}'s output: the lines from the
     * {@code wanted}-th line of the form {@code == Title ==} up to the next such line. So a page can
     * show a long output piece by piece, each piece checked.
     */
    private static Example section(String id, int wanted) {
        return out -> {
            List<String> lines = output(id).lines().toList();
            int seen = -1;
            boolean inside = false;
            for (String line : lines) {
                if (line.startsWith("== ") && line.endsWith(" ==")) {
                    seen++;
                    inside = seen == wanted;
                }
                if (inside) {
                    out.println(line);
                }
            }
            if (seen < wanted) {
                throw new IllegalStateException("Example '" + id + "' printed only " + (seen + 1) + " sections, not "
                        + (wanted + 1));
            }
        };
    }

    /**
     * Runs {@link Launcher} with these arguments, as {@code mvn -q compile exec:java -Dexec.args="..."}
     * does (the examples it starts through their {@code main} print to {@code System.out}, so that
     * is captured too); fails unless it exits with status 0.
     */
    private static Example launcher(String... args) {
        return stdout(() -> {
            int status = Launcher.run(System.out, System.err, args);
            if (status != 0) {
                throw new IllegalStateException("Launcher " + String.join(" ", args) + " exited with status " + status);
            }
        });
    }

    /** Runs a program that prints to {@code System.out}, with {@code System.out} pointed at the given stream. */
    private static Example stdout(MainProgram program) {
        return out -> {
            synchronized (System.class) {
                PrintStream original = System.out;
                System.setOut(out);
                try {
                    program.run();
                } finally {
                    System.out.flush();
                    System.setOut(original);
                }
            }
        };
    }
}
