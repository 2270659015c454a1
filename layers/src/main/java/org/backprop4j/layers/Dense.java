package org.backprop4j.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
import org.backprop4j.core.Initializer;
import org.backprop4j.core.Jacobians;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Regularizer;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.internal.Gemm;
import org.backprop4j.core.internal.Kernels;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;
import org.backprop4j.onnx.OnnxLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer, as Keras' {@code Dense}: {@code z = x . kernel + bias}, then an optional
 * activation {@code a = f(z)}.
 *
 * <p>Shapes: x {@code (batchSize, inputSize)}, kernel {@code (inputSize, units)}, bias
 * {@code (units)}, z and a {@code (batchSize, units)}. The kernel starts glorot_uniform and the
 * bias at zero unless {@link #kernelInitializer} and {@link #biasInitializer} say otherwise.
 * {@link #kernelRegularizer} and {@link #biasRegularizer} add a penalty {@code R(kernel) + R(bias)}
 * to the loss ({@link #penalty()}) and its gradient {@code dR/dkernel}, {@code dR/dbias} to the
 * weights' gradients in every backward pass, as Keras' {@code kernel_regularizer}.
 *
 * <p>Backward (the DL4J contract), with {@code delta = dL/dz}:
 * <pre>
 *   dL/dkernel = x^T . delta        (inputSize, units): each sample's adjustments, summed
 *   dL/dbias   = sum over rows of delta
 *   dL/dx      = delta . kernel^T   (batchSize, inputSize)
 * </pre>
 *
 * <p>Threads: belongs to one model; its forward pass may run on several threads at once, each with
 * its own context, while its weights change only on the model's training thread (see {@link
 * org.backprop4j.core.Layer}).
 */
public class Dense extends Layer implements OnnxLayer {

    private final int units;
    private final long declaredInputSize;
    private final ActivationFunction activation;
    private Initializer kernelInitializer = Registry.INITIALIZERS.create("glorot_uniform");
    private Initializer biasInitializer = Registry.INITIALIZERS.create("zeros");
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;

    private INDArray kernel;
    private INDArray bias;
    private INDArray kernelGradient;
    private INDArray biasGradient;

    /** {@code Dense(units)}: the input size is taken from the previous layer. */
    public Dense(int units) {
        this(units, -1, (ActivationFunction) null);
    }

    /** {@code Dense(units, input_shape=(inputDim,))}, for the first layer. */
    public Dense(int units, int inputDim) {
        this(units, inputDim, (ActivationFunction) null);
    }

    /** {@code Dense(units, activation=...)} with the input size from the previous layer. */
    public Dense(int units, String activation) {
        this(units, -1, activation);
    }

    /**
     * {@code Dense(units, input_shape=(inputDim,), activation=...)}.
     *
     * @param inputDim the input size, or -1 to take it from the previous layer
     * @param activation a registered activation name, or null for none
     */
    public Dense(int units, int inputDim, String activation) {
        this(units, inputDim, activation == null ? null : Registry.ACTIVATIONS.create(activation));
    }

    /**
     * {@code Dense(units, input_shape=(inputDim,), activation=...)} with an activation object.
     *
     * @param inputDim the input size, or -1 to take it from the previous layer
     * @param activation the activation after the weighted sum, or null for none
     */
    public Dense(int units, int inputDim, ActivationFunction activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense needs units >= 1, got " + units);
        }
        if (inputDim == 0 || inputDim < -1) {
            throw new IllegalArgumentException("Dense needs inputDim >= 1 (or -1 for inferred), got " + inputDim);
        }
        this.units = units;
        this.declaredInputSize = inputDim;
        this.activation = activation;
    }

    /** Keras' {@code kernel_initializer} by name, e.g. {@code "glorot_uniform"}; before the layer is built. */
    public Dense kernelInitializer(String name) {
        return kernelInitializer(Registry.INITIALIZERS.create(name));
    }

    /** Keras' {@code kernel_initializer}; before the layer is built. */
    public Dense kernelInitializer(Initializer initializer) {
        this.kernelInitializer = checkUnbuilt(initializer, "kernelInitializer");
        return this;
    }

    /** Keras' {@code bias_initializer} by name, e.g. {@code "zeros"}; before the layer is built. */
    public Dense biasInitializer(String name) {
        return biasInitializer(Registry.INITIALIZERS.create(name));
    }

    /** Keras' {@code bias_initializer}; before the layer is built. */
    public Dense biasInitializer(Initializer initializer) {
        this.biasInitializer = checkUnbuilt(initializer, "biasInitializer");
        return this;
    }

    /** Keras' {@code kernel_regularizer}, e.g. {@code Regularizers.l2(0.01)}; before the layer is built. */
    public Dense kernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = checkUnbuilt(regularizer, "kernelRegularizer");
        return this;
    }

    /** Keras' {@code bias_regularizer}, e.g. {@code Regularizers.l1(0.001)}; before the layer is built. */
    public Dense biasRegularizer(Regularizer regularizer) {
        this.biasRegularizer = checkUnbuilt(regularizer, "biasRegularizer");
        return this;
    }

    /** The kernel's regulariser, or null. */
    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    /** The bias's regulariser, or null. */
    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    private <T> T checkUnbuilt(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(describe() + ": " + what + " must not be null");
        }
        if (isBuilt()) {
            throw new IllegalStateException(describe() + " is built already: set " + what + " before adding it to a model");
        }
        return value;
    }

    /** From the map {@link #config()} returns (the initialisers may be missing: version-1 files). */
    public static Dense fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Dense", List.of("units", "inputDim", "activation"),
                List.of("kernelInitializer", "biasInitializer", "kernelRegularizer", "biasRegularizer"));
        Dense dense = new Dense((int) Config.integer(config, "units", 1, Integer.MAX_VALUE),
                (int) Config.integer(config, "inputDim", -1, Integer.MAX_VALUE),
                Config.component(Registry.ACTIVATIONS, config, "activation", true));
        if (config.containsKey("kernelInitializer")) {
            dense.kernelInitializer(Config.component(Registry.INITIALIZERS, config, "kernelInitializer", false));
        }
        if (config.containsKey("biasInitializer")) {
            dense.biasInitializer(Config.component(Registry.INITIALIZERS, config, "biasInitializer", false));
        }
        if (config.get("kernelRegularizer") != null) {
            dense.kernelRegularizer(Config.component(Registry.REGULARIZERS, config, "kernelRegularizer", false));
        }
        if (config.get("biasRegularizer") != null) {
            dense.biasRegularizer(Config.component(Registry.REGULARIZERS, config, "biasRegularizer", false));
        }
        return dense;
    }

    /**
     * {@code {"units", "inputDim" (-1 when inferred), "activation" (or null), "kernelInitializer",
     * "biasInitializer"}}, and {@code "kernelRegularizer"}/{@code "biasRegularizer"} when set.
     */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("units", units);
        config.put("inputDim", declaredInputSize);
        config.put("activation", activation == null ? null : Config.component(Registry.ACTIVATIONS, activation));
        config.put("kernelInitializer", Config.component(Registry.INITIALIZERS, kernelInitializer));
        config.put("biasInitializer", Config.component(Registry.INITIALIZERS, biasInitializer));
        if (kernelRegularizer != null) {
            config.put("kernelRegularizer", Config.component(Registry.REGULARIZERS, kernelRegularizer));
        }
        if (biasRegularizer != null) {
            config.put("biasRegularizer", Config.component(Registry.REGULARIZERS, biasRegularizer));
        }
        return config;
    }

    @Override
    protected long build(long inputSize, Random random) {
        if (valuesWillBeLoaded()) { // a model being loaded: the file's values replace these at once
            kernel = Nd4j.create(dataType(), inputSize, units);
            bias = Nd4j.create(dataType(), units);
        } else {
            kernel = kernelInitializer.create(new long[] {inputSize, units}, dataType(), random);
            bias = biasInitializer.create(new long[] {units}, dataType(), random);
        }
        kernelGradient = Nd4j.zeros(dataType(), inputSize, units);
        biasGradient = Nd4j.zeros(dataType(), units);
        return units;
    }

    /** kernel {@code (inputSize, units)} and bias {@code (units)}. */
    @Override
    public List<long[]> parameterShapes(long inputSize) {
        return List.of(new long[] {inputSize, units}, new long[] {units});
    }

    /**
     * {@code a = f(x . kernel + bias)}. Training keeps z apart from a when the activation's backward
     * pass reads it ({@link ActivationFunction#needsPreActivation}); otherwise a is computed in place of z.
     */
    @Override
    public INDArray forward(INDArray x, CallContext context) {
        boolean keepZ = context.training() && activation != null && activation.needsPreActivation();
        INDArray z = context.buffer(this, keepZ ? "z" : "output", x.rows(), units);
        multiply(x, false, kernel, false, z);                                  // z = x . kernel
        INDArray output = keepZ ? context.buffer(this, "output", x.rows(), units) : z;
        if (activation == null) {
            FastElementwise.addRowVector(z, bias);                             // z += bias, every row
        } else {
            activation.forward(z, bias, output);                               // z += bias, a = f(z): one fused pass
        }
        if (context.training()) {
            context.keep(this, "input", x);
            if (keepZ) {
                context.keep(this, "z", z);
            }
            context.keep(this, "output", output);
        }
        return output;
    }

    @Override
    public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        if (activation == null) {
            return backwardFromPreActivation(dLdOutput, needInputGradient, context);
        }
        INDArray dLdz = context.buffer(this, "dLdz", dLdOutput.rows(), units);
        activation.backward(preActivation(context), context.kept(this, "output"), dLdOutput, dLdz); // J_f^T dL/da
        return backwardFromPreActivation(dLdz, needInputGradient, context);
    }

    /** Given {@code delta = dL/dz}: {@code dkernel = x^T delta}, {@code dbias = sum(delta)}, {@code dx = delta kernel^T}. */
    @Override
    public INDArray backwardFromPreActivation(INDArray delta, boolean needInputGradient, CallContext context) {
        INDArray input = context.kept(this, "input");
        multiply(input, true, delta, false, kernelGradient);                   // dL/dkernel = x^T . delta
        if (FastElementwise.accepts(delta) && FastElementwise.accepts(biasGradient)
                && delta.dataType() == biasGradient.dataType()) {
            FastElementwise.instance().columnSums(delta, biasGradient);         // dL/dbias = sum over rows of delta
        } else {
            Kernels.forElements(delta, biasGradient).columnSums(delta, biasGradient);
        }
        addPenaltyGradients();                                                  // + dR/dkernel, dR/dbias
        if (!needInputGradient) {
            return null;                                                        // first layer: dL/dx is never used
        }
        INDArray dLdx = context.buffer(this, "dLdx", delta.rows(), inputSize());
        multiply(delta, false, kernel, true, dLdx);                            // dL/dx = delta . kernel^T
        return dLdx;
    }

    /**
     * {@code c = op(a) . op(b)}: tiny products in Java loops ({@link Kernels#forProduct}), the rest
     * straight to BLAS into c ({@link Gemm}, which hands views and other types to ND4J).
     */
    private static void multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        Kernels kernels = Kernels.forProduct(a, transposeA, b, c);
        if (kernels == Kernels.JAVA) {
            kernels.multiply(a, transposeA, b, transposeB, c);
        } else {
            Gemm.multiply(a, transposeA, b, transposeB, c);
        }
    }

    /** The kept z, or null when the activation does not need it (a was computed in its place). */
    private INDArray preActivation(CallContext context) {
        return activation.needsPreActivation() ? context.kept(this, "z") : null;
    }

    /**
     * The backward pass with every Jacobian materialised ({@code Backprop.EXPLICIT_JACOBIAN}): the
     * same gradients as {@link #backward}, as the hand derivation computes them; see
     * {@link DenseJacobianBackward}.
     */
    @Override
    public INDArray backwardExplicit(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
        INDArray dLdz = activation == null ? dLdOutput
                : Jacobians.activationBackward(activation, preActivation(context), context.kept(this, "output"),
                        dLdOutput); // J_f^T g
        DenseJacobianBackward.Gradients gradients = DenseJacobianBackward.of(kernel, context.kept(this, "input"), dLdz);
        kernelGradient.assign(gradients.kernel());
        biasGradient.assign(gradients.bias());
        addPenaltyGradients();
        return needInputGradient ? gradients.input() : null;
    }

    /** {@code R_kernel(kernel) + R_bias(bias)}: 0 without regularisers. */
    @Override
    public double penalty() {
        double penalty = 0;
        if (kernelRegularizer != null) {
            penalty += kernelRegularizer.penalty(kernel);
        }
        if (biasRegularizer != null) {
            penalty += biasRegularizer.penalty(bias);
        }
        return penalty;
    }

    /** Adds each regulariser's gradient to its weight's gradient. */
    private void addPenaltyGradients() {
        if (kernelRegularizer != null) {
            kernelRegularizer.addGradient(kernel, kernelGradient);
        }
        if (biasRegularizer != null) {
            biasRegularizer.addGradient(bias, biasGradient);
        }
    }

    @Override
    public ActivationFunction outputActivation() {
        return activation;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("kernel", kernel, kernelGradient), new Parameter("bias", bias, biasGradient));
    }

    @Override
    public long declaredInputSize() {
        return declaredInputSize;
    }

    /** Number of output columns. */
    public int units() {
        return units;
    }

    /** The activation applied after the weighted sum, or null. */
    public ActivationFunction activation() {
        return activation;
    }

    /** The live {@code (inputSize, units)} kernel. */
    public INDArray kernel() {
        return kernel;
    }

    /** The live {@code (units)} bias. */
    public INDArray bias() {
        return bias;
    }

    /**
     * ONNX: {@code Gemm(x, kernel, bias) = x . kernel + bias} (initializers {@code <layer>/kernel}
     * {@code (inputSize, units)} and {@code <layer>/bias} {@code (units)}), then the activation as {@code <layer>/activation}.
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input, List<INDArray> weights) {
        String kernelName = graph.initializer(name() + "/kernel", weights.get(0));
        String biasName = graph.initializer(name() + "/bias", weights.get(1));
        String z = graph.add("Gemm", name(), input, kernelName, biasName).output();
        if (activation == null) {
            return z;
        }
        if (!(activation instanceof OnnxActivation onnx)) {
            throw new IllegalStateException("its activation " + activation.name() + " (" + activation.getClass().getName()
                    + ") has no ONNX form: the class does not implement org.backprop4j.onnx.OnnxActivation");
        }
        return onnx.toOnnx(graph, z, name() + "/activation");
    }
}
