package org.backprop4j.core.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The scalar loops of one activation (a copy of {@link ScalarLoops} made for it by {@link
 * Specializer}): plain, same-type, same-length FLOAT or DOUBLE arrays, checked by the caller.
 */
interface ElementLoops {

    /** {@code a[i] = f(z[i])}; a may be z. */
    void forward(INDArray z, INDArray a);

    /** {@code dLdz[i] = backward(z[i], a[i], g[i])}; dLdz may be g. */
    void backward(INDArray z, INDArray a, INDArray g, INDArray dLdz);
}
