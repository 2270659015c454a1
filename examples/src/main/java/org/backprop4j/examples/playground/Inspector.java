package org.backprop4j.examples.playground;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What Step mode shows for one neuron or one weight and one sample, with the labels of
 * docs/backprop-by-hand.md. The sample is a batch of one, so its loss is {@code L = (p - y)^2}
 * (plus the L2 penalty) and {@code dL/dp = 2 (p - y)}. The numbers come from the library:
 * <ul>
 *   <li>{@code a}, the neuron's output: {@code model.layerOutputs(x)};</li>
 *   <li>{@code dL/da}, the upstream gradient: {@code model.layerGradients(x, y)};</li>
 *   <li>{@code dL/db} and {@code dL/dw} on the sample: {@code model.gradients(x, y)}; on the
 *       whole training set, {@code model.gradients(xTrain, yTrain)};</li>
 * </ul>
 * and the chain rule is done in the open: {@code z = sum_j a_j W[j][i] + b_i} from the weights, the
 * local derivative {@code da/dz} from {@code a} (sigmoid {@code a (1 - a)}, tanh {@code 1 - a^2},
 * relu 1 or 0, linear 1), {@code delta = dL/da * da/dz}, which must equal the library's
 * {@code dL/db_i} (the bias has no penalty), and {@code dL/dw = a_j delta_i + 2 l2 w}.
 */
final class Inspector {

    private final Sequential model;
    private final Settings settings;
    private final PlaneData data;

    Inspector(Sequential model, Settings settings, PlaneData data) {
        this.model = model;
        this.settings = settings;
        this.data = data;
    }

    /**
     * @param layer the Dense layer, 0-based (the last is the output)
     * @param unit the neuron in it
     * @param from -1 for the neuron itself, else the input (of the layer) whose weight into the neuron to show
     * @param sample the point, an index into all points (training points first)
     * @throws IllegalArgumentException for an index out of range
     */
    Map<String, Object> inspect(int layer, int unit, int from, int sample) {
        int layers = model.getLayers().size();
        check("layer", layer, layers);
        long units = model.getLayers().get(layer).outputSize();
        check("unit", unit, units);
        long inputs = model.getLayers().get(layer).inputSize();
        if (from != -1) {
            check("from", from, inputs);
        }
        check("sample", sample, data.x().length);
        INDArray x = Nd4j.create(new double[][] {data.x()[sample]});
        INDArray y = Nd4j.create(new double[][] {{data.y()[sample]}});
        List<INDArray> outputs = model.layerOutputs(x);
        List<INDArray> upstream = model.layerGradients(x, y);
        List<INDArray> gradients = model.gradients(x, y);                 // kernel0, bias0, kernel1, ...
        List<INDArray> weights = model.getWeights();
        boolean output = layer == layers - 1;
        String activation = output ? "sigmoid" : settings.activation();
        double[] in = layer == 0 ? data.x()[sample] : outputs.get(layer - 1).toDoubleVector();
        double[][] kernel = weights.get(2 * layer).toDoubleMatrix();
        double z = weights.get(2 * layer + 1).getDouble(unit);
        for (int j = 0; j < in.length; j++) {
            z += in[j] * kernel[j][unit];
        }
        double a = outputs.get(layer).getDouble(0, unit);
        double dLda = upstream.get(layer).getDouble(0, unit);
        double local = switch (activation) {
            case "sigmoid" -> a * (1 - a);
            case "tanh" -> 1 - a * a;
            case "relu" -> z > 0 ? 1 : 0;
            default -> 1;
        };
        double delta = dLda * local;
        String name = output ? "the output p" : "hidden unit " + unit + " of layer " + (layer + 1);
        String a_ = output ? "p" : "a";
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> result = new LinkedHashMap<>();
        double target = data.y()[sample];
        result.put("sample", Map.of("index", sample, "x1", in0(sample), "x2", data.x()[sample][1], "y", target,
                "set", sample < data.trainCount() ? "training" : "test"));
        if (from == -1) {
            result.put("title", "Neuron: " + name);
            row(rows, "z", "z = Σ_j a_j W[j][" + unit + "] + b_" + unit, "pre-activation (weighted sum)", z);
            row(rows, "a", a_ + " = " + activation + "(z)", output ? "the prediction" : "the neuron's output (value)", a);
            row(rows, "dLda", "dL/d" + a_, output ? "upstream gradient: dL/dp = 2 (p - y), the loss L = (p - y)² of this sample"
                    : "upstream gradient: Σ_k δ_k W[" + unit + "][k], what the layer above sends back", dLda);
            row(rows, "local", "d" + a_ + "/dz = " + localFormula(activation, a_), "local derivative", local);
            row(rows, "delta", "δ = dL/dz = dL/d" + a_ + " · d" + a_ + "/dz", "the chain rule: upstream times local",
                    delta);
            row(rows, "libraryDelta", "dL/db_" + unit, "the library's bias gradient for this sample (equals δ)",
                    gradients.get(2 * layer + 1).getDouble(unit));
        } else {
            double w = kernel[from][unit];
            String source = layer == 0 ? "input x" + (from + 1) : "unit " + from + " of layer " + layer;
            result.put("title", "Weight W[" + from + "][" + unit + "] of layer " + (layer + 1) + ": from " + source
                    + " to " + name);
            double product = in[from] * delta;
            row(rows, "w", "w = W[" + from + "][" + unit + "]", "the weight's value", w);
            row(rows, "input", "dz/dw = a_" + from, "local derivative: the input it multiplies", in[from]);
            row(rows, "delta", "δ_" + unit + " = dL/dz_" + unit, "upstream gradient arriving at the weighted sum", delta);
            row(rows, "product", "a_" + from + " · δ_" + unit, "the chain rule: local times upstream", product);
            if (settings.l2() > 0) {
                row(rows, "l2term", "2 λ w", "the L2 penalty's gradient, λ = " + settings.l2(), 2 * settings.l2() * w);
            }
            row(rows, "dLdw", "dL/dw", "the library's gradient for this sample (model.gradients)",
                    gradients.get(2 * layer).getDouble(from, unit));
            INDArray xTrain = Nd4j.create(data.trainX());
            INDArray yTrain = Nd4j.create(data.trainY());
            row(rows, "dLdwTrain", "dL/dw over the training set", String.format(Locale.ROOT,
                    "mean loss over all %d training points: what a full-batch step follows", data.trainCount()),
                    model.gradients(xTrain, yTrain).get(2 * layer).getDouble(from, unit));
        }
        result.put("rows", rows);
        return result;
    }

    private double in0(int sample) {
        return data.x()[sample][0];
    }

    private static String localFormula(String activation, String a) {
        return switch (activation) {
            case "sigmoid" -> a + " (1 - " + a + ")";
            case "tanh" -> "1 - " + a + "²";
            case "relu" -> "1 if z > 0, else 0";
            default -> "1";
        };
    }

    private static void row(List<Map<String, Object>> rows, String key, String symbol, String meaning, double value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("symbol", symbol);
        row.put("meaning", meaning);
        row.put("value", Double.isFinite(value) ? value : null);
        rows.add(row);
    }

    private static void check(String what, long value, long size) {
        if (value < 0 || value >= size) {
            throw new IllegalArgumentException(what + " must be 0 to " + (size - 1) + ", got " + value);
        }
    }
}
