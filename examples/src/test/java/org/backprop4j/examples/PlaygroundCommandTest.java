package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.examples.playground.Http;
import org.backprop4j.integration.ChildJvm;
import org.junit.jupiter.api.Test;

/** The launcher's {@code playground}: listed, its options, and a clean stop on a termination signal. */
class PlaygroundCommandTest {

    @Test
    void isListedWithItsPortOptionAndRefusesABadPort() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Launcher.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\n  playground "), out.toString(StandardCharsets.UTF_8));

        out.reset();
        assertEquals(0, Launcher.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "playground", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--port=PORT"), out.toString(StandardCharsets.UTF_8));

        err.reset();
        assertEquals(2, Launcher.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "playground", "--port", "70000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--port must be 0 (a free one) to 65535, got 70000"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void servesUntilTerminatedAndThenStopsCleanly() throws Exception {
        Process child = ChildJvm.start(Launcher.class, "playground");
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            Pattern address = Pattern.compile("Playground: open (http://127\\.0\\.0\\.1:\\d+/) in your browser");
            URI url = null;
            StringBuilder seen = new StringBuilder();
            String line;
            while (url == null && (line = lines.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher matcher = address.matcher(line);
                if (matcher.find()) {
                    url = URI.create(matcher.group(1));
                }
            }
            assertTrue(url != null, "no address printed:\n" + seen);
            assertEquals(200, Http.get(url, "/").status());

            // Ctrl-C's SIGINT; a JVM started where SIGINT is ignored (a background job) gets SIGTERM instead,
            // which runs the same shutdown hook
            assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor());
            if (!child.waitFor(15, TimeUnit.SECONDS)) {
                assertEquals(0, new ProcessBuilder("kill", "-TERM", String.valueOf(child.pid())).start().waitFor());
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the server stops");
            String rest = lines.lines().collect(java.util.stream.Collectors.joining("\n"));
            assertTrue(rest.contains("Playground stopped."), rest);
        } finally {
            child.destroyForcibly();
        }
    }
}
