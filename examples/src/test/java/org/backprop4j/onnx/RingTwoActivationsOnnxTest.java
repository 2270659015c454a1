package org.backprop4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import ai.onnxruntime.OrtException;
import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.activations.Elu;
import org.backprop4j.core.activations.HardSigmoid;
import org.backprop4j.core.activations.LeakyRelu;
import org.backprop4j.core.activations.Selu;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ELU;
import org.backprop4j.layers.LeakyReLU;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ring-2 activations exported to ONNX (opset 17: Elu, Selu, Softplus, Softsign, LeakyRelu,
 * HardSigmoid, Exp as one operator; relu6 as Clip(0, 6); gelu, silu and mish as compositions) run in
 * ONNX Runtime and give {@code predict}'s numbers, as a Dense layer's activation and as an Activation
 * layer, and the LeakyReLU and ELU layers: FLOAT within {@value OnnxRuntimeTest#FLOAT_TOLERANCE}, DOUBLE
 * within {@value OnnxRuntimeTest#DOUBLE_TOLERANCE} where ONNX Runtime has a double kernel (where it has
 * none, the message names the operator). The single-operator ones import back as the same activation.
 */
class RingTwoActivationsOnnxTest {

    private static final List<String> NAMES = List.of("elu", "selu", "gelu", "silu", "softplus", "softsign", "leaky_relu",
            "hard_sigmoid", "relu6", "mish", "exponential");
    /**
     * The ONNX operators ONNX Runtime (CPU) runs in float only, and QuickGelu, which its default graph
     * optimisations make of {@code x * Sigmoid(x)} (docs/onnx.md).
     */
    private static final Set<String> FLOAT_ONLY = Set.of("Elu", "Selu", "Softplus", "Softsign", "LeakyRelu",
            "HardSigmoid", "Erf", "QuickGelu");
    private static final Map<String, String> MEASURED = new TreeMap<>();

    @TempDir
    Path dir;

    @AfterAll
    static void report() {
        System.out.println("ring-2 activations, ONNX Runtime vs predict (per-sample relative error):");
        MEASURED.forEach((what, result) -> System.out.println("  " + what + "  " + result));
    }

    @Test
    void everyActivationRunsInOnnxRuntime() throws Exception {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (String name : NAMES) {
                Sequential model = new Sequential(51, type);
                model.add(new Dense(6, 5, name)).add(new Dense(4, "tanh")).add(new Activation(name)); // exp(exp) overflows float
                run(model, name + " " + type);
            }
            Sequential layers = new Sequential(52, type);
            layers.add(new Dense(6, 5)).add(new LeakyReLU()).add(new Dense(4)).add(new ELU(0.5));
            run(layers, "LeakyReLU, ELU(0.5) " + type);
        }
    }

    private void run(Sequential model, String what) throws Exception {
        Path file = dir.resolve(what.replaceAll("[^A-Za-z0-9_.]", "_") + ".onnx");
        Onnx.export(model, file);
        Random random = new Random(53);
        double worst = 0;
        try {
            for (int batch : OnnxRuntimeTest.BATCHES) {
                INDArray x = OrtRunner.uniform(random, batch, 5, -3, 3);
                worst = Math.max(worst, OrtRunner.rowRelativeError(OrtRunner.run(file, x, model.dataType()),
                        model.predict(x).toDoubleMatrix(), 1e-12));
            }
        } catch (OrtException e) {
            String message = e.getMessage().replaceAll("\\s+", " ");
            assertTrue(model.dataType() == DataType.DOUBLE && FLOAT_ONLY.stream().anyMatch(message::contains),
                    what + ": " + message);
            MEASURED.put(what, "no double kernel in ONNX Runtime: "
                    + FLOAT_ONLY.stream().filter(message::contains).findFirst().orElse("?"));
            return;
        }
        double tolerance = model.dataType() == DataType.FLOAT ? OnnxRuntimeTest.FLOAT_TOLERANCE : OnnxRuntimeTest.DOUBLE_TOLERANCE;
        MEASURED.put(what, String.format("%.1e", worst));
        assertTrue(worst <= tolerance, what + ": " + worst);
    }

    @Test
    void theSingleOperatorOnesImportBack() throws Exception {
        for (String name : List.of("elu", "selu", "softplus", "softsign", "leaky_relu", "hard_sigmoid", "exponential")) {
            Sequential model = new Sequential(54, DataType.FLOAT);
            model.add(new Dense(6, 5, name)).add(new Dense(3));
            Path file = dir.resolve(name + "-import.onnx");
            Onnx.export(model, file);
            Sequential again = Onnx.importModel(file);
            Dense dense = (Dense) again.getLayers().stream().filter(l -> l instanceof Dense).findFirst().orElseThrow();
            ActivationFunction builtIn = Registry.ACTIVATIONS.create(name);
            if (dense.activation().getClass() != builtIn.getClass()) {
                // a later registration claims the operator (OnnxExtensionTest's own LeakyRelu, in this JVM): it wins
                assertEquals(((OnnxActivation) builtIn).onnxOp(), ((OnnxActivation) dense.activation()).onnxOp(), name);
                continue;
            }
            INDArray x = OrtRunner.uniform(new Random(55), 7, 5, -3, 3);
            assertArrayEquals(model.predict(x).data().asDouble(), again.predict(x).data().asDouble(), 0, name);
            assertInstanceOf(builtIn.getClass(), dense.activation(), name);
        }
        Sequential custom = new Sequential(56, DataType.FLOAT);
        custom.add(new Dense(4, 3, new Elu(0.5))).add(new Dense(2)).add(new Activation(new LeakyRelu(0.05)));
        Path file = dir.resolve("custom.onnx");
        Onnx.export(custom, file);
        String configs = Onnx.importModel(file).getLayers().stream().map(l -> l.config().toString()).toList().toString();
        assertTrue(configs.contains("alpha=0.5") && configs.contains("0.05"), configs);
    }

    @Test
    void importRefusesOtherConstants() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HardSigmoid().fromOnnx(Map.of()));
        assertTrue(e.getMessage().contains("alpha = 0.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Selu().fromOnnx(Map.of("gamma", 2.0)));
        assertTrue(e.getMessage().contains("gamma = 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Elu().fromOnnx(Map.of("beta", 1.0)));
        assertTrue(e.getMessage().contains("'beta'"), e.getMessage());
    }
}
