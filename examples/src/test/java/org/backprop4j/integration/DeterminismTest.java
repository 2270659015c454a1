package org.backprop4j.integration;

import static org.backprop4j.integration.Fixtures.sameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same data, same settings: the same bits in two separate JVMs, and in this one. */
class DeterminismTest {

    @TempDir
    Path dir;

    @Test
    void twoJvmsTrainTheSameWeightsAndHistory() throws Exception {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        Process a = ChildJvm.start(TrainAndSave.class, first.toString());
        Process b = ChildJvm.start(TrainAndSave.class, second.toString());
        for (Process process : new Process[] {a, b}) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
            assertEquals(0, process.exitValue(), output);
        }

        byte[] modelA = Files.readAllBytes(first.resolve("model.bp4j"));
        assertArrayEquals(modelA, Files.readAllBytes(second.resolve("model.bp4j")), "byte-identical model files");
        String historyA = Files.readString(first.resolve("history.txt"));
        assertEquals(historyA, Files.readString(second.resolve("history.txt")), "bit-identical History");
        assertTrue(historyA.startsWith("loss ") && historyA.contains("val_accuracy "), historyA);

        Map.Entry<Sequential, History> here = TrainAndSave.train();
        assertEquals(historyA, TrainAndSave.exactly(here.getValue()), "this JVM too");
        assertTrue(sameBits(here.getKey().getWeights(), Sequential.load(first.resolve("model.bp4j")).getWeights()));
    }

    @Test
    void theDeterminismCheckWouldSeeAnotherSeed() throws IOException {
        Map.Entry<Sequential, History> run = TrainAndSave.train();
        Sequential other = Fixtures.classifier(8, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        assertTrue(!sameBits(run.getKey().getWeights(), other.getWeights()));
    }
}
