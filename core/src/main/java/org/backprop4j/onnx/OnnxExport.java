package org.backprop4j.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;

/**
 * Writes a model's inference graph as ONNX ({@link Onnx#export}): each layer adds its nodes through
 * {@link OnnxLayer}, from one snapshot of the weights; the last value is renamed {@code output}; the
 * graph's input and output get the model's type and the shapes {@code (batch, inputSize)} and
 * {@code (batch, outputSize)}, {@code batch} symbolic.
 */
final class OnnxExport {

    /** The symbolic batch dimension's name. */
    static final String BATCH = "batch";

    private OnnxExport() {
    }

    static void export(Sequential model, Path file) throws IOException {
        if (model == null || file == null) {
            throw new IllegalArgumentException("export needs a model and a file, got " + model + " and " + file);
        }
        write(describe(model), file);
    }

    /** The whole ONNX model, in memory. */
    static ModelProto describe(Sequential model) {
        List<Layer> layers = model.getLayers();
        if (layers.isEmpty()) {
            throw cannotExport("the model has no layers", null);
        }
        DataType type = model.dataType();
        List<INDArray> weights = model.getWeights(); // one moment's weights, even while another thread trains
        String inputName = layers.get(0).typeName().equals("Input") ? layers.get(0).name() : Onnx.INPUT_NAME;
        OnnxGraph graph = new OnnxGraph(type, inputName);
        graph.claimValue(Onnx.OUTPUT_NAME);
        String value = inputName;
        int next = 0;
        for (Layer layer : layers) {
            int count = layer.parameters().size();
            List<INDArray> own = weights.subList(next, next + count);
            next += count;
            for (int i = 0; i < count; i++) {
                try {
                    Checks.requireFinite(layer.describe() + " " + layer.parameters().get(i).name(), own.get(i));
                } catch (IllegalArgumentException e) {
                    throw cannotExport(e.getMessage(), e);
                }
            }
            if (!(layer instanceof OnnxLayer exportable)) {
                throw cannotExport(layer.describe() + " (" + layer.getClass().getName() + ") has no ONNX form: its class "
                        + "does not implement org.backprop4j.onnx.OnnxLayer", null);
            }
            try {
                value = exportable.toOnnx(graph, value, own);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw cannotExport(layer.describe() + ": " + e.getMessage(), e);
            }
        }
        List<NodeProto.Builder> nodes = graph.nodes();
        if (value.equals(inputName) || nodes.isEmpty() || !nodes.get(nodes.size() - 1).getOutput(0).equals(value)) {
            value = graph.add("Identity", Onnx.OUTPUT_NAME, value).output(); // a model that is the identity
        }
        nodes.get(nodes.size() - 1).setOutput(0, Onnx.OUTPUT_NAME); // nothing reads the last value yet

        GraphProto.Builder onnxGraph = GraphProto.newBuilder().setName("backprop4j_sequential")
                .setDocString(model.getLayers().size() + " layers, " + type + ", from backprop4j's Sequential")
                .addInput(valueInfo(inputName, type, layers.get(0).inputShape()))
                .addOutput(valueInfo(Onnx.OUTPUT_NAME, type, layers.get(layers.size() - 1).outputShape()))
                .addAllInitializer(graph.initializers());
        for (NodeProto.Builder node : nodes) {
            onnxGraph.addNode(node);
        }
        return ModelProto.newBuilder()
                .setIrVersion(Onnx.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(Onnx.OPSET))
                .setProducerName("backprop4j")
                .setProducerVersion(Onnx.libraryVersion())
                .setDocString("Exported by backprop4j " + Onnx.libraryVersion() + " (https://github.com/backprop4j): "
                        + model.getLayers().stream().map(Layer::describe).toList())
                .setGraph(onnxGraph)
                .build();
    }

    /** {@code name: tensor(type) [batch, width]}, or {@code [batch, d1, ..., dk]} for samples of a shape. */
    private static ValueInfoProto valueInfo(String name, DataType type, long[] sampleShape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (long dimension : sampleShape) {
            dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dimension));
        }
        TensorShapeProto shape = dims.build();
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxTensors.onnxType(type)).setShape(shape)))
                .build();
    }

    /** Writes through a temporary file beside {@code file}, then renames it over the target. */
    private static void write(ModelProto model, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException("Cannot export to " + file + ": it is a directory");
        }
        Path directory = target.getParent();
        Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                model.writeTo(out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("Cannot export to " + file + ": " + e.getMessage(), e);
        }
    }

    private static IllegalStateException cannotExport(String problem, Exception cause) {
        return new IllegalStateException("Cannot export the model to ONNX: " + problem + "; nothing was written", cause);
    }
}
