package org.backprop4j.core.activations;

import java.util.Map;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.internal.Values;
import org.backprop4j.core.kernels.ActivationLanes;
import org.backprop4j.core.kernels.FastMath;
import org.backprop4j.onnx.OnnxActivation;
import org.backprop4j.onnx.OnnxGraph;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code s_i = exp(z_i) / sum_k exp(z_k)} over each row: not element-wise (every output depends on
 * the whole row), so it is its own kernel, here.
 *
 * <p>Stability: the row maximum is subtracted from {@code z} first. That leaves softmax unchanged
 * (the factor {@code exp(-max)} cancels) and keeps every {@code exp} at most 1, so logits of
 * &plusmn;1000 give exact probabilities instead of {@code Inf / Inf = NaN}.
 *
 * <p>Derivative, by the quotient rule: {@code ds_i/dz_j = s_i (delta_ij - s_j)}, i.e. the
 * symmetric Jacobian {@code J = diag(s) - s s^T}. The backward pass never builds it: for a row
 * {@code g = dL/ds}, {@code J^T g = s * g - s (s . g) = s * (g - rowsum(g * s))}.
 *
 * <p>Speed: three passes over a plain FLOAT or DOUBLE matrix, in its own precision: per row
 * {@code z - max}, then {@code exp} over the whole buffer through the element-wise kernels (SIMD on
 * long arrays: {@link Exp}), then per row the sum (in order) and the division. Other arrays (views,
 * other types) are computed on a plain copy.
 *
 * <p>Threads: immutable and stateless: one instance may serve any number of threads.
 */
public final class Softmax implements ActivationFunction, OnnxActivation {

    private static final Exp EXP = new Exp();

    /** Per row, {@code s = exp(z - max(z)) / sum(exp(z - max(z)))}: every exponent {@code <= 0}. */
    @Override
    public void forward(INDArray z, INDArray s) {
        if (!FastElementwise.accepts(z, s) || z.rank() > 2) {
            INDArray plain = plain(z);
            rows(plain, plain);
            s.assign(plain);
        } else {
            rows(z, s);
        }
    }

    /** The three passes on plain arrays of one type, FLOAT or DOUBLE. */
    private static void rows(INDArray z, INDArray s) {
        long n = z.rank() == 2 ? z.columns() : z.length();
        if (z.dataType() == DataType.FLOAT) {
            shiftF(floats(z), floats(s), z.length(), n);
            EXP.forward(s, s);
            normaliseF(floats(s), z.length(), n);
        } else {
            shiftD(doubles(z), doubles(s), z.length(), n);
            EXP.forward(s, s);
            normaliseD(doubles(s), z.length(), n);
        }
    }

    /** {@code dLdz = s * (dLds - rowsum(dLds * s))}: the Jacobian-vector product, fused. */
    @Override
    public void backward(INDArray z, INDArray s, INDArray dLds, INDArray dLdz) {
        if (!FastElementwise.accepts(s, dLds, dLdz) || s.rank() > 2) {
            INDArray out = plain(dLdz).castTo(plain(s).dataType());
            rowsBackward(plain(s), plain(dLds).castTo(out.dataType()), out);
            dLdz.assign(out);
        } else {
            rowsBackward(s, dLds, dLdz);
        }
    }

    private static void rowsBackward(INDArray s, INDArray dLds, INDArray dLdz) {
        long n = s.rank() == 2 ? s.columns() : s.length();
        if (s.dataType() == DataType.FLOAT) {
            backwardF(floats(s), floats(dLds), floats(dLdz), s.length(), n);
        } else {
            backwardD(doubles(s), doubles(dLds), doubles(dLdz), s.length(), n);
        }
    }

    /** {@code diag(s) - s s^T}, an {@code (n, n)} matrix whose rows sum to 0. */
    @Override
    public INDArray jacobian(INDArray z, INDArray s) {
        INDArray column = s.reshape(s.length(), 1);
        return Nd4j.diag(s.reshape(s.length())).subi(column.mmul(column.transpose()));
    }

    /** The derivative is read off the output: z is not needed. */
    @Override
    public boolean needsPreActivation() {
        return false;
    }

    /** Categorical cross-entropies may fuse with this output. */
    @Override
    public Link link() {
        return Link.SOFTMAX;
    }

    private static INDArray plain(INDArray array) {
        DataType type = array.dataType() == DataType.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
        INDArray copy = array.castTo(type).dup('c');
        return copy.rank() > 2 ? copy.reshape('c', copy.size(0), copy.length() / copy.size(0)) : copy;
    }

    private static FloatIndexer floats(INDArray array) {
        return (FloatIndexer) array.data().indexer();
    }

    private static DoubleIndexer doubles(INDArray array) {
        return (DoubleIndexer) array.data().indexer();
    }

