package org.backprop4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A penalty on a weight array that training adds to the loss, as Keras' {@code kernel_regularizer}:
 * e.g. L2, {@code l2 * sum(w^2)}, whose gradient {@code 2 l2 w} is added to {@code dL/dw}.
 * Built-in factories: {@code org.backprop4j.core.Regularizers}; a new one is one class plus
 * {@code Registry.REGULARIZERS.register("name", MyRegularizer.class, MyRegularizer::fromConfig)}.
 *
 * <p>Threads: implementations must be immutable: the layer calls them on the training thread and
 * while {@code evaluate} runs on others.
 */
public interface Regularizer extends Component {

    /** The registered name, e.g. {@code "l2"} (the class name while unregistered). */
    default String name() {
        return ComponentLookup.nameOrClass(Regularizer.class, this);
    }

    /** The penalty for {@code weights}. */
    double penalty(INDArray weights);

    /** Adds {@code d penalty / d weights} to {@code gradient} (same shape as the weights). */
    void addGradient(INDArray weights, INDArray gradient);

}
