package org.backprop4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Config;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The extension point: an activation that is not built in joins ONNX from its own class. SiLU
 * writes the operators it is made of ({@code x * Sigmoid(x)}; in DOUBLE, ONNX Runtime's default
 * optimisations fuse that pair into its float-only {@code com.microsoft.QuickGelu} and the file does
 * not load, so the test records that and runs it with basic optimisations); a leaky ReLU writes ONNX's
 * {@code LeakyRelu} with its slope and is imported back with it; GELU's exact form needs {@code Erf},
 * which ONNX Runtime's CPU provider has for float only: the DOUBLE file does not load there, and the
 * test says so.
 */
class OnnxExtensionTest {

    @TempDir
    Path dir;

    /** {@code a = z * sigmoid(z)}: ONNX (opset 17) has no SiLU operator, so two nodes. Inference only. */
    static final class Silu implements ActivationFunction, OnnxActivation {
        @Override
        public void forward(INDArray z, INDArray a) {
            a.assign(z.mul(Transforms.sigmoid(z, true)));
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
            throw new UnsupportedOperationException("inference only in this test");
        }

        @Override
        public INDArray jacobian(INDArray z, INDArray a) {
            throw new UnsupportedOperationException("inference only in this test");
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input, String name) {
            String sigmoid = graph.add("Sigmoid", name + "/sigmoid", input).output();
            return graph.add("Mul", name, input, sigmoid).output();
        }
    }

    /** {@code a = z} for {@code z >= 0}, else {@code slope * z}: ONNX's LeakyRelu with alpha = slope. */
    static final class Leaky implements ActivationFunction, OnnxActivation {
        final double slope;

        Leaky(double slope) {
            this.slope = slope;
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("slope", slope);
        }

        @Override
        public void forward(INDArray z, INDArray a) {
            a.assign(Transforms.leakyRelu(z, slope, true));
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
            dLdz.assign(dLda.mul(Transforms.step(a, true).muli(1 - slope).addi(slope)));
        }

        @Override
        public INDArray jacobian(INDArray z, INDArray a) {
            return Nd4j.diag(Transforms.step(a.reshape(a.length()), true).muli(1 - slope).addi(slope));
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input, String name) {
            return graph.add("LeakyRelu", name, input).attribute("alpha", (float) slope).output();
        }

        @Override
        public String onnxOp() {
            return "LeakyRelu";
        }

        @Override
        public ActivationFunction fromOnnx(Map<String, Object> attributes) {
            if (!attributes.keySet().stream().allMatch("alpha"::equals)) {
                throw new IllegalArgumentException("LeakyRelu takes only alpha, got " + attributes.keySet());
            }
            return new Leaky((Double) attributes.getOrDefault("alpha", 0.01));
        }
    }

    /** The exact GELU, {@code z * (1 + erf(z / sqrt 2)) / 2}, written with ONNX's Erf. Inference only. */
    static final class Gelu implements ActivationFunction, OnnxActivation {
        @Override
        public void forward(INDArray z, INDArray a) {
            INDArray erf = z.div(Math.sqrt(2));
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Erf(erf, erf));
            a.assign(z.mul(erf.addi(1)).muli(0.5));
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
            throw new UnsupportedOperationException("inference only in this test");
        }

        @Override
        public INDArray jacobian(INDArray z, INDArray a) {
            throw new UnsupportedOperationException("inference only in this test");
        }

