package org.backprop4j.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;

import org.backprop4j.core.Sequential;

/**
 * A model to and from ONNX, the file format that ONNX Runtime (Java, Python, C#, C++, the browser),
 * PyTorch and most serving stacks read ({@code docs/onnx.md}).
 *
 * <pre>{@code
 * Onnx.export(model, Path.of("digits.onnx"));                  // serve it anywhere
 * Sequential again = Onnx.importModel(Path.of("mlp.onnx"));    // e.g. from torch.onnx.export
 * }</pre>
 *
 * <p>The file is an ONNX model of IR version {@value #IR_VERSION} and opset {@value #OPSET} (the
 * newest the ONNX 1.12 checker of Debian 12 accepts), whose graph computes {@code predict}: input
 * {@code (batch, inputSize)} with a symbolic batch dimension, output {@code (batch, outputSize)},
 * both of the model's type (FLOAT or DOUBLE). A Dense layer {@code x . kernel + bias} is a
 * {@code Gemm} node with the kernel and bias as initializers, followed by its activation's node;
 * Dropout is an {@code Identity}; an Input layer is the graph's input.
 *
 * <p>Threads: export reads the weights at one moment ({@code getWeights()}), so it may run while
 * another thread trains or predicts; import builds a new model.
 */
public final class Onnx {

    /** The ONNX operator set the export writes. */
    public static final int OPSET = 17;
    /** The ONNX file-format (IR) version the export writes (ONNX 1.10 to 1.12's). */
    public static final int IR_VERSION = 8;
    /** The graph input's name when the model does not start with a named Input layer. */
    public static final String INPUT_NAME = "input";
    /** The graph output's name. */
    public static final String OUTPUT_NAME = "output";

    private Onnx() {
    }

    /**
     * Writes {@code model}'s inference graph to {@code file} as ONNX, replacing the file through a
     * temporary one renamed over it (a crash never leaves half a file).
     *
     * @throws IllegalStateException naming the layer or activation that has no ONNX form (a layer
     *         type not implementing {@link OnnxLayer}), or a non-finite weight; nothing is written
     * @throws IOException naming the file if writing it fails
     */
    public static void export(Sequential model, Path file) throws IOException {
        OnnxExport.export(model, file);
    }

    /**
     * Reads an ONNX model made of a chain of {@code Gemm} (or {@code MatMul} then {@code Add}) and
     * activation nodes ({@code Sigmoid}, {@code Tanh}, {@code Relu}, {@code Softmax} on the last axis,
     * {@code Identity}, and every registered {@link OnnxActivation}'s operator) into a new, uncompiled
     * model of the file's type, with a random seed; compile it to train further. Every part of the
     * file is checked before anything large is allocated.
     *
     * @throws IOException naming the file and the problem: not ONNX, damaged, too large, a node outside
     *         the supported subset (its name, its operator and what is supported), shapes or data that do
     *         not fit together, a graph that is not one chain
     */
    public static Sequential importModel(Path file) throws IOException {
        return importModel(file, new Random().nextLong());
    }

    /** As {@link #importModel(Path)}, the model's seed (shuffling, dropout masks) set to {@code seed}. */
    public static Sequential importModel(Path file, long seed) throws IOException {
        return OnnxReader.read(file, seed);
    }

    /** This library's version ({@code 0.1.0-SNAPSHOT}), as written into exported files. */
    public static String libraryVersion() {
        try (InputStream in = Onnx.class.getResourceAsStream("backprop4j.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank() && !version.startsWith("$")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall through: an unknown version is not worth failing an export for
        }
        return "unknown";
    }
}
