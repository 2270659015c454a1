package org.backprop4j.core.kernels;

import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;

import org.backprop4j.core.activations.ElementwiseActivation;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The scalar loops of the element-wise kernels, as a template: {@link Specializer} defines one copy
 * of this class per activation, with that activation as the constant {@link #F}, so the JIT compiles
 * each copy for its own formula and inlines it into the loop (one shared loop calling many
 * activations would call each element's formula through a virtual call). Plain loops over the
 * native buffers through their JavaCPP indexers, which cost nothing to obtain: also the fastest
 * choice for tiny arrays. Each loop is a small method of its own, so that the JIT compiles each for
 * what it meets. Never used directly (its own {@link #F} is null).
 */
final class ScalarLoops implements ElementLoops {

    private static final ElementwiseActivation F = function();

    private static ElementwiseActivation function() {
        try {
            return MethodHandles.classDataAt(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, ElementwiseActivation.class, 0);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        if (z.dataType() == DataType.FLOAT) {
            forwardF((FloatIndexer) z.data().indexer(), (FloatIndexer) a.data().indexer(), z.length());
        } else {
            forwardD((DoubleIndexer) z.data().indexer(), (DoubleIndexer) a.data().indexer(), z.length());
        }
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray g, INDArray dLdz) {
        if (z.dataType() == DataType.FLOAT) {
            backwardF((FloatIndexer) z.data().indexer(), (FloatIndexer) a.data().indexer(),
                    (FloatIndexer) g.data().indexer(), (FloatIndexer) dLdz.data().indexer(), z.length());
        } else {
            backwardD((DoubleIndexer) z.data().indexer(), (DoubleIndexer) a.data().indexer(),
                    (DoubleIndexer) g.data().indexer(), (DoubleIndexer) dLdz.data().indexer(), z.length());
        }
    }

    private static void forwardF(FloatIndexer z, FloatIndexer a, long length) {
        for (long i = 0; i < length; i++) {
            a.put(i, F.apply(z.get(i)));
        }
    }

    private static void forwardD(DoubleIndexer z, DoubleIndexer a, long length) {
        for (long i = 0; i < length; i++) {
            a.put(i, F.apply(z.get(i)));
        }
    }

    private static void backwardF(FloatIndexer z, FloatIndexer a, FloatIndexer g, FloatIndexer dLdz, long length) {
        for (long i = 0; i < length; i++) {
            dLdz.put(i, F.backward(z.get(i), a.get(i), g.get(i)));
        }
    }

    private static void backwardD(DoubleIndexer z, DoubleIndexer a, DoubleIndexer g, DoubleIndexer dLdz, long length) {
        for (long i = 0; i < length; i++) {
            dLdz.put(i, F.backward(z.get(i), a.get(i), g.get(i)));
        }
    }
}
