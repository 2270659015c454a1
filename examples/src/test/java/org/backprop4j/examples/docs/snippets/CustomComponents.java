package org.backprop4j.examples.docs.snippets;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.Config;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Parameter;
import org.backprop4j.core.Registry;
import org.backprop4j.core.activations.ElementwiseActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/architecture.md: a user's own activation and layer, each one class plus one registration.
// CustomComponentsTest (integration) takes them through compile, fit, summary, a gradient check,
// save and load.
public final class CustomComponents {

    private CustomComponents() {
    }

    // snippet-start
    /** softplus: a = log(1 + e^z), with da/dz = sigmoid(z) = 1 - e^(-a). */
    public static final class MySoftplus extends ElementwiseActivation {
        @Override
        public float apply(float z) {
            return (float) apply((double) z);
        }

        @Override
        public double apply(double z) {
            return Math.log1p(Math.exp(z));
        }

        @Override
        public float backward(float z, float a, float g) {
            return (float) backward((double) z, a, g);
        }

        @Override
        public double backward(double z, double a, double g) {
            return g * (1 - Math.exp(-a));                     // dL/dz = dL/da * (1 - e^-a)
        }
    }

    /** y = x * scale, column by column: one trainable factor per input, starting at `initial`. */
    public static final class Scale extends Layer {
        private final double initial;
        private INDArray scale;          // (inputSize)
        private INDArray scaleGradient;  // (inputSize)

        public Scale(double initial) {
            this.initial = initial;
        }

        public static Scale fromConfig(Map<String, Object> config) {
            Config.requireKeys(config, "Scale", "initial");
            return new Scale(Config.number(config, "initial"));
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("initial", initial);
        }

        @Override
        protected long build(long inputSize, Random random) {
            scale = Nd4j.valueArrayOf(new long[] {inputSize}, initial, dataType());
            scaleGradient = Nd4j.zeros(dataType(), inputSize);
            return inputSize;
        }

        @Override
        public INDArray forward(INDArray x, CallContext context) {
            if (context.training()) {
                context.keep(this, "input", x);                   // for backward, in this call only
            }
            return x.mulRowVector(scale);
        }

        @Override
        public INDArray backward(INDArray dLdy, boolean needInputGradient, CallContext context) {
            INDArray x = context.kept(this, "input");
            scaleGradient.assign(dLdy.mul(x).sum(0));             // dL/dscale_j = sum_i dL/dy_ij x_ij
            return needInputGradient ? dLdy.mulRowVector(scale) : null; // dL/dx = dL/dy * scale
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(new Parameter("scale", scale, scaleGradient));
        }
    }

    /** One registration each; then "my_softplus" and "Scale" work by name, in summary, save and load. */
    public static void register() {
        Registry.ACTIVATIONS.register("my_softplus", MySoftplus.class, config -> new MySoftplus());
        Registry.LAYERS.register("Scale", Scale.class, Scale::fromConfig);
    }
    // snippet-end
}
