package org.backprop4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.core.internal.Values;
import org.backprop4j.onnx.OnnxGraph;
import org.backprop4j.onnx.OnnxLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3's preprocessing layer {@code Normalization(axis=-1)}: shifts and scales each input column
 * (feature) by a mean and a variance that are learnt from data by {@link #adapt(INDArray)} (or given to
 * the constructor), not by gradient descent.
 * <pre>
 *   std_j = max(sqrt(variance_j), 1e-7)                (1e-7: Keras' backend.epsilon())
 *   y_ij  = (x_ij - mean_j) / std_j                    dL/dx_ij = dL/dy_ij / std_j
 *   invert:  y_ij = mean_j + x_ij * std_j              dL/dx_ij = dL/dy_ij * std_j
 *   adapt(x):  mean_j = sum_i x_ij / n,   variance_j = sum_i (x_ij - mean_j)^2 / n   (biased, as numpy's var)
 * </pre>
 * Shapes: {@code (batchSize, n)} in and out; {@code mean}, {@code variance}: {@code (n)}.
 *
 * <p>Weights, as Keras' {@code get_weights()} order them: {@code mean (n)}, {@code variance (n)},
 * {@code count (1)}, all non-trainable (the optimizer never touches them, they are saved and loaded).
 * {@code count} is the number of rows the last {@link #adapt} saw; Keras 3 (3.15) creates the same
 * weight as a scalar of shape {@code ()} but leaves it at 0 when adapting an array. Here a count of 0 means "not adapted", and a
 * forward pass then fails with a message saying so (Keras would silently use mean 0, variance 1).
 * A layer given its mean and variance, as Keras' {@code Normalization(mean=..., variance=...)}, has no
 * weights (Keras': they live in its config) and cannot be adapted.
 *
 * <p>{@code adapt} may be called before the layer joins a model (as Keras users do: adapt, then
 * {@code Sequential([normalizer, Dense(...)])}); the layer then declares the adapted width as its
 * input size. It may be called again later: it replaces the statistics (not a running update).
 *
 * <p>Threads: {@code adapt} changes the weights in place without the model's lock: call it before
 * {@code fit} and {@code predict}, not beside them.
 */
public class Normalization extends Layer implements OnnxLayer {

    /** Keras' {@code backend.epsilon()}: the smallest standard deviation divided by. */
    public static final double EPSILON = 1e-7;

    private final double[] givenMean;      // null unless given to the constructor
    private final double[] givenVariance;
    private final boolean invert;
    /** adapt's results while the layer is not built yet (null otherwise). */
    private double[] pendingMean;
    private double[] pendingVariance;
    private long pendingCount;
    /** The input width a loaded config declares (-1: none). */
    private long declaredSize = -1;
    private INDArray mean;       // (n)
    private INDArray variance;   // (n)
    private INDArray count;      // (1), the adapted row count (adapt mode only)

    /** A layer to {@link #adapt}: {@code (x - mean) / std}. */
    public Normalization() {
        this(null, null, false);
    }

    /** A layer to {@link #adapt}; {@code invert} true turns normalised values back: {@code mean + x * std}. */
    public Normalization(boolean invert) {
        this(null, null, invert);
    }

    /** Keras' {@code Normalization(mean=m, variance=v)} with scalars, the same for every column. */
    public Normalization(double mean, double variance) {
        this(new double[] {mean}, new double[] {variance}, false);
    }

    /** Keras' {@code Normalization(mean=[...], variance=[...])}: one value per column (or one for all). */
    public Normalization(double[] mean, double[] variance) {
        this(mean, variance, false);
    }

    /**
     * @param mean per column (or one value for every column), or null to {@link #adapt} the layer
     * @param variance likewise; null exactly when {@code mean} is
     * @param invert Keras' {@code invert}: {@code mean + x * std} instead of {@code (x - mean) / std}
     * @throws IllegalArgumentException if only one of mean and variance is given, their lengths differ
     *         or are 0, a value is not finite, or a variance is negative
     */
    public Normalization(double[] mean, double[] variance, boolean invert) {
        if ((mean == null) != (variance == null)) {
            throw new IllegalArgumentException("Normalization: give both mean and variance, or neither (then adapt the layer); got mean "
                    + Arrays.toString(mean) + " and variance " + Arrays.toString(variance));
        }
        if (mean != null) {
            if (mean.length == 0 || mean.length != variance.length) {
                throw new IllegalArgumentException("Normalization: mean and variance need the same positive number of values, got "
                        + mean.length + " and " + variance.length);
            }
            for (int j = 0; j < mean.length; j++) {
                if (!Double.isFinite(mean[j]) || !Double.isFinite(variance[j]) || variance[j] < 0) {
                    throw new IllegalArgumentException("Normalization: means must be finite and variances finite and >= 0, got mean "
                            + mean[j] + " and variance " + variance[j] + " at column " + j);
                }
            }
        }
        this.givenMean = mean == null ? null : mean.clone();
        this.givenVariance = variance == null ? null : variance.clone();
        this.invert = invert;
    }

    /**
     * From {@link #config()}: {@code {"mean": [...] or null, "variance": [...] or null, "invert": b,
     * "inputSize": n or null}}; the input size is that of an adapted layer (so a loaded model can start with it).
     */
    public static Normalization fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Normalization", "mean", "variance", "invert", "inputSize");
        Normalization layer = new Normalization(numbers(config, "mean"), numbers(config, "variance"),
                Config.bool(config, "invert"));
        if (config.get("inputSize") != null) {
            layer.declaredSize = Config.integer(config, "inputSize", 1, Integer.MAX_VALUE);
        }
        return layer;
    }

    private static double[] numbers(Map<String, Object> config, String key) {
        Object value = config.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("Normalization '" + key + "' must be a list of numbers or null, got "
                    + Config.describe(value));
        }
        double[] numbers = new double[list.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(list.get(i) instanceof Number number)) {
                throw new IllegalArgumentException("Normalization '" + key + "' must hold numbers, got " + Config.describe(list.get(i)));
            }
            numbers[i] = number.doubleValue();
        }
        return numbers;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mean", list(givenMean));
        config.put("variance", list(givenVariance));
        config.put("invert", invert);
        long size = isBuilt() ? inputSize() : declaredInputSize();
        config.put("inputSize", size > 0 ? size : null);
        return config;
    }

    private static List<Double> list(double[] values) {
        if (values == null) {
            return null;
        }
        List<Double> list = new ArrayList<>();
        for (double value : values) {
            list.add(value);
        }
        return list;
    }

    /**
     * Computes each column's mean and (biased) variance of {@code x} and keeps them as this layer's
     * weights, with the row count; replaces what an earlier adapt computed. Checks everything first:
     * on a bad {@code x} nothing changes.
     *
     * @param x {@code (rows, n)}, at least one row, finite; {@code n} the layer's input size once built
     * @return this layer
     * @throws IllegalStateException if the layer was given its mean and variance
     * @throws IllegalArgumentException for a null, non-matrix, empty, non-finite or wrongly sized {@code x}
     */
    public Normalization adapt(INDArray x) {
        if (givenMean != null) {
            throw new IllegalStateException(describe() + " was given its mean and variance: adapt is for a Normalization"
                    + " constructed without them");
        }
        if (x == null || x.rank() != 2) {
            throw new IllegalArgumentException(describe() + ".adapt needs a (rows, features) matrix, got "
                    + (x == null ? "null" : "shape " + Arrays.toString(x.shape())));
        }
        if (x.rows() == 0 || x.columns() == 0) {
            throw new IllegalArgumentException(describe() + ".adapt needs at least one row and one column, got shape "
                    + Arrays.toString(x.shape()));
        }
        if (isBuilt() && x.columns() != inputSize()) {
            throw new IllegalArgumentException(describe() + " takes " + inputSize() + " columns, adapt got "
                    + x.columns() + " (shape " + Arrays.toString(x.shape()) + ")");
        }
        int rows = (int) x.rows();
        int columns = (int) x.columns();
        double[] values = Arrays2D.rowMajor(x);
        double[] means = new double[columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double value = values[i * columns + j];
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException(describe() + ".adapt: the data must be finite, got " + value
                            + " at row " + i + ", column " + j);
                }
                means[j] += value;
            }
        }
        double[] variances = new double[columns];
        for (int j = 0; j < columns; j++) {
            means[j] /= rows;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double difference = values[i * columns + j] - means[j];
                variances[j] += difference * difference;
            }
        }
        for (int j = 0; j < columns; j++) {
            variances[j] /= rows;
        }
        if (isBuilt()) {
            mean.assign(Nd4j.createFromArray(means).castTo(dataType()));
            variance.assign(Nd4j.createFromArray(variances).castTo(dataType()));
            count.assign(rows);
        } else {
            pendingMean = means;
            pendingVariance = variances;
            pendingCount = rows;
        }
        return this;
    }

    /** Whether the layer has statistics: given to its constructor, or adapted (count above 0). */
    public boolean isAdapted() {
        if (givenMean != null) {
            return true;
        }
        return isBuilt() ? count.getDouble(0) > 0 : pendingCount > 0;
    }

    /** The width of given per-column statistics or of the data adapted before building; else any (-1). */
    @Override
    public long declaredInputSize() {
        if (givenMean != null) {
            return givenMean.length > 1 ? givenMean.length : declaredSize;
        }
        return pendingMean != null ? pendingMean.length : declaredSize;
    }

    @Override
    protected long build(long inputSize, Random random) {
        mean = Nd4j.zeros(dataType(), inputSize);
        variance = Nd4j.ones(dataType(), inputSize);
        if (givenMean != null) {
            for (long j = 0; j < inputSize; j++) {
                int k = givenMean.length == 1 ? 0 : (int) j;
                mean.putScalar(j, givenMean[k]);
                variance.putScalar(j, givenVariance[k]);
            }
            return inputSize;
        }
        count = Nd4j.zeros(dataType(), 1);
        if (pendingMean != null && !valuesWillBeLoaded()) {
            mean.assign(Nd4j.createFromArray(pendingMean).castTo(dataType()));
            variance.assign(Nd4j.createFromArray(pendingVariance).castTo(dataType()));
            count.assign(pendingCount);
        }
        pendingMean = null;
        pendingVariance = null;
        pendingCount = 0;
        return inputSize;
    }

    /** Adapt mode: mean {@code (n)}, variance {@code (n)}, count {@code (1)}; given statistics: none. */
    @Override
    public List<long[]> parameterShapes(long inputSize) {
        return givenMean != null ? List.of() : List.of(new long[] {inputSize}, new long[] {inputSize}, new long[] {1});
    }

    /** Keras' order: mean, variance, count, all non-trainable; none when the statistics were given. */
    @Override
    public List<Parameter> parameters() {
        if (givenMean != null || mean == null) {
            return List.of();
        }
        return List.of(Parameter.nonTrainable("mean", mean), Parameter.nonTrainable("variance", variance),
                Parameter.nonTrainable("count", count));
    }

    /** {@code (x - mean) / std}, or {@code mean + x * std} when inverting; the same in training and inference. */
    @Override
    public INDArray forward(INDArray x, CallContext context) {
        if (!isAdapted()) {
            throw new IllegalStateException(describe() + " has not been adapted: call adapt(x) on the training data"
                    + " before fit or predict (or give the mean and variance to its constructor)");
        }
        int rows = (int) x.rows();
        int columns = (int) x.columns();
        double[] means = mean.toDoubleVector();
        double[] stds = stds(variance);
        INDArray output = context.buffer(this, "output", rows, columns);
        Values in = Values.of(Arrays2D.isPlain(x) ? x : x.dup('c'));
        Values out = Values.of(output);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                long k = (long) i * columns + j;
                out.set(k, invert ? means[j] + in.get(k) * stds[j] : (in.get(k) - means[j]) / stds[j]);
            }
        }
        return output;
    }

    /** {@code dL/dx = dL/dy / std} ({@code * std} when inverting); no weight has a gradient. */
    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        if (!needInputGradient) {
            return null;
        }
        int rows = (int) dLdOutput.rows();
        int columns = (int) dLdOutput.columns();
        double[] stds = stds(variance);
        INDArray dLdx = context.buffer(this, "dLdx", rows, columns);
        Values in = Values.of(Arrays2D.isPlain(dLdOutput) ? dLdOutput : dLdOutput.dup('c'));
        Values out = Values.of(dLdx);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                long k = (long) i * columns + j;
                out.set(k, invert ? in.get(k) * stds[j] : in.get(k) / stds[j]);
            }
        }
        return dLdx;
    }

    /** {@code max(sqrt(variance_j), 1e-7)} per column, rounded to the layer's type as Keras computes it. */
    private double[] stds(INDArray variances) {
        double[] stds = variances.toDoubleVector();
        for (int j = 0; j < stds.length; j++) {
            double std = Math.max(Math.sqrt(stds[j]), EPSILON);
            stds[j] = dataType() == DataType.FLOAT ? (float) std : std;
        }
        return stds;
    }

    /** Whether this layer turns normalised values back ({@code mean + x * std}). */
    public boolean invert() {
        return invert;
    }

    /** A copy of the per-column means (after build: one per column). */
    public double[] mean() {
        return isBuilt() ? mean.toDoubleVector() : givenMean != null ? givenMean.clone()
                : pendingMean != null ? pendingMean.clone() : null;
    }

    /** A copy of the per-column variances (after build: one per column). */
    public double[] variance() {
        return isBuilt() ? variance.toDoubleVector() : givenVariance != null ? givenVariance.clone()
                : pendingVariance != null ? pendingVariance.clone() : null;
    }

    /**
     * ONNX: {@code Sub} then {@code Div} by {@code std} (inverted: {@code Mul} then {@code Add}), with
     * the statistics as initializers.
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        if (!isAdapted()) {
            throw new IllegalStateException("it has not been adapted");
        }
        INDArray means = givenMean != null ? mean : weights.get(0);
        INDArray variances = givenMean != null ? variance : weights.get(1);
        String meanName = graph.initializer(name() + "/mean", means);
        String stdName = graph.initializer(name() + "/std", Nd4j.createFromArray(stds(variances)));
        if (invert) {
            String scaled = graph.add("Mul", name() + "/scaled", input, stdName).output();
            return graph.add("Add", name(), scaled, meanName).output();
        }
        String centred = graph.add("Sub", name() + "/centred", input, meanName).output();
        return graph.add("Div", name(), centred, stdName).output();
    }
}
