package org.backprop4j.examples.playground;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One page's training run. Everything that touches the model runs on the session's own worker
 * thread, one task at a time: training ticks (while playing, about {@value #TICK_MILLIS} ms of
 * one-epoch {@code fit} calls, then a new {@link #state()} snapshot), a step, a new configuration, and
 * Step mode's inspections; the server's threads only read the latest snapshot. Closing the session
 * (the page went away, or the server stops) ends its thread.
 */
final class Session {

    /** Heat maps are drawn on a GRID x GRID raster over [-1, 1]^2. */
    static final int GRID = 32;
    /** Training time per tick before the page gets a new picture. */
    static final int TICK_MILLIS = 40;
    /** Playing stops by itself after this many epochs. */
    static final int MAX_EPOCHS = 100_000;
    /** The most points a loss curve keeps; beyond it every second one is dropped. */
    static final int MAX_CURVE_POINTS = 1000;

    private final String id;
    private final ScheduledExecutorService worker;
    private volatile long lastSeen = System.nanoTime();
    private volatile boolean playing;
    private volatile Map<String, Object> state = Map.of();

    // the worker thread's own
    private Settings settings;
    private PlaneData data;
    private Sequential model;
    private INDArray xTrain;
    private INDArray yTrain;
    private INDArray xTest;
    private INDArray yTest;
    private final INDArray grid = grid();
    private int epoch;
    private long version;
    private int curveStride = 1;
    private final List<double[]> curve = new ArrayList<>();    // {epoch, train loss, test loss}
    private double[] latest = new double[4];                    // train loss, test loss, train acc, test acc
    private String status = "ready";

    Session(String id, Settings settings) {
        this.id = id;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "playground-" + id.substring(0, 6));
            thread.setDaemon(true);
            return thread;
        });
        call(() -> {
            configureNow(settings);
            return null;
        });
    }

    String id() {
        return id;
    }

    /** Notes that the page is still there. */
    void touch() {
        lastSeen = System.nanoTime();
    }

    /** Seconds since the page last asked for anything. */
    double idleSeconds() {
        return (System.nanoTime() - lastSeen) / 1e9;
    }

    boolean playing() {
        return playing;
    }

    /** The latest snapshot (see {@link #snapshot()}). */
    Map<String, Object> state() {
        return state;
    }

    /** A new run with {@code settings}: new data, new weights, empty curves, paused. */
    Map<String, Object> configure(Settings settings) {
        playing = false;
        return call(() -> {
            configureNow(settings);
            return dataMapNow();
        });
    }

    /** The points and the settings of the current run, for the page to draw. */
    Map<String, Object> dataMap() {
        return call(this::dataMapNow);
    }

    private Map<String, Object> dataMapNow() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("session", id);
        map.put("settings", settings.toMap());
        map.put("x", data.x());
        map.put("y", data.y());
        map.put("trainCount", data.trainCount());
        return map;
    }

    void play() {
        if (!playing) {
            playing = true;
            worker.execute(this::tick);
        }
    }

    void pause() {
        playing = false;
        call(() -> {
            status = "paused";
            snapshot();
            return null;
        });
    }

    /** Pauses, then trains one epoch and takes a snapshot. */
    void step() {
        playing = false;
        call(() -> {
            trainEpoch();
            status = "paused";
            snapshot();
            return null;
        });
    }

    /** Step mode's numbers (see {@link Inspector}), computed on the paused model. */
    Map<String, Object> inspect(int layer, int unit, int from, int sample) {
        if (playing) {
            throw new IllegalStateException("Pause first: Step mode shows the numbers of the paused network");
        }
        return call(() -> new Inspector(model, settings, data).inspect(layer, unit, from, sample));
    }

    /** Stops training and the worker thread. */
    void close() {
        playing = false;
        worker.shutdownNow();
    }

    /** The model, for tests: read it only while paused. */
    Sequential model() {
        return call(() -> model);
    }

    private void tick() {
        if (!playing) {
            return;
        }
        long end = System.nanoTime() + TICK_MILLIS * 1_000_000L;
        do {
            trainEpoch();
        } while (playing && System.nanoTime() < end && epoch < MAX_EPOCHS);
        if (epoch >= MAX_EPOCHS && playing) {
            playing = false;
            status = "stopped at the limit of " + MAX_EPOCHS + " epochs";
        } else {
            status = playing ? "training" : "paused";
        }
        snapshot();
        if (playing) {
            worker.schedule(this::tick, 15, TimeUnit.MILLISECONDS);   // leaves the page's requests room
        }
    }

    private void configureNow(Settings newSettings) {
        settings = newSettings;
        data = newSettings.data();
        model = newSettings.model();
        xTrain = Nd4j.create(data.trainX());
        yTrain = Nd4j.create(data.trainY());
        xTest = Nd4j.create(data.testX());
        yTest = Nd4j.create(data.testY());
        epoch = 0;
        curve.clear();
        curveStride = 1;
        status = "ready: press Play or Step";
        measure();
        snapshot();
    }

    private void trainEpoch() {
        model.fit(xTrain, yTrain, new FitOptions().epochs(1).batchSize(settings.batchSize()).verbose(0));
        epoch++;
        measure();
    }

    /** The losses and accuracies after the current epoch, and a point of the curves. */
    private void measure() {
        Map<String, Double> train = model.evaluate(xTrain, yTrain);
        Map<String, Double> test = model.evaluate(xTest, yTest);
        latest = new double[] {train.get("loss"), test.get("loss"), train.get("accuracy"), test.get("accuracy")};
        if (epoch % curveStride == 0) {
            curve.add(new double[] {epoch, latest[0], latest[1]});
            if (curve.size() >= MAX_CURVE_POINTS) {
                curveStride *= 2;
                curve.removeIf(point -> (long) point[0] % curveStride != 0);
            }
        }
    }

    /**
     * A new state for the page: epoch, status, losses, the curves, every Dense layer's weights, and
     * every layer's outputs over the grid as heat maps (one per unit: bytes 0..255 for the range
     * {@code [lo, hi]}, base64).
     */
    private void snapshot() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("session", id);
        map.put("version", ++version);
        map.put("epoch", epoch);
        map.put("playing", playing);
        map.put("status", status);
        map.put("trainLoss", finite(latest[0]));
        map.put("testLoss", finite(latest[1]));
        map.put("trainAccuracy", finite(latest[2]));
        map.put("testAccuracy", finite(latest[3]));
        map.put("curve", curve.stream().map(p -> new Object[] {(int) p[0], finite(p[1]), finite(p[2])}).toList());
        List<Map<String, Object>> layers = new ArrayList<>();
        List<INDArray> outputs = model.layerOutputs(grid);
        List<Layer> modelLayers = model.getLayers();
        for (int l = 0; l < modelLayers.size(); l++) {
            Dense dense = (Dense) modelLayers.get(l);
            Map<String, Object> layer = new LinkedHashMap<>();
            String activation = dense.activation() == null ? "linear" : dense.activation().name();
            layer.put("activation", activation);
            layer.put("kernel", dense.kernel().toDoubleMatrix());
            layer.put("bias", dense.bias().toDoubleVector());
            layer.put("maps", heatMaps(outputs.get(l), activation));
            layers.add(layer);
        }
        map.put("layers", layers);
        map.put("grid", GRID);
        state = map;
    }

    private static List<Map<String, Object>> heatMaps(INDArray outputs, String activation) {
        double[][] values = outputs.toDoubleMatrix();          // (GRID * GRID, units)
        List<Map<String, Object>> maps = new ArrayList<>();
        for (int unit = 0; unit < outputs.columns(); unit++) {
            double lo;
            double hi;
            if (activation.equals("sigmoid")) {
                lo = 0;
                hi = 1;
            } else if (activation.equals("tanh")) {
                lo = -1;
                hi = 1;
            } else {
                double largest = 1e-9;
                for (double[] row : values) {
                    largest = Math.max(largest, Double.isFinite(row[unit]) ? Math.abs(row[unit]) : 0);
                }
                lo = -largest;
                hi = largest;
            }
            byte[] bytes = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                double v = values[i][unit];
                double t = Double.isFinite(v) ? (v - lo) / (hi - lo) : 0.5;
                bytes[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, t)));
            }
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("lo", lo);
            map.put("hi", hi);
            map.put("data", Base64.getEncoder().encodeToString(bytes));
            maps.add(map);
        }
        return maps;
    }

    /** The raster: row r (top to bottom, x2 from 1 to -1), column c (x1 from -1 to 1), cell centres. */
    private static INDArray grid() {
        double[][] points = new double[GRID * GRID][];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                points[r * GRID + c] = new double[] {-1 + (c + 0.5) * 2.0 / GRID, 1 - (r + 0.5) * 2.0 / GRID};
            }
        }
        return Nd4j.create(points);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** Runs {@code task} on the worker and waits for it (at most 20 s). */
    private <T> T call(Callable<T> task) {
        try {
            return worker.submit(task).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("The training thread did not answer within 20 s");
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("This playground page's session has ended; reload the page");
        }
    }
}