        @Override
        public String toOnnx(OnnxGraph graph, String input, String name) {
            String scaled = graph.add("Mul", name + "/scaled", input, graph.scalar(name + "/1_over_sqrt2", 1 / Math.sqrt(2)))
                    .output();
            String erf = graph.add("Erf", name + "/erf", scaled).output();
            String plusOne = graph.add("Add", name + "/plus_one", erf, graph.scalar(name + "/one", 1)).output();
            String times = graph.add("Mul", name + "/times_z", input, plusOne).output();
            return graph.add("Mul", name, times, graph.scalar(name + "/half", 0.5)).output();
        }
    }

    @BeforeAll
    static void register() {
        Registry.ACTIVATIONS.register("onnx_test_leaky_relu", Leaky.class,
                config -> new Leaky(config.containsKey("slope") ? Config.number(config, "slope") : 0.01));
    }

    @Test
    void aDecomposedActivationRunsInOnnxRuntime() throws Exception {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Sequential model = new Sequential(31, type);
            model.add(new Dense(5, 4, new Silu())).add(new Dense(3)).add(new Activation(new Silu()));
            double error;
            try {
                error = runtimeError(model, "silu");
            } catch (OrtException e) {
                assertEquals(DataType.DOUBLE, type, e.getMessage());
                assertTrue(e.getMessage().contains("QuickGelu"), e.getMessage());
                System.out.println("user-defined silu (Sigmoid, Mul), DOUBLE: ONNX Runtime with all optimisations cannot "
                        + "run it: " + e.getMessage().replaceAll("\\s+", " ").replaceAll("(.{300}).*", "$1..."));
                error = runtimeError(model, "silu", OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            }
            System.out.printf("user-defined silu (Sigmoid, Mul), %s: ONNX Runtime vs predict, per-sample relative %.2e%n",
                    type, error);
            assertTrue(error <= (type == DataType.FLOAT ? OnnxRuntimeTest.FLOAT_TOLERANCE : OnnxRuntimeTest.DOUBLE_TOLERANCE),
                    type + ": " + error);
        }
    }

    @Test
    void anActivationWithASettingExportsAndImportsWithIt() throws Exception {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Sequential model = new Sequential(32, type);
            model.add(new Dense(5, 4, new Leaky(0.25))).add(new Dense(2)).add(new Activation(new Leaky(0.25)));
            double error = runtimeError(model, "leaky");
            assertTrue(error <= (type == DataType.FLOAT ? OnnxRuntimeTest.FLOAT_TOLERANCE : OnnxRuntimeTest.DOUBLE_TOLERANCE),
                    type + ": " + error);
            Path file = dir.resolve("leaky-" + type + ".onnx");
            Onnx.export(model, file);
            Sequential again = Onnx.importModel(file);
            Leaky read = (Leaky) ((Dense) again.getLayers().get(1)).activation();
            assertEquals(0.25, read.slope);
            assertEquals(0.25, ((Leaky) ((Activation) again.getLayers().get(3)).function()).slope);
            INDArray x = OrtRunner.uniform(new Random(33), 9, 4, -2, 2);
            assertArrayEquals(model.predict(x).data().asDouble(), again.predict(x).data().asDouble(), 0.0);
        }
    }

    @Test
    void geluThroughErfRunsInFloatAndHasNoDoubleKernelInOnnxRuntime() throws Exception {
        Sequential floats = new Sequential(34, DataType.FLOAT);
        floats.add(new Dense(6, 4, new Gelu())).add(new Dense(2));
        double error = runtimeError(floats, "gelu");
        System.out.printf("user-defined gelu (Erf), FLOAT: ONNX Runtime vs predict, per-sample relative %.2e%n", error);
        assertTrue(error <= OnnxRuntimeTest.FLOAT_TOLERANCE, "FLOAT: " + error);

        Sequential doubles = new Sequential(34, DataType.DOUBLE);
        doubles.add(new Dense(6, 4, new Gelu())).add(new Dense(2));
        try {
            error = runtimeError(doubles, "gelu");
            System.out.printf("user-defined gelu (Erf), DOUBLE: ONNX Runtime vs predict, per-sample relative %.2e%n", error);
            assertTrue(error <= OnnxRuntimeTest.DOUBLE_TOLERANCE, "DOUBLE: " + error);
        } catch (OrtException e) {
            System.out.println("user-defined gelu (Erf), DOUBLE: ONNX Runtime cannot run it: "
                    + e.getMessage().replaceAll("\\s+", " "));
            assertTrue(e.getMessage().contains("Erf"), e.getMessage());
        }
    }

    /** The worst per-sample relative error of ONNX Runtime against predict over batches 1, 7 and 64. */
    private double runtimeError(Sequential model, String name) throws Exception {
        return runtimeError(model, name, OrtSession.SessionOptions.OptLevel.ALL_OPT);
    }

    private double runtimeError(Sequential model, String name, OrtSession.SessionOptions.OptLevel level) throws Exception {
        Path file = dir.resolve(name + "-" + model.dataType() + ".onnx");
        Onnx.export(model, file);
        Random random = new Random(35);
        double worst = 0;
        for (int batch : OnnxRuntimeTest.BATCHES) {
            INDArray x = OrtRunner.uniform(random, batch, (int) model.getLayers().get(0).inputSize(), -3, 3);
            worst = Math.max(worst, OrtRunner.rowRelativeError(OrtRunner.run(file, x, model.dataType(), level),
                    model.predict(x).toDoubleMatrix(), 1e-12));
        }
        return worst;
    }
}
