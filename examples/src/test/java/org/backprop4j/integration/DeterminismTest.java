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

/** Same seed, same data, same settings: the same bits in a separate JVM as in this one. */
class DeterminismTest {

    @TempDir
    Path dir;

    @Test
    void aSecondJvmTrainsTheSameWeightsAndHistory() throws Exception {
        Path child = Files.createDirectory(dir.resolve("child"));
        Process process = ChildJvm.start(TrainAndSave.class, child.toString());

        // meanwhile, the same run in this JVM (which has run other tests: other JIT state, other history)
        Map.Entry<Sequential, History> here = TrainAndSave.train();
        Path hereFile = dir.resolve("here.bp4j");
        here.getKey().save(hereFile);

        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, process.exitValue(), output);

        assertArrayEquals(Files.readAllBytes(hereFile), Files.readAllBytes(child.resolve("model.bp4j")),
                "byte-identical model files: weights, optimizer state, random state");
        String history = Files.readString(child.resolve("history.txt"));
        assertTrue(history.startsWith("loss ") && history.contains("val_accuracy "), history);
        assertEquals(TrainAndSave.exactly(here.getValue()), history, "bit-identical History");
        assertTrue(sameBits(here.getKey().getWeights(), Sequential.load(child.resolve("model.bp4j")).getWeights()));
    }

    @Test
    void theDeterminismCheckWouldSeeAnotherSeed() throws IOException {
        Map.Entry<Sequential, History> run = TrainAndSave.train();
        Sequential other = Fixtures.classifier(8, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        assertTrue(!sameBits(run.getKey().getWeights(), other.getWeights()));
    }
}
