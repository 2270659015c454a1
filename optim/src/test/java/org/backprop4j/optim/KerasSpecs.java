package org.backprop4j.optim;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Optimizer;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Reads the reference fixtures ({@code src/test/resources/reference}) and turns their Keras-style
 * specs ({@code {"class": "Adam", "learning_rate": ..., "beta_1": ...}}) into this module's objects.
 */
public final class KerasSpecs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasSpecs() {
    }

    /** The parsed fixture {@code reference/<name>}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fixture(String name) throws IOException {
        try (InputStream in = KerasSpecs.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource reference/" + name);
            }
            return JSON.readValue(in, Map.class);
        }
    }

    static double number(Map<String, Object> spec, String key, double otherwise) {
        Object value = spec.get(key);
        return value == null ? otherwise : ((Number) value).doubleValue();
    }

    static boolean bool(Map<String, Object> spec, String key) {
        return Boolean.TRUE.equals(spec.get(key));
    }

    /** A Keras schedule spec as a {@link LearningRateSchedule}. */
    @SuppressWarnings("unchecked")
    public static LearningRateSchedule schedule(Map<String, Object> spec) {
        String kind = (String) spec.get("class");
        return switch (kind) {
            case "ExponentialDecay" -> new ExponentialDecay(number(spec, "initial_learning_rate", 0),
                    ((Number) spec.get("decay_steps")).longValue(), number(spec, "decay_rate", 0), bool(spec, "staircase"));
            case "InverseTimeDecay" -> new InverseTimeDecay(number(spec, "initial_learning_rate", 0),
                    ((Number) spec.get("decay_steps")).longValue(), number(spec, "decay_rate", 0), bool(spec, "staircase"));
            case "PiecewiseConstantDecay" -> {
                List<Number> boundaries = (List<Number>) spec.get("boundaries");
                List<Number> values = (List<Number>) spec.get("values");
                yield new PiecewiseConstantDecay(boundaries.stream().mapToLong(Number::longValue).toArray(),
                        values.stream().mapToDouble(Number::doubleValue).toArray());
            }
            case "CosineDecay" -> new CosineDecay(number(spec, "initial_learning_rate", 0),
                    ((Number) spec.get("decay_steps")).longValue(), number(spec, "alpha", 0),
                    spec.get("warmup_target") == null ? null : number(spec, "warmup_target", 0),
                    spec.get("warmup_steps") == null ? 0 : ((Number) spec.get("warmup_steps")).longValue());
            default -> throw new IllegalArgumentException("unknown schedule " + kind);
        };
    }

    /** A Keras optimizer spec (Keras' argument names and defaults) as an {@link Optimizer}. */
    @SuppressWarnings("unchecked")
    public static Optimizer optimizer(Map<String, Object> spec) {
        Object rate = spec.get("learning_rate");
        LearningRateSchedule schedule = rate instanceof Map ? schedule((Map<String, Object>) rate) : null;
        double lr = rate instanceof Number number ? number.doubleValue() : 0;
        String kind = (String) spec.get("class");
        return switch (kind) {
            case "SGD" -> {
                double momentum = number(spec, "momentum", 0);
                boolean nesterov = bool(spec, "nesterov");
                yield schedule != null ? new SGD(schedule, momentum, nesterov)
                        : new SGD(rate == null ? 0.01 : lr, momentum, nesterov);
            }
            case "Adam" -> {
                double beta1 = number(spec, "beta_1", 0.9);
                double beta2 = number(spec, "beta_2", 0.999);
                double epsilon = number(spec, "epsilon", 1e-7);
                boolean amsgrad = bool(spec, "amsgrad");
                yield schedule != null ? new Adam(schedule, beta1, beta2, epsilon, amsgrad)
                        : new Adam(rate == null ? 0.001 : lr, beta1, beta2, epsilon, amsgrad);
            }
            case "RMSprop" -> {
                double rho = number(spec, "rho", 0.9);
                double momentum = number(spec, "momentum", 0);
                double epsilon = number(spec, "epsilon", 1e-7);
                boolean centered = bool(spec, "centered");
                yield schedule != null ? new RMSprop(schedule, rho, momentum, epsilon, centered)
                        : new RMSprop(rate == null ? 0.001 : lr, rho, momentum, epsilon, centered);
            }
            case "Adagrad" -> {
                double initial = number(spec, "initial_accumulator_value", 0.1);
                double epsilon = number(spec, "epsilon", 1e-7);
                yield schedule != null ? new Adagrad(schedule, initial, epsilon)
                        : new Adagrad(rate == null ? 0.001 : lr, initial, epsilon);
            }
            default -> throw new IllegalArgumentException("unknown optimizer " + kind);
        };
    }
}
