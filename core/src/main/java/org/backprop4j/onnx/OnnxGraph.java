package org.backprop4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;

/**
 * The inference graph being written by {@link Onnx#export}: what a layer's {@link OnnxLayer#toOnnx}
 * and an activation's {@link OnnxActivation#toOnnx} add their nodes and weights to.
 *
 * <p>ONNX names two things: <em>nodes</em> (one operator each, e.g. {@code Gemm}) and <em>values</em>
 * (the tensors flowing between them, the graph's input, the weights). Here every node has one
 * output, named like the node, so {@code add("Relu", "dense/activation", z)} both creates the node
 * {@code dense/activation} and returns the value {@code "dense/activation"} for the next node to read.
 * Names are made unique by appending {@code _1}, {@code _2}, ... when taken.
 *
 * <pre>{@code
 * String kernel = graph.initializer("dense/kernel", kernelArray);        // (inputSize, units)
 * String bias = graph.initializer("dense/bias", biasArray);              // (units)
 * String z = graph.add("Gemm", "dense", input, kernel, bias).output();   // z = input . kernel + bias
 * }</pre>
 *
 * <p>Threads: one export builds one graph on one thread.
 */
public final class OnnxGraph {

    private final DataType dataType;
    private final List<NodeProto.Builder> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> nodeNames = new HashSet<>();
    private final Set<String> valueNames = new HashSet<>();

    /** A graph whose weights and values are of {@code dataType} (FLOAT or DOUBLE). */
    OnnxGraph(DataType dataType, String inputName) {
        this.dataType = dataType;
        valueNames.add(inputName);
    }

    /** The element type of every value and weight: the model's type. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Adds {@code array} as a weight (an ONNX initializer) converted to the graph's type, with its
     * shape and values in row-major order.
     *
     * @return the value name it is read by, {@code name} unless taken
     */
    public String initializer(String name, INDArray array) {
        String unique = unique(name, valueNames);
        initializers.add(OnnxTensors.toTensor(unique, array, dataType));
        return unique;
    }

    /**
     * A scalar constant of the graph's type (a 0-dimensional initializer), for activations that are
     * written as several elementary operators (e.g. {@code x * 0.5}).
     *
     * @return its value name
     */
    public String scalar(String name, double value) {
        String unique = unique(name, valueNames);
        ByteBuffer bytes = ByteBuffer.allocate(dataType == DataType.FLOAT ? 4 : 8).order(ByteOrder.LITTLE_ENDIAN);
        if (dataType == DataType.FLOAT) {
            bytes.putFloat((float) value);
        } else {
            bytes.putDouble(value);
        }
        initializers.add(TensorProto.newBuilder().setName(unique).setDataType(OnnxTensors.onnxType(dataType))
                .setRawData(ByteString.copyFrom(bytes.array())).build());
        return unique;
    }

    /**
     * Adds a node of the standard ONNX domain computing {@code opType} of {@code inputs} (value
     * names, in the operator's order).
     *
     * @param name the node's name and its output's, e.g. the layer's name
     * @return the node, to add attributes or a description to; its {@link Node#output()} is the value
     */
    public Node add(String opType, String name, String... inputs) {
        for (String input : inputs) {
            if (!valueNames.contains(input)) {
                throw new IllegalArgumentException("ONNX node '" + name + "' (" + opType + ") reads '" + input
                        + "', which no earlier node, weight or graph input provides");
            }
        }
        String unique = unique(name, nodeNames);
        String output = unique(unique, valueNames);
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(unique).addOutput(output);
        for (String input : inputs) {
            node.addInput(input);
        }
        nodes.add(node);
        return new Node(node);
    }

    private static String unique(String name, Set<String> taken) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An ONNX name must not be empty");
        }
        String candidate = name;
        for (int i = 1; !taken.add(candidate); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }

    /** The nodes added so far, in order (the export renames the last output to the graph's). */
    List<NodeProto.Builder> nodes() {
        return nodes;
    }

    /** The weights added so far. */
    List<TensorProto> initializers() {
        return initializers;
    }

    /** Whether {@code name} is a value of this graph (an input, a weight or a node's output). */
    boolean hasValue(String name) {
        return valueNames.contains(name);
    }

    /** Claims {@code name} for a value (the graph's output) so that no node takes it. */
    boolean claimValue(String name) {
        return valueNames.add(name);
    }

    /** One node being written: attributes and a description are added to it in place. */
    public static final class Node {

        private final NodeProto.Builder node;

        private Node(NodeProto.Builder node) {
            this.node = node;
        }

        /** The name of the value this node computes. */
        public String output() {
            return node.getOutput(0);
        }

        /** Adds an integer attribute, e.g. Softmax's {@code axis = -1}; returns this node. */
        public Node attribute(String name, long value) {
            node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                    .setI(value));
            return this;
        }

        /** Adds a floating-point attribute (ONNX stores it as a 32-bit float), e.g. Elu's {@code alpha}; returns this node. */
        public Node attribute(String name, float value) {
            node.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                    .setF(value));
            return this;
        }

        /** Sets the node's free-text description (ONNX's {@code doc_string}); returns this node. */
        public Node doc(String text) {
            node.setDocString(text);
            return this;
        }
    }
}
