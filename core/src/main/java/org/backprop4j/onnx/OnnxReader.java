package org.backprop4j.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.backprop4j.core.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.shade.protobuf.CodedInputStream;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;

/**
 * Reads an ONNX file for {@link Onnx#importModel}, trusting nothing. In order: the file's size
 * (at most {@value #MAX_FILE_BYTES} bytes, read once, parsed in place with protobuf's nesting limit);
 * the opset of the standard domain ({@value #MIN_OPSET} to {@value #MAX_OPSET}); one graph input of
 * rank 2, one output; every weight's type, dimensions and data length ({@link OnnxTensors#check},
 * no allocation); the nodes as one chain from the input to the output, each value made once and read
 * once, no node left over (so no cycle, no branch); then {@link OnnxChain} turns the chain into
 * layers and checks their sizes against each other, and only then are arrays allocated. Every
 * failure is an {@link IOException} naming the file and the problem.
 */
final class OnnxReader {

    /** The largest file read: an MLP for learning is far smaller; the bytes are held once while reading. */
    static final long MAX_FILE_BYTES = 512L << 20;
    static final int MAX_NODES = 10_000;
    static final int MAX_INITIALIZERS = 20_000;
    /** Protobuf's nesting limit for this parse (graphs inside attributes inside graphs ...). */
    static final int MAX_NESTING = 32;
    /** Opsets whose Gemm, MatMul, Add and activations mean what the import assumes (Gemm's broadcast is 7's). */
    static final int MIN_OPSET = 7;
    static final int MAX_OPSET = 22;

    private final String where;

    private OnnxReader(String where) {
        this.where = where;
    }

