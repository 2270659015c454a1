package org.backprop4j.core.callbacks;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Callback;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TrainingContext;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watch any {@code fit} in the browser, as Keras users watch TensorBoard: a local web page with the
 * loss and every metric per batch and per epoch, the validation scores, the learning rate, and, when
 * given a {@link TrainingHealth}, its per-layer numbers and warnings.
 * <pre>{@code
 * TrainingHealth health = new TrainingHealth(x, y);
 * try (LiveDashboard dashboard = new LiveDashboard().watch(health)) {
 *     System.out.println("Dashboard: " + dashboard.url());        // http://127.0.0.1:PORT/
 *     model.fit(x, y, new FitOptions().epochs(50).validationSplit(0.2).callbacks(health, dashboard));
 * }
 * }</pre>
 * The server ({@code jdk.httpserver}, part of the JDK) starts with {@link #url()} or the first
 * {@code fit}, listens on 127.0.0.1 only, answers only GET requests that name it as their host
 * and come from its own page, and runs on daemon threads: it stops with {@link #close()}, or when
 * the program ends. The page polls {@code /data} (JSON) twice a second.
 *
 * <p>Epochs and batches are counted over every {@code fit} the instance is given to, so a loop of
 * one-epoch fits draws one curve. Per-batch points (the running mean over the epoch so far, as
 * {@code fit}'s progress bar shows) are thinned to at most {@value #MAX_BATCH_POINTS} by keeping
 * every second one whenever the limit is reached. Threads: the callback methods run on {@code fit}'s
 * thread, the server reads under the same lock.
 */
public final class LiveDashboard implements Callback, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveDashboard.class);

    /** The most per-batch points kept; beyond it every second one is dropped. */
    public static final int MAX_BATCH_POINTS = 4000;

    private final int port;
    private final ObjectMapper json = new ObjectMapper();
    private DashboardServer server;
    private TrainingHealth health;
    private Sequential model;

    // what the page shows, guarded by this
    private final List<Map<String, Object>> epochs = new ArrayList<>();
    private final List<Map<String, Object>> batches = new ArrayList<>();
    private final List<Map<String, Object>> healthRecords = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String status = "waiting for fit";
    private String description = "";
    private int epochCount;
    private int epochInFit;
    private long step;
    private int batchStride = 1;
    private long epochStart;

    /** A dashboard on a free port, chosen when it starts. */
    public LiveDashboard() {
        this(0);
    }

    /**
     * A dashboard on {@code port} of 127.0.0.1 (0: a free one).
     *
     * @throws IllegalArgumentException for a port outside 0..65535
     */
    public LiveDashboard(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("A port is 0 (any free one) to 65535, got " + port);
        }
        this.port = port;
    }

    /**
     * Shows {@code health}'s records and warnings too; give {@code health} to the same {@code fit},
     * before this dashboard in the callback list, so each epoch's records are there when it reads them.
     *
     * @return this dashboard
     */
    public synchronized LiveDashboard watch(TrainingHealth health) {
        if (health == null) {
            throw new IllegalArgumentException("watch needs a TrainingHealth, got null");
        }
        this.health = health;
        return this;
    }

    /**
     * The page's address, {@code http://127.0.0.1:PORT/}; starts the server if it is not running.
     *
     * @throws java.io.UncheckedIOException if the port cannot be bound
     */
    public synchronized URI url() {
        if (server == null) {
            server = new DashboardServer(port, this::data);
            log.info("Live dashboard: {}", server.url());
        }
        return server.url();
    }

    /** Stops the server (the page then stops updating); the recorded numbers stay, and {@link #url()} restarts it. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void onTrainBegin(TrainingContext training) {
        url();
        synchronized (this) {
            model = training.model();
            description = model.toString();
            status = "training";
            epochInFit = 0;
        }
    }

    @Override
    public synchronized void onEpochBegin(int epoch) {
        epochStart = System.nanoTime();
    }

    @Override
    public synchronized void onBatchEnd(int batch, Map<String, Double> logs) {
        step++;
        if (step % batchStride != 0) {
            return;
        }
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("step", step);
        point.put("epoch", epochCount + 1);
        point.put("batch", batch);
        point.put("logs", finite(logs));
        batches.add(point);
        if (batches.size() >= MAX_BATCH_POINTS) {
            batchStride *= 2;
            batches.removeIf(p -> ((Long) p.get("step")) % batchStride != 0);
        }
    }

    @Override
    public synchronized void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochCount++;
        epochInFit = epoch;
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("epoch", epochCount);
        record.put("logs", finite(logs));
        record.put("learningRate", model.optimizer() == null ? null : finite(model.optimizer().learningRate()));
        record.put("seconds", (System.nanoTime() - epochStart) / 1e9);
        record.put("steps", step);
        epochs.add(record);
        readHealth();
    }

    @Override
    public synchronized void onTrainEnd(History history) {
        readHealth();
        status = history.stopReason() == History.StopReason.COMPLETED ? "finished"
                : "stopped after epoch " + epochCount + ": " + history.stopMessage();
        log.debug("LiveDashboard: fit ended after {} of its epochs ({} in all)", epochInFit, epochCount);
    }

    /** Copies the health records and warnings not copied yet. */
    private void readHealth() {
        if (health == null) {
            return;
        }
        List<LayerHealth> records = health.records();
        for (int i = healthRecords.size(); i < records.size(); i++) {
            LayerHealth h = records.get(i);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("epoch", h.epoch());
            record.put("layer", h.layer());
            record.put("activation", h.activation());
            record.put("updateRatio", finite(h.updateRatio()));
            record.put("gradientNorm", finite(h.gradientNorm()));
            record.put("saturated", finite(h.saturatedFraction()));
            record.put("dead", finite(h.deadFraction()));
            healthRecords.add(record);
        }
        List<TrainingHealth.Warning> found = health.warnings();
        for (int i = warnings.size(); i < found.size(); i++) {
            warnings.add(found.get(i).message());
        }
    }

    /**
     * Everything the page shows, as JSON: {@code status}, {@code model}, {@code epochs} (each with
     * {@code epoch}, {@code logs}, {@code learningRate}, {@code seconds}, {@code steps}),
     * {@code batches} ({@code step}, {@code epoch}, {@code batch}, {@code logs}), {@code health}
     * (one record per layer and epoch) and {@code warnings}. Non-finite numbers are null.
     */
    public synchronized String data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status);
        data.put("model", description);
        data.put("epochs", epochs);
        data.put("batches", batches);
        data.put("health", healthRecords);
        data.put("warnings", warnings);
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("LiveDashboard could not write its data as JSON", e);
        }
    }

    /** {@code logs} with NaN and infinities as null: JSON has no such numbers. */
    private static Map<String, Object> finite(Map<String, Double> logs) {
        Map<String, Object> copy = new LinkedHashMap<>();
        logs.forEach((key, value) -> copy.put(key, finite(value)));
        return copy;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
