package org.backprop4j.core.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Callback;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TrainingContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training-health report: after every epoch, for every layer, the numbers that tell a healthy
 * network from a sick one, measured on probe data, recorded, and warned about in plain words.
 *
 * <pre>{@code
 * TrainingHealth health = new TrainingHealth(xTrain, yTrain);
 * model.fit(xTrain, yTrain, new FitOptions().epochs(10).callbacks(health));
 * System.out.print(health.table());
 * health.warnings().forEach(w -> System.out.println(w.message()));
 * }</pre>
 *
 * <p>Per layer and epoch ({@link LayerHealth}):
 * <ul>
 *   <li><b>update-to-weight ratio</b> {@code ||W_end - W_start|| / ||W_start||}: how much the epoch
 *       changed the layer's weights, relative to their size;</li>
 *   <li><b>gradient norm</b> {@code ||dL/dW||} on the probe data after the epoch;</li>
 *   <li><b>saturated fraction</b> of a sigmoid or tanh hidden layer: the share of its outputs on the
 *       probe data within {@value #SATURATION_MARGIN} of the ends of its range, where its slope is
 *       nearly 0 and little gradient gets through;</li>
 *   <li><b>dead fraction</b> of a relu hidden layer: the share of its units that output 0 for every
 *       probe sample, and so pass no gradient back at all.</li>
 * </ul>
 * The output layer's activation is left out of the last two: a confident classifier's outputs are
 * meant to sit near 0 and 1.
 *
 * <p>Warnings ({@link #warnings()}, and logged at WARN the first time each kind appears for a layer):
 * an update ratio above {@value #LARGE_UPDATE} from the second epoch on (an epoch changed the weights
 * by more than their own size; the first epoch is exempt, as freshly initialised weights often move
 * that far), a weight gradient that is exactly 0, weights or gradients that are not finite, more than
 * {@value #DEAD_WARNING} of a layer's relu units dead, more than {@value #SATURATED_WARNING} of its
 * sigmoid or tanh outputs saturated.
 *
 * <p>The update ratio is measured over a whole epoch, so its scale depends on the steps per epoch:
 * the threshold suits data sets of up to a few hundred steps per epoch (the digits example has 45).
 * Per step, a healthy ratio is usually around 1e-3.
 *
 * <p>Cost per epoch: one forward and backward pass over the probe data ({@code model.gradients}) and
 * one forward pass ({@code model.layerOutputs}). Epochs are counted over every {@code fit} the same
 * instance is given to, so a loop of one-epoch fits builds one history.
 */
public final class TrainingHealth implements Callback {

    private static final Logger log = LoggerFactory.getLogger(TrainingHealth.class);

    /** A sigmoid output below this or above 1 minus this (a tanh beyond +-(1 - this)) is saturated. */
    public static final double SATURATION_MARGIN = 0.01;
    /** Warn when more than this fraction of a hidden sigmoid or tanh layer's outputs are saturated. */
    public static final double SATURATED_WARNING = 0.5;
    /** Warn when more than this fraction of a hidden relu layer's units are dead. */
    public static final double DEAD_WARNING = 0.25;
    /** Warn when an epoch changes a layer's weights by more than this times their size. */
    public static final double LARGE_UPDATE = 1.0;

    /** What a warning is about. */
    public enum Problem {
        /** The epoch changed the weights by more than {@link #LARGE_UPDATE} times their size. */
        LARGE_UPDATES,
        /** The weight gradient is exactly 0: no weight of the layer can change. */
        ZERO_GRADIENT,
        /** The weights or their gradient are NaN or infinite. */
        NOT_FINITE,
        /** More than {@link #DEAD_WARNING} of the relu units never output anything but 0. */
        DEAD_UNITS,
        /** More than {@link #SATURATED_WARNING} of the sigmoid or tanh outputs are saturated. */
        SATURATED_UNITS
    }

    /**
     * One warning.
     *
     * @param epoch the epoch after which it was found
     * @param layer the layer's name
     * @param problem what kind of problem
     * @param message the problem in words, with its usual causes
     */
    public record Warning(int epoch, String layer, Problem problem, String message) {
    }

    private final INDArray x;
    private final INDArray y;
    private final List<LayerHealth> records = new ArrayList<>();
    private final List<Warning> warnings = new ArrayList<>();
    private final Set<String> logged = new HashSet<>();
    private Sequential model;
    private List<INDArray> start = List.of();
    private int epoch;

    /**
     * @param x probe inputs {@code (samples, inputSize)}: the training data, or a sample of it
     * @param y their targets, for the gradients
     * @throws IllegalArgumentException if either is null or they have different numbers of rows
     */
    public TrainingHealth(INDArray x, INDArray y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("TrainingHealth needs probe data x and y, got " + (x == null ? "x null" : "y null"));
        }
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("TrainingHealth's probe x has " + x.rows() + " rows but y has " + y.rows());
        }
        this.x = x;
        this.y = y;
    }

    /** Checks the probe data against the model (nothing trains if it does not fit) and notes the weights. */
    @Override
    public void onTrainBegin(TrainingContext training) {
        model = training.model();
        model.evaluate(x, y);                           // throws IllegalArgumentException for mismatched probe data
        start = weightsByLayer();
    }

    @Override
    public void onEpochEnd(int fitEpoch, Map<String, Double> logs) {
        epoch++;
        List<INDArray> now = weightsByLayer();
        List<INDArray> gradients = gradientsByLayer();
        List<INDArray> outputs = model.layerOutputs(x);
        List<Layer> layers = model.getLayers();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            ActivationFunction function = layer.outputActivation();
            String activation = function == null ? null : function.name();
            boolean hidden = l < layers.size() - 1;
            double updateRatio = Double.NaN;
            double gradientNorm = Double.NaN;
            double weightNorm = Double.NaN;
            if (now.get(l) != null) {
                double startNorm = norm(start.get(l));
                updateRatio = startNorm == 0 ? Double.NaN : norm(now.get(l).sub(start.get(l))) / startNorm;
                gradientNorm = norm(gradients.get(l));
                weightNorm = norm(now.get(l));
            }
            double saturated = hidden && ("sigmoid".equals(activation) || "tanh".equals(activation))
                    ? saturatedFraction(outputs.get(l), "tanh".equals(activation)) : Double.NaN;
            double dead = hidden && "relu".equals(activation) ? deadFraction(outputs.get(l)) : Double.NaN;
            LayerHealth health = new LayerHealth(epoch, layer.name(), activation, updateRatio, gradientNorm,
                    weightNorm, saturated, dead, layer.outputSize());
            records.add(health);
            check(health);
        }
        start = now;
    }

    private void check(LayerHealth h) {
        String at = " after epoch " + h.epoch();
        if (h.hasWeights() && (!Double.isFinite(h.weightNorm()) || !Double.isFinite(h.gradientNorm()))) {
            warn(h, Problem.NOT_FINITE, String.format(Locale.ROOT, "layer %s: its weights or their gradient are "
                    + "NaN or infinite%s; training has diverged (usual cause: a learning rate far too high)", h.layer(), at));
            return;
        }
        if (h.epoch() > 1 && h.updateRatio() > LARGE_UPDATE) {
            warn(h, Problem.LARGE_UPDATES, String.format(Locale.ROOT, "layer %s: epoch %d changed its weights by "
                    + "%.0f%% of their size (update-to-weight ratio %.3g); steps this large overshoot instead of "
                    + "descending (usual causes: a learning rate too high, or weights still near 0 after a bad "
                    + "initialisation)", h.layer(), h.epoch(), 100 * h.updateRatio(), h.updateRatio()));
        }
        if (h.hasWeights() && h.gradientNorm() == 0) {
            warn(h, Problem.ZERO_GRADIENT, String.format(Locale.ROOT, "layer %s: the gradient of its weights is "
                    + "exactly 0%s, so none of them can change (usual causes: the units it feeds are all dead or "
                    + "all saturated, or every weight started at the same value, e.g. 0)", h.layer(), at));
        }
        if (h.deadFraction() > DEAD_WARNING) {
            warn(h, Problem.DEAD_UNITS, String.format(Locale.ROOT, "layer %s: %.0f%% of its relu units (%d of %d) "
                    + "never fired on the %d probe samples%s; a dead unit passes no gradient back, so the weights "
                    + "into it stop learning (usual causes: a learning rate too high, or a bad initialisation)",
                    h.layer(), 100 * h.deadFraction(), Math.round(h.deadFraction() * h.units()), h.units(), x.rows(), at));
        }
        if (h.saturatedFraction() > SATURATED_WARNING) {
            warn(h, Problem.SATURATED_UNITS, String.format(Locale.ROOT, "layer %s: %.0f%% of its %s outputs on the "
                    + "probe samples are saturated%s (within %s of the ends of the range, where the slope is almost 0), "
                    + "so little gradient gets through (usual causes: inputs not standardised, initial weights too "
                    + "large)", h.layer(), 100 * h.saturatedFraction(), h.activation(), at, SATURATION_MARGIN));
        }
    }

    private void warn(LayerHealth h, Problem problem, String message) {
        warnings.add(new Warning(h.epoch(), h.layer(), problem, message));
        if (logged.add(h.layer() + "/" + problem)) {
            log.warn(message);
        }
    }

    /** Every record so far, in epoch order and, within an epoch, in layer order (unmodifiable). */
    public List<LayerHealth> records() {
        return Collections.unmodifiableList(records);
    }

    /** The records of one layer, in epoch order. */
    public List<LayerHealth> records(String layer) {
        return records.stream().filter(h -> h.layer().equals(layer)).toList();
    }

    /** Every warning so far, in the order found (the log has only the first of each kind per layer). */
    public List<Warning> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /**
     * The records as a text table, one line per layer and epoch; "-" where a quantity does not apply:
     * <pre>
     * epoch  layer         activation  update/weight  gradient norm  saturated   dead
     *     2  dense         relu               0.1775        0.04501          -     0%
     * </pre>
     */
    public String table() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%5s  %-12s  %-10s  %13s  %13s  %9s  %5s%n",
                "epoch", "layer", "activation", "update/weight", "gradient norm", "saturated", "dead"));
        for (LayerHealth h : records) {
            text.append(String.format(Locale.ROOT, "%5d  %-12s  %-10s  %13s  %13s  %9s  %5s%n", h.epoch(), h.layer(),
                    h.activation() == null ? "-" : h.activation(), significant(h.updateRatio()),
                    significant(h.gradientNorm()),
                    percent(h.saturatedFraction()), percent(h.deadFraction())));
        }
        return text.toString();
    }

    /** 4 significant digits, in scientific notation below 1e-4 and from 1e4 on; "-" for NaN. */
    private static String significant(double value) {
        return Double.isNaN(value) ? "-" : value == 0 ? "0" : String.format(Locale.ROOT, "%.4g", value);
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    /** Each layer's weights as one flat copy (kernel and bias together), or null for a layer without. */
    private List<INDArray> weightsByLayer() {
        List<INDArray> weights = new ArrayList<>();
        for (Layer layer : model.getLayers()) {
            weights.add(flatten(layer.parameters().stream().map(Parameter::value).toList()));
        }
        return weights;
    }

    /** {@code model.gradients} on the probe data, grouped by layer like {@link #weightsByLayer()}. */
    private List<INDArray> gradientsByLayer() {
        List<INDArray> all = model.gradients(x, y);
        List<INDArray> grouped = new ArrayList<>();
        int index = 0;
        for (Layer layer : model.getLayers()) {
            int count = layer.parameters().size();
            grouped.add(flatten(all.subList(index, index + count)));
            index += count;
        }
        return grouped;
    }

    private static INDArray flatten(List<INDArray> arrays) {
        return arrays.isEmpty() ? null : Nd4j.toFlattened('c', arrays);   // a new array: a copy
    }

    private static double norm(INDArray values) {
        return values.norm2Number().doubleValue();
    }

    private static double saturatedFraction(INDArray outputs, boolean tanh) {
        double[] a = values(outputs);
        long saturated = 0;
        for (double value : a) {
            boolean flat = tanh ? Math.abs(value) > 1 - SATURATION_MARGIN
                    : value < SATURATION_MARGIN || value > 1 - SATURATION_MARGIN;
            saturated += flat ? 1 : 0;
        }
        return (double) saturated / a.length;
    }

    private static double deadFraction(INDArray outputs) {
        double[] a = values(outputs);
        int units = (int) outputs.columns();
        int dead = 0;
        for (int unit = 0; unit < units; unit++) {
            boolean fired = false;
            for (int index = unit; index < a.length && !fired; index += units) {
                fired = a[index] > 0;
            }
            dead += fired ? 0 : 1;
        }
        return (double) dead / units;
    }

    /** The entries of a {@code (rows, columns)} array row by row, in one bulk copy (toDoubleMatrix is slow). */
    private static double[] values(INDArray matrix) {
        return matrix.dup('c').data().asDouble();
    }
}