    /** {@code s = z - max(z)} per row of n. */
    private static void shiftF(FloatIndexer z, FloatIndexer s, long length, long n) {
        for (long row = 0; row < length; row += n) {
            float max = Float.NEGATIVE_INFINITY;
            for (long j = 0; j < n; j++) {
                max = Math.max(max, z.get(row + j));
            }
            for (long j = 0; j < n; j++) {
                s.put(row + j, z.get(row + j) - max);
            }
        }
    }

    /** {@code s = s / rowsum(s)} per row of n, the sum taken in order. */
    private static void normaliseF(FloatIndexer s, long length, long n) {
        for (long row = 0; row < length; row += n) {
            float sum = 0f;
            for (long j = 0; j < n; j++) {
                sum += s.get(row + j);
            }
            for (long j = 0; j < n; j++) {
                s.put(row + j, s.get(row + j) / sum);
            }
        }
    }

    private static void backwardF(FloatIndexer s, FloatIndexer g, FloatIndexer dLdz, long length, long n) {
        for (long row = 0; row < length; row += n) {
            float dot = 0f; // s . g for this row
            for (long j = 0; j < n; j++) {
                dot += s.get(row + j) * g.get(row + j);
            }
            for (long j = 0; j < n; j++) {
                dLdz.put(row + j, s.get(row + j) * (g.get(row + j) - dot));
            }
        }
    }

    private static void shiftD(DoubleIndexer z, DoubleIndexer s, long length, long n) {
        for (long row = 0; row < length; row += n) {
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < n; j++) {
                max = Math.max(max, z.get(row + j));
            }
            for (long j = 0; j < n; j++) {
                s.put(row + j, z.get(row + j) - max);
            }
        }
    }

    private static void normaliseD(DoubleIndexer s, long length, long n) {
        for (long row = 0; row < length; row += n) {
            double sum = 0.0;
            for (long j = 0; j < n; j++) {
                sum += s.get(row + j);
            }
            for (long j = 0; j < n; j++) {
                s.put(row + j, s.get(row + j) / sum);
            }
        }
    }

    private static void backwardD(DoubleIndexer s, DoubleIndexer g, DoubleIndexer dLdz, long length, long n) {
        for (long row = 0; row < length; row += n) {
            double dot = 0.0;
            for (long j = 0; j < n; j++) {
                dot += s.get(row + j) * g.get(row + j);
            }
            for (long j = 0; j < n; j++) {
                dLdz.put(row + j, s.get(row + j) * (g.get(row + j) - dot));
            }
        }
    }

    /**
     * The middle pass, {@code e = exp(x)}, written as an element-wise function so the element-wise
     * kernels run it (SIMD on long arrays). Only its forward pass is used.
     */
    private static final class Exp extends ElementwiseActivation {
        @Override
        public float apply(float x) {
            return FastMath.exp(x);
        }

        @Override
        public double apply(double x) {
            return FastMath.exp(x);
        }

        /** {@code g * e^x}, for completeness: softmax's backward pass does not use it. */
        @Override
        public float backward(float x, float e, float g) {
            return g * e;
        }

        @Override
        public double backward(double x, double e, double g) {
            return g * e;
        }

        @Override
        public ActivationLanes lanes() {
            return new Lanes();
        }

        private static final class Lanes implements ActivationLanes {
            @Override
            public FloatVector apply(FloatVector x) {
                return FastMath.Lanes.exp(x);
            }

            @Override
            public DoubleVector apply(DoubleVector x) {
                return FastMath.Lanes.exp(x);
            }

            @Override
            public FloatVector backward(FloatVector x, FloatVector e, FloatVector g) {
                return g.mul(e);
            }

            @Override
            public DoubleVector backward(DoubleVector x, DoubleVector e, DoubleVector g) {
                return g.mul(e);
            }
        }
    }

    /** ONNX's {@code Softmax} over the last axis ({@code axis = -1}): each row, as here. */
    @Override
    public String toOnnx(OnnxGraph graph, String input, String name) {
        return graph.add("Softmax", name, input).attribute("axis", -1L).output();
    }

    @Override
    public String onnxOp() {
        return "Softmax";
    }

    /** Softmax over each row of {@code (batch, n)}: {@code axis} -1 or 1 (or unset: opset 13's -1, older 1). */
    @Override
    public ActivationFunction fromOnnx(Map<String, Object> attributes) {
        Object axis = attributes.getOrDefault("axis", -1L);
        if (attributes.size() > (attributes.containsKey("axis") ? 1 : 0) || !(axis.equals(-1L) || axis.equals(1L))) {
            throw new IllegalArgumentException("Softmax is read over the last axis of (batch, n) only (axis -1 or 1), got "
                    + attributes);
        }
        return new Softmax();
    }
}
