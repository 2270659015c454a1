package org.backprop4j.examples.playground;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Regularizers;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.RMSprop;
import org.backprop4j.optim.SGD;

/**
 * One playground run's settings, checked: every request that configures a run goes through
 * {@link #parse}, which refuses unknown names, numbers that are not finite, and anything outside the
 * caps below, with a message that says what is allowed.
 *
 * <p>The model: {@code Dense(units_1, 2, activation)}, ..., {@code Dense(1, "sigmoid")}, each with an
 * L2 penalty {@code l2 * sum(kernel^2)} on its kernel when {@code l2 > 0}, trained on mean squared
 * error (as docs/backprop-by-hand.md) with the chosen optimizer.
 *
 * @param dataset one of {@link PlaneData#NAMES}
 * @param noise standard deviation of the noise added to each coordinate, 0 to {@value #MAX_NOISE}
 * @param samples points in all, {@value #MIN_SAMPLES} to {@value #MAX_SAMPLES}
 * @param testFraction share held out for testing, 0.1 to 0.9
 * @param hidden units per hidden layer, at most {@value #MAX_LAYERS} layers of at most {@value #MAX_UNITS}
 * @param activation of the hidden layers: tanh, sigmoid, relu or linear
 * @param learningRate above 0, at most {@value #MAX_LEARNING_RATE}
 * @param batchSize rows per step, 1 to the number of training points
 * @param optimizer sgd, momentum (SGD with momentum 0.9), adam or rmsprop
 * @param l2 the kernels' L2 factor, 0 to 1
 * @param seed seed of the data, the weights and the shuffling
 */
