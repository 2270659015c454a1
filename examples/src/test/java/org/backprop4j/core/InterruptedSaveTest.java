package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.backprop4j.integration.ChildJvm;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A save that dies half way, by an injected write failure or by killing the JVM doing it, leaves
 * the previous file intact and loadable. (In package core to reach ModelIO's stream hook.)
 */
class InterruptedSaveTest {

    @TempDir
    Path dir;

    /** A 4-16-3 model whose every weight is {@code value}. */
    static Sequential filledWith(double value) {
        Sequential model = new Sequential(1);
        model.add(new Dense(16, 4, "relu")).add(new Dense(3));
        model.compile("mse", new SGD(0.1, 0.5, false));
        List<INDArray> weights = new ArrayList<>();
        for (INDArray weight : model.getWeights()) {
            weights.add(weight.assign(value));
        }
        model.setWeights(weights);
        return model;
    }

    /** Fails every write once {@code budget} bytes have gone through. */
    static final class FailingAfter extends FilterOutputStream {
        private long budget;

        FailingAfter(OutputStream out, long budget) {
            super(out);
            this.budget = budget;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > budget) {
                throw new IOException("injected failure: disk full");
            }
            budget -= length;
            out.write(bytes, offset, length);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    private static void assertAllWeightsEqual(double value, Sequential model) {
        for (INDArray weight : model.getWeights()) {
            for (double w : weight.data().asDouble()) {
                assertEquals(value, w);
            }
        }
    }

    private List<String> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".tmp")).toList();
        }
    }

    @Test
    void aSaveThatFailsHalfWayLeavesThePreviousFileIntact() throws IOException {
        Path file = dir.resolve("model.bp4j");
        filledWith(1).save(file);
        byte[] before = Files.readAllBytes(file);
        Sequential newer = filledWith(2);

        IOException e = assertThrows(IOException.class,
                () -> ModelIO.save(newer, file, out -> new FailingAfter(out, before.length / 2)));
        assertTrue(e.getMessage().contains("injected failure"), e.getMessage());

        assertArrayEquals(before, Files.readAllBytes(file), "the old file is untouched");
        assertAllWeightsEqual(1, Sequential.load(file));
        assertEquals(List.of(), temporaryFiles(), "the failed save cleaned up its temporary file");
        assertAllWeightsEqual(2, newer);
    }

    /**
     * Run in a child JVM: saves a model of ones, then saves a model of twos through a stream that
     * crawls (50 ms per write), announcing "writing" on its first write so the parent can kill it.
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        filledWith(1).save(file);
        System.out.println("saved");
        System.out.flush();
        ModelIO.save(filledWith(2), file, out -> new FilterOutputStream(out) {
            private boolean announced;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (!announced) {
                    announced = true;
                    System.out.println("writing");
                    System.out.flush();
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                out.write(bytes, offset, length);
            }
        });
        System.out.println("finished");
    }

    @Test
    void aSaveKilledHalfWayLeavesThePreviousFileIntact() throws Exception {
        Path file = dir.resolve("model.bp4j");
        Process child = ChildJvm.start(InterruptedSaveTest.class, file.toString());
        List<String> lines = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null && !line.equals("writing"); line = output.readLine()) {
                lines.add(line);
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        assertTrue(lines.contains("saved"), "the first save completed: " + lines);
        assertEquals(1, temporaryFiles().size(), "the kill left the interrupted save's temporary file");
        assertAllWeightsEqual(1, Sequential.load(file));
    }
}
