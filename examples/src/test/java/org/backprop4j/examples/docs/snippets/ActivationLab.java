package org.backprop4j.examples.docs.snippets;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Backprop;
import org.backprop4j.core.CallContext;
import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.Jacobians;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/activation-lab.md: a user-defined activation (LeakyReLU), checked by GradientCheck and by the
// EXPLICIT_JACOBIAN mode, then broken on purpose.
public class ActivationLab {

    // snippet-start: leaky-relu
    /** a = z for z > 0, alpha z otherwise (Keras' LeakyReLU; its default alpha is 0.3). */
    public static class MyLeakyRelu implements ActivationFunction {
        final double alpha;

        public MyLeakyRelu(double alpha) {
            this.alpha = alpha;
        }

        @Override
        public String name() {
            return "my_leaky_relu";
        }

        @Override
        public void forward(INDArray z, INDArray a) {             // (batchSize, n); a may be z
            for (int b = 0; b < z.rows(); b++) {
                for (int i = 0; i < z.columns(); i++) {
                    double value = z.getDouble(b, i);
                    a.putScalar(b, i, value > 0 ? value : alpha * value);
                }
            }
        }

        /** The slope da/dz, read off the output: a > 0 exactly where z > 0 (alpha > 0). */
        double slope(double a) {
            return a > 0 ? 1 : alpha;
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {  // dLdz = dLda * slope(a)
            for (int b = 0; b < a.rows(); b++) {
                for (int i = 0; i < a.columns(); i++) {
                    dLdz.putScalar(b, i, dLda.getDouble(b, i) * slope(a.getDouble(b, i)));
                }
            }
        }

        @Override
        public INDArray jacobian(INDArray z, INDArray a) {        // one sample: diag(slope(a_i)), (n, n)
            INDArray row = a.reshape(a.length());
            INDArray slopes = Nd4j.zeros(a.dataType(), a.length());
            for (int i = 0; i < a.length(); i++) {
                slopes.putScalar(i, slope(row.getDouble(i)));
            }
            return Nd4j.diag(slopes);
        }
    }
    // snippet-end

    // snippet-start: layer
    /** A layer that applies any ActivationFunction, as Keras' Activation(callable) does. */
    public static class CustomActivation extends Layer {
        private final ActivationFunction function;

        public CustomActivation(ActivationFunction function) {
            this.function = function;                             // the model names the layer
        }

        @Override
        protected long build(long inputSize, Random random) {
            return inputSize;                                     // no weights; n in, n out
        }

        @Override
        public INDArray forward(INDArray input, CallContext context) {
            INDArray output = context.buffer(this, "output", input.rows(), input.columns());
            function.forward(input, output);
            context.keep(this, "input", input);                   // z and a, for this call's backward pass
            context.keep(this, "output", output);
            return output;
        }

        @Override
        public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) { // FUSED
            if (!needInputGradient) {
                return null;
            }
            INDArray dLdInput = context.buffer(this, "dLdInput", dLdOutput.rows(), dLdOutput.columns());
            function.backward(context.kept(this, "input"), context.kept(this, "output"), dLdOutput, dLdInput);
            return dLdInput;
        }

        @Override
        public INDArray backwardExplicit(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
            return needInputGradient                              // EXPLICIT_JACOBIAN
                    ? Jacobians.activationBackward(function, context.kept(this, "input"), context.kept(this, "output"),
                            dLdOutput) : null;
        }
    }
    // snippet-end

    // snippet-start: bug
    /** The same activation with a bug in its backward pass: the two slopes swapped. */
    public static class SwappedSlopes extends MyLeakyRelu {
        public SwappedSlopes(double alpha) {
            super(alpha);
        }

        @Override
        public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
            for (int b = 0; b < a.rows(); b++) {
                for (int i = 0; i < a.columns(); i++) {
                    double wrongSlope = a.getDouble(b, i) > 0 ? alpha : 1;   // should be 1 : alpha
                    dLdz.putScalar(b, i, dLda.getDouble(b, i) * wrongSlope);
                }
            }
        }
    }
    // snippet-end

    // snippet-start: main
    static final INDArray X = Nd4j.create(new double[][] {{0.2, -0.4, 0.9}, {1.0, 0.3, -0.5}, {-0.7, 0.8, 0.1}});
    static final INDArray Y = Nd4j.create(new double[][] {{1, 0}, {0, 1}, {1, 0}});

    /** 3 inputs -> Dense(4) -> the activation -> Dense(2) -> softmax, categorical cross-entropy. */
    public static Sequential model(ActivationFunction activation) {
        Sequential model = new Sequential(11L);
        model.add(new Dense(4, 3));
        model.add(new CustomActivation(activation));
        model.add(new Dense(2));
        model.add(new Activation("softmax"));
        return model.compile("categorical_crossentropy", new SGD(0.1));
    }

    public static void main(String[] args) {
        for (MyLeakyRelu activation : List.of(new MyLeakyRelu(0.3), new SwappedSlopes(0.3))) {
            System.out.println(activation instanceof SwappedSlopes ? "With the slopes swapped in backward:"
                    : "MyLeakyRelu(0.3) between two Dense layers:");
            Sequential fused = model(activation);
            GradientCheck.Result check = GradientCheck.check(fused, X, Y);
            check.worstRelativeErrors().forEach((weights, error) -> System.out.printf(Locale.ROOT,
                    "  %-15s worst relative error %.1e%n", weights, error));
            System.out.println("  gradient check passes (every error below 1e-6): " + (check.maxRelativeError() < 1e-6));

            Sequential explicit = model(activation).setBackprop(Backprop.EXPLICIT_JACOBIAN);
            System.out.printf(Locale.ROOT, "  FUSED (backward) against EXPLICIT_JACOBIAN (jacobian): max |difference| %.1e%n",
                    maxDifference(fused.gradients(X, Y), explicit.gradients(X, Y)));
            System.out.println("  gradient check in EXPLICIT_JACOBIAN mode passes: "
                    + (GradientCheck.check(explicit, X, Y).maxRelativeError() < 1e-6));
        }
    }

    public static double maxDifference(List<INDArray> a, List<INDArray> b) {
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            worst = Math.max(worst, a.get(i).sub(b.get(i)).amaxNumber().doubleValue());
        }
        return worst;
    }
    // snippet-end
}