public record Settings(String dataset, double noise, int samples, double testFraction, int[] hidden,
                       String activation, double learningRate, int batchSize, String optimizer, double l2,
                       long seed) {

    public static final int MAX_LAYERS = 6;
    public static final int MAX_UNITS = 8;
    public static final int MIN_SAMPLES = 20;
    public static final int MAX_SAMPLES = 1000;
    public static final double MAX_NOISE = 0.5;
    public static final double MAX_LEARNING_RATE = 10;
    public static final List<String> ACTIVATIONS = List.of("tanh", "sigmoid", "relu", "linear");
    public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "adam", "rmsprop");
    private static final Set<String> KEYS = Set.of("dataset", "noise", "samples", "testFraction", "hidden",
            "activation", "learningRate", "batchSize", "optimizer", "l2", "seed");

    /** The page's defaults: XOR, 200 points, two hidden tanh layers of 4, SGD at 0.3, batch 10. */
    public static Settings defaults() {
        return new Settings("xor", 0.0, 200, 0.5, new int[] {4, 2}, "tanh", 0.3, 10, "sgd", 0.0, 1L);
    }

    /**
     * Settings from a request's parameters; a missing one keeps its {@link #defaults()} value.
     *
     * @throws IllegalArgumentException naming the first bad parameter and what it may be
     */
    public static Settings parse(Map<String, String> parameters) {
        for (String key : parameters.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown parameter '" + clip(key) + "'; the parameters are " + KEYS);
            }
        }
        Settings d = defaults();
        String dataset = choice(parameters, "dataset", d.dataset, PlaneData.NAMES);
        double noise = number(parameters, "noise", d.noise, 0, MAX_NOISE);
        int samples = (int) number(parameters, "samples", d.samples, MIN_SAMPLES, MAX_SAMPLES);
        double testFraction = number(parameters, "testFraction", d.testFraction, 0.1, 0.9);
        int[] hidden = parameters.containsKey("hidden") ? hidden(parameters.get("hidden")) : d.hidden;
        String activation = choice(parameters, "activation", d.activation, ACTIVATIONS);
        double learningRate = number(parameters, "learningRate", d.learningRate, 0, MAX_LEARNING_RATE);
        if (learningRate == 0) {
            throw new IllegalArgumentException("learningRate must be above 0, got 0");
        }
        int trainCount = samples - Math.max(1, (int) Math.round(testFraction * samples));
        int batchSize = (int) number(parameters, "batchSize", Math.min(d.batchSize, trainCount), 1, trainCount);
        String optimizer = choice(parameters, "optimizer", d.optimizer, OPTIMIZERS);
        double l2 = number(parameters, "l2", d.l2, 0, 1);
        long seed = (long) number(parameters, "seed", d.seed, -1e15, 1e15);
        requireWhole(parameters, "samples", "batchSize", "seed");
        return new Settings(dataset, noise, samples, testFraction, hidden, activation, learningRate, batchSize,
                optimizer, l2, seed);
    }

    /** The data set these settings draw. */
    public PlaneData data() {
        return PlaneData.generate(dataset, samples, noise, testFraction, seed);
    }

    /** The seeded, compiled model. */
    public Sequential model() {
        Sequential model = new Sequential(seed);
        int inputs = 2;
        for (int units : hidden) {
            model.add(penalised(new Dense(units, inputs, activation)));
            inputs = -1;
        }
        model.add(penalised(new Dense(1, inputs, "sigmoid")));
        return model.compile("mean_squared_error", optimizerInstance(), "accuracy");
    }

    private Dense penalised(Dense dense) {
        return l2 > 0 ? dense.kernelRegularizer(Regularizers.l2(l2)) : dense;
    }

    private Optimizer optimizerInstance() {
        return switch (optimizer) {
            case "momentum" -> new SGD(learningRate, 0.9, false);
            case "adam" -> new Adam(learningRate);
            case "rmsprop" -> new RMSprop(learningRate);
            default -> new SGD(learningRate);
        };
    }

    /** The settings as the page shows them back. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dataset", dataset);
        map.put("noise", noise);
        map.put("samples", samples);
        map.put("testFraction", testFraction);
        map.put("hidden", Arrays.stream(hidden).boxed().toList());
        map.put("activation", activation);
        map.put("learningRate", learningRate);
        map.put("batchSize", batchSize);
        map.put("optimizer", optimizer);
        map.put("l2", l2);
        map.put("seed", seed);
        return map;
    }

    private static String choice(Map<String, String> parameters, String key, String fallback, List<String> allowed) {
        String value = parameters.get(key);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(key + " must be one of " + allowed + ", got '" + clip(value) + "'");
        }
        return value;
    }

    private static double number(Map<String, String> parameters, String key, double fallback, double min, double max) {
        String text = parameters.get(key);
        if (text == null) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + clip(text) + "'");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " must be a finite number, got " + clip(text));
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + plain(min) + " and " + plain(max)
                    + ", got " + clip(text));
        }
        return value;
    }

    private static void requireWhole(Map<String, String> parameters, String... keys) {
        for (String key : keys) {
            String text = parameters.get(key);
            if (text != null && Double.parseDouble(text.trim()) != Math.rint(Double.parseDouble(text.trim()))) {
                throw new IllegalArgumentException(key + " must be a whole number, got " + clip(text));
            }
        }
    }

    /** "4,2" -> {4, 2}; "" -> no hidden layer. */
    private static int[] hidden(String text) {
        List<Integer> units = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank() && text.isBlank()) {
                break;
            }
            try {
                units.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hidden must be units per layer separated by commas, e.g. 4,2; got '"
                        + clip(text) + "'");
            }
        }
        if (units.size() > MAX_LAYERS) {
            throw new IllegalArgumentException("At most " + MAX_LAYERS + " hidden layers, got " + units.size());
        }
        for (int u : units) {
            if (u < 1 || u > MAX_UNITS) {
                throw new IllegalArgumentException("A hidden layer has 1 to " + MAX_UNITS + " units, got " + u);
            }
        }
        return units.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** At most 40 characters of a value for a message, without control characters. */
    private static String clip(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Settings s && toMap().equals(s.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "Settings" + toMap();
    }
}
