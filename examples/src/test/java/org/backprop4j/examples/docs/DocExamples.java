package org.backprop4j.examples.docs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.backprop4j.examples.Xor;
import org.backprop4j.examples.docs.snippets.FirstModel;
import org.backprop4j.examples.docs.snippets.FusedGradient;
import org.backprop4j.examples.docs.snippets.GradientCheckExample;
import org.backprop4j.examples.docs.snippets.KerasFitOptions;
import org.backprop4j.examples.docs.snippets.ManualBackward;
import org.backprop4j.examples.docs.snippets.NaiveSoftmax;
import org.backprop4j.examples.docs.snippets.SoftmaxJacobianCheck;
import org.backprop4j.examples.docs.snippets.SoftmaxLayerGradient;
import org.backprop4j.examples.docs.snippets.SoftmaxLayerJacobians;

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

    static {
        // examples/src/main: what `mvn -q compile exec:java` prints (fit verbose 1, as Xor.main)
        register("xor", out -> Xor.run(Xor.SEED, Xor.LEARNING_RATE, Xor.EPOCHS, 1, out));

        // the snippets of the docs pages (examples/src/test/.../docs/snippets)
        register("first-model", stdout(() -> FirstModel.main(new String[0])));
        register("keras-fit-options", stdout(() -> KerasFitOptions.main(new String[0])));
        register("naive-softmax", stdout(() -> NaiveSoftmax.main(new String[0])));
        register("softmax-jacobian", stdout(() -> SoftmaxJacobianCheck.main(new String[0])));
        register("softmax-layer-jacobians", stdout(() -> SoftmaxLayerJacobians.main(new String[0])));
        register("softmax-layer-gradient", stdout(() -> SoftmaxLayerGradient.main(new String[0])));
        register("fused-gradient", stdout(() -> FusedGradient.main(new String[0])));
        register("manual-backward", stdout(() -> ManualBackward.main(new String[0])));
        register("gradient-check", stdout(() -> GradientCheckExample.main(new String[0])));
    }

    private DocExamples() {
    }

    private static void register(String id, Example example) {
        if (EXAMPLES.putIfAbsent(id, example) != null) {
            throw new IllegalStateException("Example id '" + id + "' registered twice");
        }
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
        return OUTPUTS.computeIfAbsent(id, key -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                example.run(out);
            } catch (Exception e) {
                throw new IllegalStateException("Example '" + key + "' failed", e);
            }
            return bytes.toString(StandardCharsets.UTF_8);
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
