package org.backprop4j.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Wrote the model files of format versions 1 and 2 kept in {@code src/test/resources/.../formats}
 * (with the code of format version 2, before version 3 existed), and what their models predict
 * ({@code expected.json}), for {@link FormatVersionsTest}. Run once; kept to show how they were made:
 * {@code mvn -q test-compile exec:java -pl examples -Dexec.classpathScope=test
 * -Dexec.mainClass=org.backprop4j.integration.FormatFixtures -Dexec.args=DIRECTORY}.
 */
public final class FormatFixtures {

    private FormatFixtures() {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** The inputs the expected predictions are for. */
    static INDArray inputs() {
        return Fixtures.classification(10, 5)[0];
    }

    static Sequential sgd() {
        INDArray[] data = Fixtures.classification(40, 1);
        Sequential model = Fixtures.classifier(7, DataType.DOUBLE);
        model.fit(data[0], data[1], new FitOptions().epochs(2).batchSize(16).verbose(0));
        return model;
    }

    static Sequential adam() {
        INDArray[] data = Fixtures.classification(40, 2);
        Sequential model = new Sequential(11, DataType.DOUBLE);
        model.add(new Dense(8, Fixtures.INPUTS, "relu")).add(new Dropout(0.2)).add(new Dense(Fixtures.CLASSES, "softmax"));
        model.compile("categorical_crossentropy", new Adam(0.01), "accuracy");
        model.fit(data[0], data[1], new FitOptions().epochs(3).batchSize(16).verbose(0));
        return model;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map<String, Object> expected = new LinkedHashMap<>();
        Sequential sgd = sgd();
        sgd.save(dir.resolve("v2-sgd.bp4j"));
        Sequential adam = adam();
        adam.save(dir.resolve("v2-adam.bp4j"));
        versionOne(dir.resolve("v2-sgd.bp4j"), dir.resolve("v1-sgd.bp4j"));
        expected.put("sgd", rows(sgd.predict(inputs())));
        expected.put("adam", rows(adam.predict(inputs())));
        expected.put("sgdIterations", sgd.optimizer().iterations());
        expected.put("adamIterations", adam.optimizer().iterations());
        Files.write(dir.resolve("expected.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(expected));
    }

    private static List<List<Double>> rows(INDArray predictions) {
        List<List<Double>> rows = new ArrayList<>();
        for (int r = 0; r < predictions.rows(); r++) {
            List<Double> row = new ArrayList<>();
            for (int c = 0; c < predictions.columns(); c++) {
                row.add(predictions.getDouble(r, c));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The version-2 file of the SGD model rewritten as version 1 wrote it (see SaveLoadTest's version-1 test). */
    @SuppressWarnings("unchecked")
    private static void versionOne(Path v2, Path v1) throws IOException {
        try (ZipFile zip = new ZipFile(v2.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(v1))) {
            Map<String, Object> json = JSON.readValue(zip.getInputStream(zip.getEntry("model.json")), Map.class);
            json.put("formatVersion", 1);
            for (Object layer : (List<Object>) json.get("layers")) {
                Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) layer).get("config");
                config.remove("kernelInitializer");
                config.remove("biasInitializer");
            }
            Map<String, Object> compile = (Map<String, Object>) json.get("compile");
            compile.put("loss", ((Map<String, Object>) compile.get("loss")).get("type"));
            Map<String, Object> optimizer = (Map<String, Object>) compile.get("optimizer");
            optimizer.remove("iterations");
            Map<String, String> renamed = new LinkedHashMap<>();
            int i = 0;
            for (Object slot : (List<Object>) optimizer.get("state")) {
                Map<String, Object> state = (Map<String, Object>) slot;
                state.remove("slot");
                renamed.put((String) state.get("entry"), "optimizer/" + i + ".npy");
                state.put("entry", "optimizer/" + i++ + ".npy");
            }
            put(out, "model.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
            for (ZipEntry entry : zip.stream().toList()) {
                if (!entry.getName().equals("model.json")) {
                    put(out, renamed.getOrDefault(entry.getName(), entry.getName()), zip.getInputStream(entry).readAllBytes());
                }
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
