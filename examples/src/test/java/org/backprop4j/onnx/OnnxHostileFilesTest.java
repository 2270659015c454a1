package org.backprop4j.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.shade.protobuf.ByteString;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;

/**
 * Hostile and damaged ONNX files: each gives an IOException naming the file and the problem (never
 * another exception, never a native crash), sizes claimed by the file are checked before anything is
 * allocated, and the process's peak memory stays bounded (measured as {@code ModelLoadLimitsTest}
 * measures {@code load}'s: the kernel's peak resident-memory mark, since ND4J allocates natively).
 */
class OnnxHostileFilesTest {

    @TempDir
    Path dir;

    private static ModelProto good;

    @BeforeAll
    static void goodModel() {
        Sequential model = new Sequential(1, DataType.FLOAT);
        model.add(new Dense(4, 3, "tanh")).add(new Dense(2, "softmax"));
        good = OnnxExport.describe(model); // nodes: dense (Gemm), dense/activation (Tanh), dense_1, dense_1/activation
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Imports {@code bytes}; the IOException's message names the file and contains every fragment. */
    private IOException fails(String name, byte[] bytes, String... fragments) throws IOException {
        Path file = write(name, bytes);
        IOException e = assertThrows(IOException.class, () -> Onnx.importModel(file));
        String message = e.getMessage();
        assertTrue(message.startsWith("Cannot import an ONNX model from " + file + ": "), message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "no '" + fragment + "' in: " + message);
        }
        assertFalse(message.chars().anyMatch(Character::isISOControl), message);
        return e;
    }

    private IOException fails(String name, ModelProto model, String... fragments) throws IOException {
        return fails(name, model.toByteArray(), fragments);
    }

    private static ModelProto withGraph(GraphProto.Builder graph) {
        return good.toBuilder().setGraph(graph).build();
    }

    private static GraphProto.Builder graph() {
        return good.getGraph().toBuilder();
    }

    private static TensorProto.Builder kernel() {
        return good.getGraph().getInitializer(0).toBuilder(); // dense/kernel, FLOAT [3, 4]
    }

    @Test
    void theGoodModelImports() throws IOException {
        Onnx.importModel(write("good.onnx", good.toByteArray()));
    }

    @Test
    void emptyFile() throws IOException {
        fails("empty.onnx", new byte[0], "the file is empty (0 bytes)");
    }

    @Test
    void textIsNotOnnx() throws IOException {
        fails("text.onnx", "{\"format\": \"not ONNX at all\"}\n".getBytes(StandardCharsets.UTF_8), "not an ONNX model");
    }

    @Test
    void aModelWithoutGraph() throws IOException {
        fails("no-graph.onnx", ModelProto.newBuilder().setIrVersion(8).build(), "has no graph");
    }

    @Test
    void aLengthPrefixClaimingTwoGigabytes() throws IOException {
        // field 7 (graph), length-delimited, length 0x7ffffff0, then 3 bytes: a 9-byte file claiming 2 GB
        byte[] bytes = {0x3a, (byte) 0xf0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2, 3};
        fails("length.onnx", bytes, "not an ONNX model, or it is truncated or damaged");
    }

    @Test
    void unknownOperatorNamesNodeOpAndWhatIsSupported() throws IOException {
        GraphProto.Builder graph = graph();
        graph.getNodeBuilder(1).setOpType("Conv");
        fails("conv.onnx", withGraph(graph), "node 'dense/activation' (Conv) is not supported", "Gemm", "MatMul followed by Add",
                "Sigmoid", "Tanh", "Relu", "Softmax", "Identity");
    }

    @Test
    void operatorFromAnotherDomain() throws IOException {
        GraphProto.Builder graph = graph();
        graph.getNodeBuilder(0).setDomain("com.microsoft").setOpType("FusedGemm");
        fails("domain.onnx", withGraph(graph), "node 'dense' (FusedGemm) is from the operator domain 'com.microsoft'");
    }

