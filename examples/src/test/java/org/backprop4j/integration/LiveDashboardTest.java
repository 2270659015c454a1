package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.callbacks.LiveDashboard;
import org.backprop4j.core.callbacks.TrainingHealth;
import org.backprop4j.examples.Xor;
import org.backprop4j.examples.playground.Http;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link LiveDashboard}: what it serves for a fit, and whom it refuses. */
class LiveDashboardTest {

    @Test
    @SuppressWarnings("unchecked")
    void servesEveryEpochsLogsBatchesLearningRateAndHealth() throws IOException {
        INDArray x = Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0, 0}, {1, 1}});
        INDArray y = Nd4j.create(new double[][] {{0}, {1}, {1}, {0}, {0}, {0}});
        Sequential model = Xor.buildModel(Xor.SEED, Xor.LEARNING_RATE);
        TrainingHealth health = new TrainingHealth(x, y);
        try (LiveDashboard dashboard = new LiveDashboard().watch(health)) {
            URI url = dashboard.url();
            assertTrue(url.toString().matches("http://127\\.0\\.0\\.1:\\d+/"), url.toString());
            assertEquals("waiting for fit", Http.get(url, "/data").json().get("status"));

            History history = model.fit(x, y, new FitOptions().epochs(5).batchSize(2).verbose(0).validationSplit(0.34)
                    .callbacks(health, dashboard));

            Http.Response response = Http.get(url, "/data");
            assertEquals(200, response.status());
            Map<String, Object> data = response.json();
            assertEquals("finished", data.get("status"));
            assertTrue(((String) data.get("model")).startsWith("Sequential(dense Dense(2 -> 2)"));
            List<Map<String, Object>> epochs = (List<Map<String, Object>>) data.get("epochs");
            assertEquals(5, epochs.size());
            for (int e = 0; e < 5; e++) {
                Map<String, Object> logs = (Map<String, Object>) epochs.get(e).get("logs");
                assertEquals(history.get("loss").get(e), ((Number) logs.get("loss")).doubleValue(), 0);
                assertEquals(history.get("val_loss").get(e), ((Number) logs.get("val_loss")).doubleValue(), 0);
                assertEquals(history.get("val_accuracy").get(e), ((Number) logs.get("val_accuracy")).doubleValue(), 0);
                assertEquals(1.0, ((Number) epochs.get(e).get("learningRate")).doubleValue(), 0);
            }
            List<Map<String, Object>> batches = (List<Map<String, Object>>) data.get("batches");
            assertEquals(10, batches.size(), "4 training rows in batches of 2: 2 steps in each of 5 epochs");
            assertEquals(10, ((Number) batches.get(9).get("step")).intValue());
            List<Map<String, Object>> records = (List<Map<String, Object>>) data.get("health");
            assertEquals(health.records().size(), records.size());
            assertEquals(20, records.size(), "4 layers, 5 epochs");
            assertEquals(health.records().get(0).gradientNorm(), ((Number) records.get(0).get("gradientNorm")).doubleValue(), 0);

            Http.Response page = Http.get(url, "/");
            assertTrue(page.body().contains("backprop4j live dashboard"));
            assertEquals(200, Http.get(url, "/dashboard.js").status());
        }
    }

    @Test
    void refusesForeignPagesHostsAndWrites() throws IOException {
        try (LiveDashboard dashboard = new LiveDashboard()) {
            URI url = dashboard.url();
            Http.Response foreign = Http.request(url, "GET", "/data", null, Map.of("Origin", "https://evil.example"));
            assertEquals(403, foreign.status());
            assertEquals("Refused: a page from https://evil.example may not use this local server", foreign.body());
            Http.Response rebound = Http.request(url, "GET", "/data", null, Map.of("Host", "evil.example:" + url.getPort()));
            assertEquals(403, rebound.status());
            assertTrue(rebound.body().startsWith("Refused: the Host header 'evil.example:"), rebound.body());
            assertEquals(405, Http.request(url, "POST", "/data", "", Map.of()).status());
            assertEquals(404, Http.get(url, "/secret").status());
            assertEquals(200, Http.request(url, "GET", "/data", null,
                    Map.of("Origin", "http://localhost:" + url.getPort(), "Host", "localhost:" + url.getPort())).status());
            dashboard.close();
            assertThrows(ConnectException.class, () -> Http.get(url, "/data"), "close() stops the server");
        }
        assertThrows(IllegalArgumentException.class, () -> new LiveDashboard(70000));
    }
}
