package org.backprop4j.core;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a layer's weights start, as Keras' {@code kernel_initializer}: a new array of a shape, drawn
 * from the model's seeded random stream (so the same seed gives bit-identical weights).
 *
 * <p>Fans, as Keras computes them: for a kernel {@code (fanIn, fanOut)}; for a vector of length n,
 * both are n. Built-ins live in {@code org.backprop4j.core.initializers}; a new one is one class
 * plus {@code Registry.INITIALIZERS.register("name", MyInit.class, config -> new MyInit())}.
 *
 * <p>Threads: implementations must be immutable and draw only from the random stream passed in; the
 * built-in ones are and may be shared.
 */
public interface Initializer extends Component {

    /** The registered name, e.g. {@code "glorot_uniform"} (the class name while unregistered). */
    default String name() {
        return ComponentLookup.nameOrClass(Initializer.class, this);
    }

    /**
     * A new {@code shape} array of {@code dataType}.
     *
     * @param shape {@code (fanIn, fanOut)} for a kernel, {@code (n)} for a bias
     */
    INDArray create(long[] shape, DataType dataType, Random random);


    /** Keras' fan-in of a shape: rows of a matrix, the length of a vector. */
    static long fanIn(long[] shape) {
        return shape[0];
    }

    /** Keras' fan-out of a shape: columns of a matrix, the length of a vector. */
    static long fanOut(long[] shape) {
        return shape.length > 1 ? shape[1] : shape[0];
    }
}
