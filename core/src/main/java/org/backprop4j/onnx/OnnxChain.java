package org.backprop4j.onnx;

import static org.backprop4j.onnx.OnnxReader.node;
import static org.backprop4j.onnx.OnnxReader.printable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Config;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;

/**
 * The chain of nodes {@link OnnxReader} found, turned into layers: {@code Gemm} (alpha = beta = 1,
 * no transA, either transB) or {@code MatMul} then {@code Add} becomes a Dense layer; an activation's
 * operator an Activation layer, or the Dense layer's own activation when the node is named
 * {@code <dense node>/activation} (as the export names it); an {@code Identity} described as
 * {@code Dropout(rate=r)} a Dropout layer. Widths are checked from layer to layer as nodes arrive;
 * {@link #build} allocates only after the whole chain passed.
 *
 * <p>Shapes: Gemm's {@code B} is the kernel {@code (inputSize, units)}, or {@code (units, inputSize)}
 * with {@code transB = 1} (PyTorch's Linear); the bias is {@code (units)} or {@code (1, units)}.
 */
final class OnnxChain {

    private static final Pattern DROPOUT = Pattern.compile("Dropout\\(rate=([0-9.eE+-]{1,30})\\)");

    /** A layer to make: Dense (kernel, maybe bias), Activation or Dropout. */
    private static final class Planned {
        final String type;
        final String nodeName;
        long units;
        long inputSize;
        ActivationFunction activation;
        TensorProto kernel;
        long[] kernelShape;
        boolean transposed;
        TensorProto bias;
        long[] biasShape;
        double rate;

        Planned(String type, String nodeName) {
            this.type = type;
            this.nodeName = nodeName;
        }
    }

    private final Map<String, TensorProto> weights;
    private final DataType type;
    private final long inputWidth;
    private final Map<String, OnnxActivation> activations = activationsByOp();
    private final List<Planned> layers = new ArrayList<>();
    private long width;
    /** A MatMul read last, whose Add (its bias) may come next. */
    private Planned matMul;

    OnnxChain(Map<String, TensorProto> weights, DataType type, long inputWidth) {
        this.weights = weights;
        this.type = type;
        this.inputWidth = inputWidth;
        this.width = inputWidth;
    }

    /**
     * Every registered activation that names an ONNX operator for import, by operator; where several
     * name one operator, the last registered (a user's over a built-in, as the registry's own order).
     */
    private static Map<String, OnnxActivation> activationsByOp() {
        Map<String, OnnxActivation> byOp = new LinkedHashMap<>();
        for (String name : Registry.ACTIVATIONS.names()) {
            try {
                if (Registry.ACTIVATIONS.create(name) instanceof OnnxActivation activation && activation.onnxOp() != null) {
                    byOp.put(activation.onnxOp(), activation);
                }
            } catch (IllegalArgumentException e) {
                // an activation that needs settings to exist: it cannot be imported by operator
            }
        }
        return byOp;
    }

    /** What the import reads, for messages. */
    private String supported() {
        return "Gemm, MatMul followed by Add, " + String.join(", ", activations.keySet())
                + " (and Identity described as Dropout(rate=r))";
    }

