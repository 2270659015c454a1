package org.backprop4j.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam's update of one FLOAT parameter, computed in float (as Keras and PyTorch do for float32
 * weights) in one pass over the native buffers, with SIMD when the JVM has
 * {@code jdk.incubator.vector} ({@code VectorAdam}) and the same operations in plain loops
 * otherwise (bit-identical: no fused multiply-add, {@code sqrt} correctly rounded in both):
 *
 * <pre>
 *   m = m + (g - m) (1 - beta1)
 *   v = v + (g^2 - v) (1 - beta2)
 *   w = w - (m alpha) / (sqrt(v) + epsilon)
 * </pre>
 *
 * <p>{@code alpha} is the step's bias-corrected learning rate, {@code lr sqrt(1 - beta2^t) / (1 - beta1^t)}.
 * Long arrays may be updated in two halves at once (see {@link BlasThreads#splitLoop}): the same bits.
 * All four arrays: plain ({@link Arrays2D#isPlain}), FLOAT, one length. The formula itself and the
 * general loop (DOUBLE, views, amsgrad) live in {@code org.backprop4j.optim.Adam}.
 */
public final class AdamLoop {

    private static final boolean SIMD = FastElementwise.instance() != FastElementwise.scalar();

    private AdamLoop() {
    }

    /** Whether {@link #step} takes these arrays: plain FLOAT arrays of one length. */
    public static boolean accepts(INDArray w, INDArray g, INDArray m, INDArray v) {
        return w.dataType() == DataType.FLOAT && FastElementwise.accepts(w, g, m, v);
    }

    /**
     * One Adam update in place in w, m and v (see the class comment).
     *
     * @throws IllegalArgumentException if the arrays are not plain FLOAT arrays of one length
     */
    public static void step(INDArray w, INDArray g, INDArray m, INDArray v, double alpha, double oneMinusBeta1,
                            double oneMinusBeta2, double epsilon) {
        if (!accepts(w, g, m, v)) {
            throw new IllegalArgumentException("Adam loop: needs plain FLOAT arrays of one length, got " + w.dataType()
                    + " " + w.length() + ", " + g.dataType() + " " + g.length() + ", " + m.dataType() + " " + m.length()
                    + ", " + v.dataType() + " " + v.length());
        }
        ByteBuffer wb = bytes(w);
        ByteBuffer gb = bytes(g);
        ByteBuffer mb = bytes(m);
        ByteBuffer vb = bytes(v);
        int length = (int) w.length();
        float a = (float) alpha;
        float b1 = (float) oneMinusBeta1;
        float b2 = (float) oneMinusBeta2;
        float eps = (float) epsilon;
        if (BlasThreads.splitLoop(length)) { // two halves at once; each element is computed alone
            int half = length / 2 / 64 * 64;
            SecondCore.run(
                () -> range(slice(wb, half, length), slice(gb, half, length), slice(mb, half, length),
                        slice(vb, half, length), a, b1, b2, eps, length - half),
                () -> range(wb, gb, mb, vb, a, b1, b2, eps, half));
            return;
        }
        range(wb, gb, mb, vb, a, b1, b2, eps, length);
    }

    /** The update of elements {@code 0 .. length - 1}: SIMD where available, then the scalar tail. */
    private static void range(ByteBuffer w, ByteBuffer g, ByteBuffer m, ByteBuffer v, float a, float b1, float b2,
                              float eps, int length) {
        int done = SIMD ? VectorAdam.stepFloat(w, g, m, v, a, b1, b2, eps, length) : 0;
        scalar(w, g, m, v, a, b1, b2, eps, done, length);
    }

    /** Elements {@code from .. to - 1} of a float buffer, as a buffer of their own. */
    private static ByteBuffer slice(ByteBuffer buffer, int from, int to) {
        return buffer.slice(from * Float.BYTES, (to - from) * Float.BYTES).order(ByteOrder.nativeOrder());
    }

    /** The plain loop over elements {@code from .. length - 1}: also the SIMD loop's tail. */
    static void scalar(ByteBuffer w, ByteBuffer g, ByteBuffer m, ByteBuffer v, float alpha, float oneMinusBeta1,
                       float oneMinusBeta2, float epsilon, int from, int length) {
        for (int i = from; i < length; i++) {
            int at = i * Float.BYTES;
            float gi = g.getFloat(at);
            float mOld = m.getFloat(at);
            float vOld = v.getFloat(at);
            float mi = mOld + (gi - mOld) * oneMinusBeta1;
            float vi = vOld + (gi * gi - vOld) * oneMinusBeta2;
            m.putFloat(at, mi);
            v.putFloat(at, vi);
            w.putFloat(at, w.getFloat(at) - (mi * alpha) / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    private static ByteBuffer bytes(INDArray array) {
        return array.data().asNio().order(ByteOrder.nativeOrder());
    }
}
