package org.backprop4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.backprop4j.core.Sequential;
import org.backprop4j.examples.docs.snippets.ActivationLab;
import org.backprop4j.examples.docs.snippets.CustomComponents;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.layers.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorShapeProto;

/**
 * What an exported file holds (opset, IR version, the library version, a symbolic batch dimension,
 * the layers' names on nodes and weights, Dropout's description), and what export refuses: a layer
 * or an activation without an ONNX form, a non-finite weight; a refused export writes nothing.
 */
class OnnxExportTest {

    @TempDir
    Path dir;

    @Test
    void theFileDescribesTheModel() throws IOException {
        Sequential model = new Sequential(1, DataType.FLOAT);
        model.add(new Input(3).name("pixels")).add(new Dense(4, "relu").name("hidden")).add(new Dropout(0.5))
                .add(new Dense(2, "softmax"));
        Path file = dir.resolve("model.onnx");
        Onnx.export(model, file);
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(file));

        assertEquals(8, proto.getIrVersion());
        assertEquals(17, proto.getOpsetImport(0).getVersion());
        assertEquals("", proto.getOpsetImport(0).getDomain());
        assertEquals("backprop4j", proto.getProducerName());
        assertEquals(Onnx.libraryVersion(), proto.getProducerVersion());
        assertTrue(Onnx.libraryVersion().matches("\\d+\\.\\d+\\.\\d+.*"), Onnx.libraryVersion());
        assertTrue(proto.getDocString().startsWith("Exported by backprop4j " + Onnx.libraryVersion()), proto.getDocString());

        GraphProto graph = proto.getGraph();
        assertEquals("pixels", graph.getInput(0).getName());
        TensorShapeProto input = graph.getInput(0).getType().getTensorType().getShape();
        assertEquals("batch", input.getDim(0).getDimParam());
        assertEquals(3, input.getDim(1).getDimValue());
        assertEquals(1, graph.getInput(0).getType().getTensorType().getElemType()); // FLOAT
        assertEquals("output", graph.getOutput(0).getName());
        assertEquals("batch", graph.getOutput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(2, graph.getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue());

        assertEquals(List.of("hidden:Gemm", "hidden/activation:Relu", "dropout:Identity", "dense:Gemm",
                "dense/activation:Softmax"), graph.getNodeList().stream().map(n -> n.getName() + ":" + n.getOpType()).toList());
        assertEquals(List.of("hidden/kernel", "hidden/bias", "dense/kernel", "dense/bias"),
                graph.getInitializerList().stream().map(t -> t.getName()).toList());
        assertEquals(List.of(3L, 4L), graph.getInitializer(0).getDimsList());
        NodeProto dropout = graph.getNode(2);
        assertEquals("Dropout(rate=0.5)", dropout.getDocString());
        assertEquals("output", graph.getNode(4).getOutput(0));
        assertEquals(-1, graph.getNode(4).getAttribute(0).getI()); // softmax axis
    }

    @Test
    void aLayerWithoutAnOnnxFormIsRefusedAndNothingIsWritten() {
        Sequential model = new Sequential(2);
        model.add(new Dense(3, 2)).add(new CustomComponents.Scale(1.0));
        Path file = dir.resolve("scale.onnx");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Onnx.export(model, file));
        assertTrue(e.getMessage().startsWith("Cannot export the model to ONNX: Scale 'scale' ("), e.getMessage());
        assertTrue(e.getMessage().contains("does not implement org.backprop4j.onnx.OnnxLayer; nothing was written"),
                e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void anActivationWithoutAnOnnxFormIsRefused() {
        Sequential model = new Sequential(3);
        model.add(new Dense(3, 2, new ActivationLab.MyLeakyRelu(0.1)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Onnx.export(model, dir.resolve("leaky.onnx")));
        assertTrue(e.getMessage().contains("Dense 'dense': its activation my_leaky_relu"), e.getMessage());
        assertTrue(e.getMessage().contains("does not implement org.backprop4j.onnx.OnnxActivation"), e.getMessage());
    }

    @Test
    void aNonFiniteWeightIsRefused() {
        Sequential model = new Sequential(4);
        model.add(new Dense(2, 2));
        List<INDArray> weights = model.getWeights();
        Path file = dir.resolve("nan.onnx");
        model.parameters().get(0).value().putScalar(0, 1, Double.NaN); // as a diverged training leaves it
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Onnx.export(model, file));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("kernel"), e.getMessage());
        assertFalse(Files.exists(file));
        model.setWeights(weights);
    }

    @Test
    void anExistingFileIsReplacedAndADirectoryRefused() throws IOException {
        Sequential model = new Sequential(5);
        model.add(new Dense(2, 2));
        Path file = dir.resolve("replaced.onnx");
        Files.writeString(file, "an older file");
        Onnx.export(model, file);
        assertEquals(2, ModelProto.parseFrom(Files.readAllBytes(file)).getGraph().getInitializerCount());
        try (var leftovers = Files.list(dir)) {
            assertEquals(List.of(file), leftovers.toList(), "no temporary file left behind");
        }
        IOException e = assertThrows(IOException.class, () -> Onnx.export(model, dir));
        assertTrue(e.getMessage().contains("it is a directory"), e.getMessage());
    }
}
