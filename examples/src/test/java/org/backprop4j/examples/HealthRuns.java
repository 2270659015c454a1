package org.backprop4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health example's runs, each trained once per test JVM and shared by the tests that need its
 * results ({@link HealthTest}) and the docs test that compares its printout with
 * docs/training-health.md (each run takes about a second).
 */
public final class HealthRuns {

    /**
     * A run's result and what it printed (what {@code health --run RUN} prints).
     *
     * @param result the run's result
     * @param output its printout
     */
    public record Run(Health.Result result, String output) {
    }

    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    private HealthRuns() {
    }

    /** Run {@code name} of {@link Health#RUNS} with the default epochs, trained on first use. */
    public static synchronized Run get(String name) {
        Run run = RUNS.get(name);
        if (run == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                run = new Run(Health.run(name, Health.EPOCHS, out), bytes.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RUNS.put(name, run);
        }
        return run;
    }
}