    /** Reads the next node of the chain. */
    void add(NodeProto node) {
        String op = node.getOpType();
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            throw new IllegalArgumentException(node(node) + " is from the operator domain '" + printable(node.getDomain())
                    + "'; the import reads the standard domain's " + supported());
        }
        Map<String, Object> attributes = attributes(node);
        if (matMul != null) {
            Planned dense = matMul;
            matMul = null;
            if (op.equals("Add")) {
                noAttributes(node, attributes);
                TensorProto bias = weights.get(otherInput(node));
                dense.bias = bias;
                dense.biasShape = bias(node, bias, dense.units);
                return;
            }
        }
        switch (op) {
            case "Gemm" -> gemm(node, attributes);
            case "MatMul" -> {
                noAttributes(node, attributes);
                if (node.getInputCount() != 2 || !weights.containsKey(node.getInput(1))) {
                    throw new IllegalArgumentException(node(node) + " must multiply the value before it by a weight "
                            + "(x . W, W an initializer)");
                }
                matMul = dense(node, weights.get(node.getInput(1)), false);
            }
            default -> {
                if (op.equals("Identity") && dropout(node)) {
                    return;
                }
                OnnxActivation activation = activations.get(op);
                if (activation == null) {
                    throw new IllegalArgumentException(node(node) + " is not supported: the import reads chains of "
                            + supported());
                }
                if (node.getInputCount() != 1) {
                    throw new IllegalArgumentException(node(node) + " has " + node.getInputCount() + " inputs, expected 1");
                }
                ActivationFunction function;
                try {
                    function = activation.fromOnnx(attributes);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(node(node) + ": " + e.getMessage(), e);
                }
                activation(node, function);
            }
        }
    }

    private void gemm(NodeProto node, Map<String, Object> attributes) {
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            String name = attribute.getKey();
            Object value = attribute.getValue();
            boolean fine = switch (name) {
                case "alpha", "beta" -> value.equals(1.0);
                case "transA" -> value.equals(0L);
                case "transB" -> value.equals(0L) || value.equals(1L);
                default -> false;
            };
            if (!fine) {
                throw new IllegalArgumentException(node(node) + " has " + name + " = " + value + "; the import reads Gemm "
                        + "with alpha = beta = 1, transA = 0 and transB 0 or 1 (x . W + b)");
            }
        }
        if (node.getInputCount() < 2 || node.getInputCount() > 3 || !weights.containsKey(node.getInput(1))
                || node.getInputCount() == 3 && !weights.containsKey(node.getInput(2))) {
            throw new IllegalArgumentException(node(node) + " must compute x . B + C from the value before it (A) and "
                    + "weights B and C (initializers)");
        }
        Planned dense = dense(node, weights.get(node.getInput(1)), attributes.getOrDefault("transB", 0L).equals(1L));
        if (node.getInputCount() == 3) {
            dense.bias = weights.get(node.getInput(2));
            dense.biasShape = bias(node, dense.bias, dense.units);
        }
    }

    /** A Dense layer whose kernel is {@code kernel} ({@code (units, inputs)} when transposed). */
    private Planned dense(NodeProto node, TensorProto kernel, boolean transposed) {
        long[] shape = tensor(node, kernel, 2);
        long inputs = transposed ? shape[1] : shape[0];
        long units = transposed ? shape[0] : shape[1];
        if (width != -1 && inputs != width) {
            throw new IllegalArgumentException(node(node) + "'s weight '" + printable(kernel.getName()) + "' has shape "
                    + OnnxTensors.dims(kernel) + (transposed ? " (transposed)" : "") + ", so " + inputs + " inputs, but "
                    + (layers.isEmpty() ? "the graph input has " : "the layer before gives ") + width);
        }
        if (units > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(node(node) + " has " + units + " units, more than a Dense layer holds");
        }
        Planned dense = new Planned("Dense", node.getName());
        dense.inputSize = inputs;
        dense.units = units;
        dense.kernel = kernel;
        dense.kernelShape = shape;
        dense.transposed = transposed;
        layers.add(dense);
        width = units;
        return dense;
    }

    /** The bias's shape, checked: {@code (units)} or {@code (1, units)}, of the model's type. */
    private long[] bias(NodeProto node, TensorProto bias, long units) {
        long[] shape = tensor(node, bias, 1);
        if (shape[shape.length - 1] != units || shape.length == 2 && shape[0] != 1) {
            throw new IllegalArgumentException(node(node) + "'s bias '" + printable(bias.getName()) + "' has shape "
                    + OnnxTensors.dims(bias) + "; a layer of " + units + " units needs [" + units + "] or [1, " + units + "]");
        }
        return shape;
    }

    /** A weight's checked shape (rank {@code minRank} to 2), of the model's type. */
    private long[] tensor(NodeProto node, TensorProto tensor, int minRank) {
        long[] shape;
        try {
            shape = OnnxTensors.check(tensor, minRank, 2);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node(node) + ": " + e.getMessage(), e);
        }
        if (OnnxTensors.modelType(tensor.getDataType()) != type) {
            throw new IllegalArgumentException(node(node) + "'s weight '" + printable(tensor.getName()) + "' is "
                    + OnnxTensors.typeName(tensor.getDataType()) + " but the graph input is " + type
                    + "; a model has one type");
        }
        return shape;
    }

    /** Add's weight input: the one that is not the value before it. */
    private String otherInput(NodeProto node) {
        if (node.getInputCount() != 2) {
            throw new IllegalArgumentException(node(node) + " has " + node.getInputCount() + " inputs, expected the value "
                    + "before it and a bias");
        }
        String first = node.getInput(0);
        String bias = weights.containsKey(first) ? first : node.getInput(1);
        if (!weights.containsKey(bias)) {
            throw new IllegalArgumentException(node(node) + " must add a bias weight (an initializer)");
        }
        return bias;
    }

    /** An Identity written for a Dropout layer: its description says so. */
    private boolean dropout(NodeProto node) {
        Matcher matcher = DROPOUT.matcher(node.getDocString());
        if (!matcher.matches()) {
            return false;
        }
        double rate;
        try {
            rate = Double.parseDouble(matcher.group(1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(node(node) + " describes Dropout(rate=" + rate + "); a rate is in [0, 1)");
        }
        requireWidth(node);
        Planned dropout = new Planned("Dropout", node.getName());
        dropout.rate = rate;
        layers.add(dropout);
        return true;
    }

    private void activation(NodeProto node, ActivationFunction function) {
        requireWidth(node);
        Planned last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (last != null && last.type.equals("Dense") && last.activation == null
                && node.getName().equals(last.nodeName + "/activation")) {
            last.activation = function; // Dense(units, activation), as the export writes it
            return;
        }
        Planned layer = new Planned("Activation", node.getName());
        layer.activation = function;
        layers.add(layer);
    }

    private void requireWidth(NodeProto node) {
        if (width == -1) {
            throw new IllegalArgumentException(node(node) + " comes first, but the graph input does not say how many "
                    + "features it has");
        }
    }

    /** A node's attributes as Long (INT), Double (FLOAT) or String (STRING) values; other kinds are refused. */
    private static Map<String, Object> attributes(NodeProto node) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (AttributeProto attribute : node.getAttributeList()) {
            Object value = switch (attribute.getType()) {
                case INT -> attribute.getI();
                case FLOAT -> (double) attribute.getF();
                case STRING -> attribute.getS().toStringUtf8();
                default -> throw new IllegalArgumentException(node(node) + "'s attribute '" + printable(attribute.getName())
                        + "' is of kind " + attribute.getType() + "; the import reads INT, FLOAT and STRING attributes");
            };
            if (!attribute.getRefAttrName().isEmpty() || attributes.put(attribute.getName(), value) != null) {
                throw new IllegalArgumentException(node(node) + "'s attribute '" + printable(attribute.getName())
                        + "' is given twice or refers to a function's attribute");
            }
        }
        return attributes;
    }

    private static void noAttributes(NodeProto node, Map<String, Object> attributes) {
        if (!attributes.isEmpty()) {
            throw new IllegalArgumentException(node(node) + " has attributes " + attributes.keySet()
                    + "; the import reads it without any");
        }
    }

    /** The model: an Input layer named like the graph input, then the planned layers with the file's weights. */
    Sequential build(String inputName, long outputWidth, long seed) {
        if (outputWidth != -1 && outputWidth != width) {
            throw new IllegalArgumentException("the graph output declares " + outputWidth + " features, but the last "
                    + "layer gives " + width);
        }
        long features = inputWidth != -1 ? inputWidth : layers.get(0).inputSize;
        List<Layer> made = new ArrayList<>();
        List<String> names = new ArrayList<>();
        made.add(Registry.LAYERS.create("Input", Map.of("size", features)));
        names.add(inputName);
        for (Planned planned : layers) {
            Map<String, Object> config = new LinkedHashMap<>();
            switch (planned.type) {
                case "Dense" -> {
                    config.put("units", planned.units);
                    config.put("inputDim", -1);
                    config.put("activation", planned.activation == null ? null
                            : Config.component(Registry.ACTIVATIONS, planned.activation));
                }
                case "Activation" -> config.put("activation", Config.component(Registry.ACTIVATIONS, planned.activation));
                default -> config.put("rate", planned.rate);
            }
            made.add(Registry.LAYERS.create(planned.type, config));
            names.add(planned.nodeName);
        }
        name(made, names);
        Sequential model = new Sequential(seed, type);
        for (Layer layer : made) {
            model.add(layer);
        }
        List<INDArray> values = new ArrayList<>();
        for (Planned planned : layers) {
            if (planned.type.equals("Dense")) {
                INDArray kernel = OnnxTensors.toArray(planned.kernel, planned.kernelShape);
                values.add(planned.transposed ? kernel.transpose().dup('c') : kernel);
                values.add(planned.bias == null ? org.nd4j.linalg.factory.Nd4j.zeros(type, planned.units)
                        : OnnxTensors.toArray(planned.bias, planned.biasShape).reshape(planned.units));
            }
        }
        model.setWeights(values);
        return model;
    }

    /** Names each layer after its node when that is a valid, unused layer name; the rest get Keras' names. */
    private static void name(List<Layer> made, List<String> names) {
        Set<String> used = new HashSet<>();
        boolean[] named = new boolean[made.size()];
        for (int i = 0; i < made.size(); i++) {
            String name = names.get(i);
            if (name != null && !used.contains(name)) {
                try {
                    made.get(i).name(name);
                    used.add(name);
                    named[i] = true;
                } catch (IllegalArgumentException e) {
                    // a blank name or one with control characters: a generated one instead
                }
            }
        }
        for (int i = 0; i < made.size(); i++) {
            if (!named[i]) {
                String base = made.get(i).typeName().toLowerCase(java.util.Locale.ROOT);
                String name = base;
                for (int n = 1; used.contains(name); n++) {
                    name = base + "_" + n;
                }
                made.get(i).name(name);
                used.add(name);
            }
        }
    }
}