    static Sequential read(Path file, long seed) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("importModel: file must not be null");
        }
        String where = printable("Cannot import an ONNX model from " + file + ": ");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such ONNX file");
        }
        try {
            return new OnnxReader(where).read(file, where, seed);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new IOException(where + printable(String.valueOf(e.getMessage())), e);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith(where)) {
                throw e;
            }
            throw new IOException(where + printable(e.getClass().getSimpleName() + ": " + message), e);
        }
    }

    private Sequential read(Path file, String where, long seed) throws IOException {
        if (Files.isDirectory(file)) {
            throw problem("it is a directory, not an ONNX file");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw problem("the file is empty (0 bytes)");
        }
        if (size > MAX_FILE_BYTES) {
            throw problem("the file has " + size + " bytes, more than the " + MAX_FILE_BYTES + " the import reads");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1); // the file may have grown since Files.size
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw problem("the file grew beyond " + MAX_FILE_BYTES + " bytes while being read");
        }
        ModelProto model;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.enableAliasing(true); // weights' bytes stay views of the file's, not copies
            in.setRecursionLimit(MAX_NESTING);
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw problem("it is not an ONNX model, or it is truncated or damaged (" + printable(e.getMessage()) + ")");
        }
        if (!model.hasGraph()) {
            throw problem("the file has no graph, so it is not an ONNX model (or an empty one)");
        }
        checkOpset(model);
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> weights = weights(graph);
        ValueInfoProto input = input(graph, weights);
        if (graph.getOutputCount() != 1) {
            throw problem("the graph has " + graph.getOutputCount() + " outputs; the import reads models with one");
        }
        String output = graph.getOutput(0).getName();
        List<NodeProto> chain = chain(graph, input.getName(), output, weights.keySet());
        OnnxChain layers = new OnnxChain(weights, inputType(input), inputWidth(input));
        for (NodeProto node : chain) {
            layers.add(node);
        }
        return layers.build(input.getName(), outputWidth(graph.getOutput(0)), seed);
    }

    private void checkOpset(ModelProto model) throws IOException {
        long opset = -1;
        for (OperatorSetIdProto set : model.getOpsetImportList()) {
            if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
                opset = set.getVersion();
            }
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw problem(opset < 0 ? "the model imports no opset of the standard ONNX domain"
                    : "the model uses opset " + opset + " of the standard ONNX domain; the import reads opsets "
                            + MIN_OPSET + " to " + MAX_OPSET);
        }
    }

    /** The weights by name, each checked (type, dimensions, data length) without being read. */
    private Map<String, TensorProto> weights(GraphProto graph) throws IOException {
        if (graph.getInitializerCount() > MAX_INITIALIZERS) {
            throw problem("the graph has " + graph.getInitializerCount() + " weights, more than " + MAX_INITIALIZERS);
        }
        if (graph.getSparseInitializerCount() > 0) {
            throw problem("the graph has sparse weights, which the import does not read");
        }
        Map<String, TensorProto> weights = new LinkedHashMap<>();
        for (TensorProto tensor : graph.getInitializerList()) {
            OnnxTensors.check(tensor, 0, 2);
            if (weights.put(tensor.getName(), tensor) != null) {
                throw problem("two weights are named '" + printable(tensor.getName()) + "'");
            }
        }
        return weights;
    }

    /** The one graph input that is not a weight (older files list the weights as inputs too). */
    private ValueInfoProto input(GraphProto graph, Map<String, TensorProto> weights) throws IOException {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto input : graph.getInputList()) {
            if (!weights.containsKey(input.getName())) {
                inputs.add(input);
            }
        }
        if (inputs.size() != 1) {
            throw problem("the graph has " + inputs.size() + " inputs besides its weights; the import reads models "
                    + "with one input (batch, features)");
        }
        return inputs.get(0);
    }

    private DataType inputType(ValueInfoProto input) throws IOException {
        TypeProto.Tensor tensor = tensorType(input, "input");
        DataType type = OnnxTensors.modelType(tensor.getElemType());
        if (type == null) {
            throw problem("the graph input '" + printable(input.getName()) + "' has element type "
                    + OnnxTensors.typeName(tensor.getElemType()) + "; the import reads FLOAT and DOUBLE models");
        }
        return type;
    }

    /** The input's feature count, or -1 when the file leaves it symbolic. */
    private long inputWidth(ValueInfoProto input) throws IOException {
        return width(tensorType(input, "input"), input.getName(), "input");
    }

    private long outputWidth(ValueInfoProto output) throws IOException {
        if (!output.hasType()) {
            return -1;
        }
        return width(tensorType(output, "output"), output.getName(), "output");
    }

    private long width(TypeProto.Tensor tensor, String name, String what) throws IOException {
        if (!tensor.hasShape()) {
            return -1;
        }
        TensorShapeProto shape = tensor.getShape();
        if (shape.getDimCount() != 2) {
            throw problem("the graph " + what + " '" + printable(name) + "' has " + shape.getDimCount()
                    + " dimensions; the import reads (batch, features)");
        }
        TensorShapeProto.Dimension features = shape.getDim(1);
        if (!features.hasDimValue()) {
            return -1;
        }
        if (features.getDimValue() < 1 || features.getDimValue() > Integer.MAX_VALUE) {
            throw problem("the graph " + what + " '" + printable(name) + "' declares " + features.getDimValue()
                    + " features");
        }
        return features.getDimValue();
    }

    private TypeProto.Tensor tensorType(ValueInfoProto value, String what) throws IOException {
        if (!value.getType().hasTensorType()) {
            throw problem("the graph " + what + " '" + printable(value.getName()) + "' is not a tensor");
        }
        return value.getType().getTensorType();
    }

    /**
     * The nodes in order from {@code input} to {@code output}: each node's first input is the value
     * before it and its other inputs are weights; every value is made by one node and read by at most
     * one; every node is on the path. Anything else (a branch, a cycle, a node off the path, a value
     * nobody makes) is refused.
     */
    private List<NodeProto> chain(GraphProto graph, String input, String output, Set<String> weights) throws IOException {
        if (graph.getNodeCount() > MAX_NODES) {
            throw problem("the graph has " + graph.getNodeCount() + " nodes, more than " + MAX_NODES);
        }
        Map<String, NodeProto> readers = new HashMap<>();
        Set<String> made = new HashSet<>();
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOutputCount() != 1 || node.getInputCount() < 1) {
                throw problem(node(node) + " has " + node.getInputCount() + " inputs and " + node.getOutputCount()
                        + " outputs; the import reads nodes with one output and at least one input");
            }
            String value = node.getOutput(0);
            if (value.equals(input) || weights.contains(value) || !made.add(value)) {
                throw problem(node(node) + " writes '" + printable(value) + "', which the graph input, a weight or "
                        + "another node already provides");
            }
            String previous = dataInput(node, weights);
            if (previous == null) {
                throw problem(node(node) + " reads " + node.getInputList().stream().map(OnnxReader::printable).toList()
                        + ": the import reads a chain whose nodes each take one value besides weights (initializers)"
                        + " (a missing weight?)");
            }
            if (previous.equals(value)) {
                throw problem(node(node) + " reads its own output '" + printable(value) + "': a cycle");
            }
            NodeProto other = readers.put(previous, node);
            if (other != null) {
                throw problem("'" + printable(previous) + "' is read by " + node(other) + " and by " + node(node)
                        + ": the graph branches; the import reads a chain of layers");
            }
        }
        List<NodeProto> chain = new ArrayList<>();
        String value = input;
        while (!value.equals(output)) {
            NodeProto next = readers.get(value);
            if (next == null) {
                throw problem("no node reads '" + printable(value) + "', so the chain from the input '" + printable(input)
                        + "' never reaches the output '" + printable(output) + "'" + (weights.contains(value)
                        || made.contains(value) || value.equals(input) ? "" : " (a missing weight?)"));
            }
            if (chain.size() == graph.getNodeCount()) {
                throw problem("the nodes form a cycle");
            }
            chain.add(next);
            value = next.getOutput(0);
        }
        if (chain.size() != graph.getNodeCount()) {
            for (NodeProto node : graph.getNodeList()) {
                if (!chain.contains(node)) {
                    throw problem(node(node) + " is not on the path from the input to the output (a cycle or a side "
                            + "branch); the import reads one chain of layers");
                }
            }
        }
        if (chain.isEmpty()) {
            throw problem("the graph's output is its input: there is no layer");
        }
        return chain;
    }

    /** The one input of {@code node} that is not a weight, or null when there is not exactly one. */
    static String dataInput(NodeProto node, Set<String> weights) {
        String data = null;
        for (String input : node.getInputList()) {
            if (!weights.contains(input) && !input.isEmpty()) {
                if (data != null) {
                    return null;
                }
                data = input;
            }
        }
        return data;
    }

    /** {@code node 'dense' (Gemm)}: how messages name a node. */
    static String node(NodeProto node) {
        return "node '" + printable(node.getName()) + "' (" + printable(node.getOpType()) + ")";
    }

    private IOException problem(String message) {
        return new IOException(where + message);
    }

    /** {@code text} with control characters written as {@code \u000a}, and at most 300 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 300 ? out + "..." : out.toString();
    }
}
