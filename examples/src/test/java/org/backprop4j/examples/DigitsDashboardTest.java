package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.callbacks.LiveDashboard;
import org.backprop4j.examples.playground.Http;
import org.junit.jupiter.api.Test;

/** The digits example with a {@link LiveDashboard}: the page's data is the run's. */
class DigitsDashboardTest {

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardServesTheDigitsRun() throws IOException {
        Digits.Settings settings = new Digits.Settings(3, Digits.BATCH_SIZE, Digits.LEARNING_RATE, Digits.MOMENTUM,
                Digits.SEED);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (LiveDashboard dashboard = new LiveDashboard()) {
            URI url = dashboard.url();
            Digits.Result result = Digits.run(settings, out, dashboard);

            Map<String, Object> data = Http.get(url, "/data").json();
            assertEquals("finished", data.get("status"));
            List<Map<String, Object>> epochs = (List<Map<String, Object>>) data.get("epochs");
            assertEquals(3, epochs.size(), "three one-epoch fits draw one curve");
            for (int e = 0; e < 3; e++) {
                Map<String, Object> logs = (Map<String, Object>) epochs.get(e).get("logs");
                assertEquals(e + 1, ((Number) epochs.get(e).get("epoch")).intValue());
                assertEquals(result.history().get("loss").get(e), ((Number) logs.get("loss")).doubleValue(), 0);
                assertEquals(result.history().get("test_loss").get(e), ((Number) logs.get("val_loss")).doubleValue(), 0,
                        "the validation data is the held-out part");
                assertEquals(result.history().get("test_accuracy").get(e),
                        ((Number) logs.get("val_accuracy")).doubleValue(), 0);
                assertEquals(Digits.LEARNING_RATE, ((Number) epochs.get(e).get("learningRate")).doubleValue(), 0);
            }
            int steps = (result.trainingSize() + Digits.BATCH_SIZE - 1) / Digits.BATCH_SIZE;
            assertEquals(3 * steps, ((List<?>) data.get("batches")).size());
            List<Map<String, Object>> health = (List<Map<String, Object>>) data.get("health");
            assertEquals(6, health.size(), "2 layers, 3 epochs");
            assertEquals(result.health().records().get(5).updateRatio(),
                    ((Number) health.get(5).get("updateRatio")).doubleValue(), 0);
            assertTrue(Http.get(url, "/").body().contains("<script src=\"dashboard.js\"></script>"));
        }
    }
}