    @Test
    void unknownOpset() throws IOException {
        ModelProto model = good.toBuilder().clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(99)).build();
        fails("opset.onnx", model, "opset 99", "reads opsets 7 to 22");
        fails("no-opset.onnx", good.toBuilder().clearOpsetImport().build(), "imports no opset of the standard ONNX domain");
    }

    @Test
    void dataShorterThanTheDimensionsPromise() throws IOException {
        GraphProto.Builder graph = graph();
        graph.setInitializer(0, kernel().setRawData(kernel().getRawData().substring(0, 20)));
        fails("short.onnx", withGraph(graph), "weight 'dense/kernel' [3, 4] needs 12 FLOAT values (48 bytes), but the file "
                + "holds 20 bytes");
        graph.setInitializer(0, kernel().clearRawData().addAllFloatData(java.util.List.of(1f, 2f, 3f)));
        fails("float-data.onnx", withGraph(graph), "needs 12 FLOAT values (48 bytes), but the file holds 3 values");
    }

    @Test
    void hugeDeclaredDimensionsFailBeforeAllocatingAndMemoryStaysBounded() throws IOException {
        GraphProto.Builder graph = graph();
        graph.setInitializer(0, kernel().clearDims().addDims(1L << 30).addDims(1L << 30)); // 2^60 values, 48 bytes
        fails("huge.onnx", withGraph(graph), "weight 'dense/kernel' claims [1073741824, 1073741824]");

        // within the element limit (1.6e9 floats, 6.4 GB) but the file holds 48 bytes
        graph.setInitializer(0, kernel().clearDims().addDims(40_000).addDims(40_000));
        graph.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(1).setDimValue(40_000);
        Path file = write("big.onnx", withGraph(graph).toByteArray());
        assertTrue(Files.size(file) < 2_000, "a small file: " + Files.size(file));
        boolean peakKnown = resetPeakResidentMemory();
        long before = residentMemory("VmRSS");
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> Onnx.importModel(file));
        double seconds = (System.nanoTime() - start) / 1e9;
        long growth = residentMemory("VmHWM") - before;
        assertTrue(e.getMessage().contains("needs 1600000000 FLOAT values (6400000000 bytes), but the file holds 48 bytes"),
                e.getMessage());
        assertTrue(seconds < 1, "took " + seconds + " s");
        if (peakKnown) {
            System.out.printf("ONNX import of a file claiming a 6.4 GB weight: peak resident memory grew by %.1f MB%n",
                    growth / 1e6);
            assertTrue(growth < 64 << 20, "the process's peak memory grew by " + (growth >> 20) + " MB");
        }
    }

    @Test
    void zeroOrNegativeDimensions() throws IOException {
        GraphProto.Builder graph = graph();
        graph.setInitializer(0, kernel().setDims(0, -3));
        fails("negative.onnx", withGraph(graph), "has dimension -3 in [-3, 4]");
        graph.setInitializer(0, kernel().setDims(0, 0));
        fails("zero.onnx", withGraph(graph), "has dimension 0 in [0, 4]");
    }

    @Test
    void aCycleBesideTheChain() throws IOException {
        GraphProto.Builder graph = graph();
        graph.addNode(NodeProto.newBuilder().setName("a").setOpType("Relu").addInput("b").addOutput("a"));
        graph.addNode(NodeProto.newBuilder().setName("b").setOpType("Relu").addInput("a").addOutput("b"));
        fails("cycle.onnx", withGraph(graph), "node 'a' (Relu) is not on the path from the input to the output (a cycle");
    }

    @Test
    void aNodeReadingItsOwnOutput() throws IOException {
        GraphProto.Builder graph = graph();
        graph.getNodeBuilder(1).setInput(0, "dense/activation"); // Tanh reads what it writes
        fails("self.onnx", withGraph(graph), "node 'dense/activation' (Tanh) reads its own output 'dense/activation': a cycle");
    }

    @Test
    void aMissingWeight() throws IOException {
        GraphProto.Builder graph = graph();
        graph.removeInitializer(0); // dense/kernel
        fails("missing.onnx", withGraph(graph), "node 'dense' (Gemm) reads [input, dense/kernel, dense/bias]",
                "a missing weight?");
    }

    @Test
    void weightsStoredOutsideTheFile() throws IOException {
        GraphProto.Builder graph = graph();
        graph.setInitializer(0, kernel().clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("/etc/passwd")));
        fails("external.onnx", withGraph(graph), "weight 'dense/kernel' is stored outside the file (external data)");
    }

    @Test
    void integerWeights() throws IOException {
        GraphProto.Builder graph = graph();
        graph.setInitializer(0, kernel().setDataType(TensorProto.DataType.INT64_VALUE));
        fails("int64.onnx", withGraph(graph), "weight 'dense/kernel' has element type INT64");
    }

    @Test
    void aDoubleBiasInAFloatModel() throws IOException {
        GraphProto.Builder graph = graph();
        graph.setInitializer(1, TensorProto.newBuilder().setName("dense/bias").setDataType(TensorProto.DataType.DOUBLE_VALUE)
                .addDims(4).setRawData(ByteString.copyFrom(new byte[32])));
        fails("mixed.onnx", withGraph(graph), "node 'dense' (Gemm)'s weight 'dense/bias' is DOUBLE but the graph input is FLOAT");
    }

    @Test
    void layersWhoseShapesDoNotFit() throws IOException {
        GraphProto.Builder graph = graph();
        TensorProto second = good.getGraph().getInitializer(2); // dense_1/kernel [4, 2]
        graph.setInitializer(2, second.toBuilder().setDims(0, 2).setDims(1, 4));
        fails("shapes.onnx", withGraph(graph), "node 'dense_1' (Gemm)'s weight 'dense_1/kernel' has shape [2, 4], so 2 inputs, "
                + "but the layer before gives 4");
        GraphProto.Builder bias = graph();
        bias.setInitializer(1, bias.getInitializer(1).toBuilder().setDims(0, 3)
                .setRawData(ByteString.copyFrom(new byte[12])));
        fails("bias.onnx", withGraph(bias), "bias 'dense/bias' has shape [3]; a layer of 4 units needs [4] or [1, 4]");
    }

    @Test
    void gemmAttributesOutsideXWPlusB() throws IOException {
        GraphProto.Builder graph = graph();
        graph.getNodeBuilder(0).addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT)
                .setF(2));
        fails("alpha.onnx", withGraph(graph), "node 'dense' (Gemm) has alpha = 2.0", "alpha = beta = 1");
        GraphProto.Builder transA = graph();
        transA.getNodeBuilder(0).addAttribute(AttributeProto.newBuilder().setName("transA").setType(AttributeProto.AttributeType.INT)
                .setI(1));
        fails("transA.onnx", withGraph(transA), "has transA = 1");
    }

    @Test
    void softmaxOverTheBatch() throws IOException {
        GraphProto.Builder graph = graph();
        graph.getNodeBuilder(3).setAttribute(0, AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                .setI(0));
        fails("axis.onnx", withGraph(graph), "node 'dense_1/activation' (Softmax)", "last axis");
    }

    @Test
    void anAttributeOfAnUnreadKind() throws IOException {
        GraphProto.Builder graph = graph();
        graph.getNodeBuilder(1).addAttribute(AttributeProto.newBuilder().setName("sub").setType(AttributeProto.AttributeType.GRAPH)
                .setG(GraphProto.newBuilder().setName("inner")));
        fails("graph-attribute.onnx", withGraph(graph), "attribute 'sub' is of kind GRAPH");
    }

    @Test
    void graphsNestedDeeplyInsideAttributes() throws IOException {
        GraphProto inner = GraphProto.newBuilder().setName("bottom").build();
        for (int i = 0; i < 200; i++) {
            inner = GraphProto.newBuilder().setName("g" + i).addNode(NodeProto.newBuilder().setName("n" + i).setOpType("If")
                    .addAttribute(AttributeProto.newBuilder().setName("then_branch").setType(AttributeProto.AttributeType.GRAPH)
                            .setG(inner))).build();
        }
        GraphProto.Builder graph = graph();
        graph.getNodeBuilder(1).addAttribute(AttributeProto.newBuilder().setName("deep").setType(AttributeProto.AttributeType.GRAPH)
                .setG(inner));
        fails("deep.onnx", withGraph(graph), "not an ONNX model, or it is truncated or damaged");
    }

    @Test
    void aBranchingGraph() throws IOException {
        GraphProto.Builder graph = graph();
        graph.addNode(NodeProto.newBuilder().setName("side").setOpType("Relu").addInput("dense").addOutput("side"));
        fails("branch.onnx", withGraph(graph), "'dense' is read by node 'dense/activation' (Tanh) and by node 'side' (Relu): "
                + "the graph branches");
    }

    @Test
    void aValueWrittenTwice() throws IOException {
        GraphProto.Builder graph = graph();
        graph.getNodeBuilder(1).setOutput(0, "dense");
        fails("twice.onnx", withGraph(graph), "writes 'dense', which the graph input, a weight or another node already provides");
    }

    @Test
    void twoInputs() throws IOException {
        GraphProto.Builder graph = graph();
        graph.addInput(graph.getInput(0).toBuilder().setName("second"));
        fails("inputs.onnx", withGraph(graph), "the graph has 2 inputs besides its weights");
    }

    @Test
    void anInputOfRankThree() throws IOException {
        GraphProto.Builder graph = graph();
        graph.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(5));
        fails("rank3.onnx", withGraph(graph), "the graph input 'input' has 3 dimensions");
    }

    @Test
    void notANumberInAWeight() throws IOException {
        GraphProto.Builder graph = graph();
        byte[] raw = kernel().getRawData().toByteArray();
        java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(8, Float.NaN);
        graph.setInitializer(0, kernel().setRawData(ByteString.copyFrom(raw)));
        fails("nan.onnx", withGraph(graph), "NaN");
    }

    @Test
    void tooManyNodes() throws IOException {
        GraphProto.Builder graph = graph();
        for (int i = 0; i < OnnxReader.MAX_NODES; i++) {
            graph.addNode(NodeProto.newBuilder().setName("extra" + i).setOpType("Relu").addInput("x" + i).addOutput("y" + i));
        }
        fails("many.onnx", withGraph(graph), "the graph has 10004 nodes, more than 10000");
    }

    /**
     * Truncations of a good file (every 4th length) and every single flipped byte: each imports or fails with an
     * IOException naming the file; nothing else escapes.
     */
    @Test
    void everyTruncationAndFlippedByteFailsCleanly() throws IOException {
        byte[] bytes = good.toByteArray();
        Path file = dir.resolve("damaged.onnx");
        int failures = 0;
        int variants = 0;
        for (int variant = 0; variant < bytes.length * 2; variant++) {
            byte[] bad;
            if (variant < bytes.length) {
                if (variant % 4 != 0) {
                    continue; // every 4th length: the import of each longer prefix fails the same way
                }
                bad = Arrays.copyOf(bytes, variant);
            } else {
                bad = bytes.clone();
                bad[variant - bytes.length] ^= (byte) 0xff;
            }
            Files.write(file, bad);
            variants++;
            try {
                Onnx.importModel(file);
            } catch (IOException e) {
                failures++;
                assertTrue(e.getMessage() != null && e.getMessage().startsWith("Cannot import an ONNX model from " + file),
                        "variant " + variant + ": " + e);
            } catch (RuntimeException e) {
                throw new AssertionError("variant " + variant + " escaped as " + e, e);
            }
        }
        System.out.printf("ONNX import of %d damaged variants of a %d-byte file: %d refused with an IOException, the rest "
                + "imported%n", variants, bytes.length, failures);
        assertTrue(failures > variants / 2, failures + " failures");
    }

    /** Resets the kernel's record of this process's peak resident memory (Linux); false where it cannot. */
    private static boolean resetPeakResidentMemory() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return residentMemory("VmHWM") > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A size in bytes from /proc/self/status ("VmRSS" now, "VmHWM" the peak), or -1. */
    private static long residentMemory(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
