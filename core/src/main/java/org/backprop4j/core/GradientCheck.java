package org.backprop4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.internal.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks backpropagation against central differences: for every weight w,
 * <pre>
 *   numeric = (L(w + eps) - L(w - eps)) / (2 eps)
 *   relative error = |analytic - numeric| / max(|analytic|, |numeric|)
 * </pre>
 * where L is the model's mean loss on the given data and {@code analytic} comes from
 * {@link Sequential#gradients}. Errors whose absolute difference is below {@link #ABSOLUTE_FLOOR}
 * count as 0 (both sides are then round-off). Needs a DOUBLE model; every weight is restored.
 *
 * <p>Threads: it nudges the model's weights and puts them back, so run it only while no other
 * thread uses the model.
 */
public final class GradientCheck {

    /** Default step. */
    public static final double EPSILON = 1e-6;
    /** Absolute differences below this are round-off and count as no error. */
    public static final double ABSOLUTE_FLOOR = 1e-10;

    private GradientCheck() {
    }

    /** The worst relative error of each parameter array, keyed {@code "dense/kernel"}. */
    public static final class Result {
        private final Map<String, Double> worst;

        Result(Map<String, Double> worst) {
            this.worst = Collections.unmodifiableMap(worst);
        }

        /** Worst relative error per parameter array, in weight order. */
        public Map<String, Double> worstRelativeErrors() {
            return worst;
        }

        /** The worst over all arrays. */
        public double maxRelativeError() {
            return worst.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        @Override
        public String toString() {
            return "GradientCheck" + worst;
        }
    }

    /** {@link #check(Sequential, INDArray, INDArray, double)} with {@link #EPSILON}. */
    public static Result check(Sequential model, INDArray x, INDArray y) {
        return check(model, x, y, EPSILON);
    }

    /**
     * Compares every analytic gradient of a compiled DOUBLE model with its central difference.
     *
     * @throws IllegalStateException for a FLOAT model (its round-off swamps the differences)
     */
    public static Result check(Sequential model, INDArray x, INDArray y, double epsilon) {
        if (model.dataType() != DataType.DOUBLE) {
            throw new IllegalStateException("Gradient checks need a DOUBLE model, got " + model.dataType());
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        List<INDArray> analytic = model.gradients(x, y);
        List<INDArray> parameters = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Parameter parameter : model.parameters()) {
            parameters.add(parameter.trainable() ? parameter.value() : null); // non-trainable: not differentiated
            names.add(parameter.name());
        }
        Map<String, Double> worst = new LinkedHashMap<>();
        for (int p = 0; p < parameters.size(); p++) {
            INDArray parameter = parameters.get(p);
            if (parameter == null) {
                continue;
            }
            INDArray flatGradient = analytic.get(p).reshape(parameter.length());
            double worstError = 0;
            for (long i = 0; i < parameter.length(); i++) {
                long[] index = parameter.rank() == 1 ? new long[] {i}
                        : new long[] {i / parameter.columns(), i % parameter.columns()};
                double original = parameter.getDouble(index);
                parameter.putScalar(index, original + epsilon);
                double plus = model.evaluate(x, y).get("loss");
                parameter.putScalar(index, original - epsilon);
                double minus = model.evaluate(x, y).get("loss");
                parameter.putScalar(index, original);
                double numeric = (plus - minus) / (2 * epsilon);
                double exact = flatGradient.getDouble(i);
                double difference = Math.abs(exact - numeric);
                double error = difference < ABSOLUTE_FLOOR ? 0 : difference / Math.max(Math.abs(exact), Math.abs(numeric));
                worstError = Math.max(worstError, error);
            }
            worst.put(names.get(p), worstError);
        }
        return new Result(worst);
    }
}
