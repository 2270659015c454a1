package org.backprop4j.optim;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.backprop4j.core.Config;
import org.backprop4j.core.LearningRateSchedule;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.threads.BlasThreads;
import org.backprop4j.core.internal.BufferViews;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.internal.SimdGate;
import org.backprop4j.core.internal.VectorMemory;
import org.backprop4j.core.internal.Values;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam with Keras 3's update rule ({@code keras/src/optimizers/adam.py}). For every weight
 * {@code w} with gradient {@code g}, at step {@code t = iterations + 1} and learning rate {@code lr}:
 * <pre>
 *   alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)         the bias correction, folded into the rate
 *   m     = m + (g - m) * (1 - beta1)                       first moment  (slot "momentum")
 *   v     = v + (g^2 - v) * (1 - beta2)                     second moment (slot "velocity")
 *   amsgrad: vHat = max(vHat, v); v used below is vHat      (slot "velocity_hat")
 *   w     = w - (m * alpha) / (sqrt(v) + epsilon)
 * </pre>
 * Every slot has its weight's shape and starts at zero. Epsilon is added to {@code sqrt(v)} before
 * the bias correction ("epsilon hat" in the Adam paper), as Keras does; PyTorch adds it after, so
 * the two differ slightly when {@code v} is small.
 *
 * <p>The update is written here three times, side by side: for plain FLOAT weights in float (as
 * Keras and PyTorch do for float32) in one pass over the native buffers ({@link #floatRange}), with
 * its SIMD twin ({@link Lanes}, when the JVM has {@code jdk.incubator.vector}; the same operations,
 * the same bits); and in double for everything else (DOUBLE, views, amsgrad). Long FLOAT arrays may
 * be updated in two halves at once ({@link BlasThreads#inHalves}): the same bits. Until the JIT has
 * compiled the SIMD twin, the plain loop does the work ({@link SimdGate}).
 */
public class Adam extends MomentOptimizer {

    private final boolean amsgrad;

    /** Keras' {@code Adam()}: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, no amsgrad. */
    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** {@code Adam(learning_rate=learningRate)} with the other defaults. */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, false);
    }

    /** {@code Adam(learning_rate=schedule)} with the other defaults. */
    public Adam(LearningRateSchedule schedule) {
        this(schedule, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, false);
    }

    /**
     * {@code Adam(learning_rate, beta_1, beta_2, epsilon, amsgrad)}.
     *
     * @throws IllegalArgumentException if the learning rate or epsilon is not a positive finite
     *         number, or a beta is outside [0, 1)
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(learningRate, beta1, beta2, epsilon);
        this.amsgrad = amsgrad;
    }

    /** As {@link #Adam(double, double, double, double, boolean)} with the rate following {@code schedule}. */
    public Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(schedule, beta1, beta2, epsilon);
        this.amsgrad = amsgrad;
    }

    /**
     * From {@code {"learningRate", "beta1", "beta2", "epsilon", "amsgrad"}}, as {@link #config()}
     * writes it; a missing key takes Keras' default.
     */
    public static Adam fromConfig(Map<String, Object> config) {
        Config.requireKeys(config, "Adam", List.of(), withOptionKeys("learningRate", "beta1", "beta2", "epsilon", "amsgrad"));
        LearningRateSchedule schedule = scheduleFrom(config);
        double beta1 = config.containsKey("beta1") ? Config.number(config, "beta1") : DEFAULT_BETA1;
        double beta2 = config.containsKey("beta2") ? Config.number(config, "beta2") : DEFAULT_BETA2;
        double epsilon = config.containsKey("epsilon") ? Config.number(config, "epsilon") : DEFAULT_EPSILON;
        boolean amsgrad = config.containsKey("amsgrad") && Config.bool(config, "amsgrad");
        if (schedule != null) {
            return withOptions(new Adam(schedule, beta1, beta2, epsilon, amsgrad), config);
        }
        double rate = config.containsKey("learningRate") ? Config.number(config, "learningRate") : DEFAULT_LEARNING_RATE;
        return withOptions(new Adam(rate, beta1, beta2, epsilon, amsgrad), config);
    }

    @Override
    protected void build() {
        addSlot("momentum", 0.0);
        addNonNegativeSlot("velocity", 0.0);
        if (amsgrad) {
            addNonNegativeSlot("velocity_hat", 0.0);
        }
    }

    @Override
    protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
        double step = iterations() + 1;
        double alpha = learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        INDArray m = slot("momentum", index);
        INDArray v = slot("velocity", index);
        if (!amsgrad && value.dataType() == DataType.FLOAT && FastElementwise.accepts(value, gradient, m, v)) {
            floatStep(value, gradient, m, v, (float) alpha, (float) oneMinusBeta1, (float) oneMinusBeta2, (float) epsilon);
            return;
        }
        ElementLoop loop = amsgrad ? new ElementLoop(value, gradient, m, v, slot("velocity_hat", index))
                : new ElementLoop(value, gradient, m, v);
        Values wv = loop.values(0);
        Values gv = loop.values(1);
        Values mv = loop.values(2);
        Values vv = loop.values(3);
        Values vHatv = amsgrad ? loop.values(4) : null;
        for (long i = 0, n = loop.length(); i < n; i++) {
            double g = gv.get(i);
            double mi = mv.get(i) + (g - mv.get(i)) * oneMinusBeta1;   // m += (g - m)(1 - beta1)
            double vi = vv.get(i) + (g * g - vv.get(i)) * oneMinusBeta2; // v += (g^2 - v)(1 - beta2)
            mv.set(i, mi);
            vv.set(i, vi);
            if (vHatv != null) {
                vi = Math.max(vHatv.get(i), vi);                          // amsgrad: the running maximum
                vHatv.set(i, vi);
            }
            wv.set(i, wv.get(i) - (mi * alpha) / (Math.sqrt(vi) + epsilon));
        }
        loop.writeBack();
    }

    /** One update of plain FLOAT arrays of one length, in float, in place in w, m and v. */
    static void floatStep(INDArray w, INDArray g, INDArray m, INDArray v, float alpha, float oneMinusBeta1,
                          float oneMinusBeta2, float epsilon) {
        if (SIMD && Lanes.ready()) {
            Lanes.floatStep(w, g, m, v, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
            return;
        }
        ByteBuffer wb = BufferViews.bytes(w);
        ByteBuffer gb = BufferViews.bytes(g);
        ByteBuffer mb = BufferViews.bytes(m);
        ByteBuffer vb = BufferViews.bytes(v);
        BlasThreads.inHalves((int) w.length(), (half, from, to) -> floatRange(wb, gb, mb, vb, alpha, oneMinusBeta1,
                oneMinusBeta2, epsilon, from, to));
    }

    /** Elements {@code from .. to - 1} in a plain loop (without the Vector API; {@link Lanes} has its twin). */
    static void floatRange(ByteBuffer w, ByteBuffer g, ByteBuffer m, ByteBuffer v, float alpha, float oneMinusBeta1,
                           float oneMinusBeta2, float epsilon, int from, int to) {
        for (int i = from; i < to; i++) {
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

    private static final boolean SIMD = FastElementwise.simd();

    /**
     * {@link #floatStep} in SIMD on the arrays' memory as {@link VectorMemory} holds it (a ByteBuffer on
     * JDK 17-18, a MemorySegment on JDK 22+), each vector's tail in the scalar formula: the same
     * operations, so the same bits. Loaded only with {@code jdk.incubator.vector}.
     */
    private static final class Lanes {
        private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
        private static final SimdGate GATE = new SimdGate("Adam's update");
        /** {@link #range} as the probes call it: a handle in an array, which C2 does not inline ({@link SimdGate}). */
        private static final MethodHandle[] RANGE = {rangeHandle()};
        /** Scratch w, g, m and v for the probes (g = 1 keeps m and v away from denormals). */
        private static final Object[] SCRATCH = {SimdGate.scratch(SimdGate.PROBE, 0), SimdGate.scratch(SimdGate.PROBE, 1),
            SimdGate.scratch(SimdGate.PROBE, 0), SimdGate.scratch(SimdGate.PROBE, 0)};
        private static final SimdGate.Probe PROBE = () -> { RANGE[0].invokeExact(SCRATCH[0], SCRATCH[1], SCRATCH[2],
                SCRATCH[3], 1e-3f, 0.1f, 0.001f, 1e-7f, 0, SimdGate.PROBE); };

        private static MethodHandle rangeHandle() {
            Class<?> o = Object.class;
            try {
                return MethodHandles.lookup().findStatic(Lanes.class, "range", MethodType.methodType(void.class, o, o, o,
                        o, float.class, float.class, float.class, float.class, int.class, int.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Whether C2 has compiled {@link #range}; until then the scalar loop does the work ({@link SimdGate}). */
        static boolean ready() {
            return GATE.ready(PROBE);
        }

        static void floatStep(INDArray w, INDArray g, INDArray m, INDArray v, float alpha, float oneMinusBeta1,
                              float oneMinusBeta2, float epsilon) {
            Object wb = VectorMemory.of(w);
            Object gb = VectorMemory.of(g);
            Object mb = VectorMemory.of(m);
            Object vb = VectorMemory.of(v);
            BlasThreads.inHalves((int) w.length(), (half, from, to) -> range(wb, gb, mb, vb, alpha, oneMinusBeta1,
                    oneMinusBeta2, epsilon, from, to));
        }

        /** Elements {@code from .. to - 1}: whole vectors, then the scalar tail. */
        static void range(Object w, Object g, Object m, Object v, float alpha, float oneMinusBeta1, float oneMinusBeta2,
                          float epsilon, int from, int to) {
            int i = from;
            for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += SPECIES.length()) {
                long at = (long) i * Float.BYTES;
                FloatVector gi = VectorMemory.floats(SPECIES, g, at);
                FloatVector mOld = VectorMemory.floats(SPECIES, m, at);
                FloatVector vOld = VectorMemory.floats(SPECIES, v, at);
                FloatVector mi = mOld.add(gi.sub(mOld).mul(oneMinusBeta1));
                FloatVector vi = vOld.add(gi.mul(gi).sub(vOld).mul(oneMinusBeta2));
                VectorMemory.store(mi, m, at);
                VectorMemory.store(vi, v, at);
                VectorMemory.store(VectorMemory.floats(SPECIES, w, at).sub(mi.mul(alpha).div(vi.sqrt().add(epsilon))), w,
                        at);
            }
            for (; i < to; i++) {
                long at = (long) i * Float.BYTES;
                float gi = VectorMemory.getFloat(g, at);
                float mOld = VectorMemory.getFloat(m, at);
                float vOld = VectorMemory.getFloat(v, at);
                float mi = mOld + (gi - mOld) * oneMinusBeta1;
                float vi = vOld + (gi * gi - vOld) * oneMinusBeta2;
                VectorMemory.putFloat(m, at, mi);
                VectorMemory.putFloat(v, at, vi);
                VectorMemory.putFloat(w, at, VectorMemory.getFloat(w, at) - (mi * alpha) / ((float) Math.sqrt(vi) + epsilon));
            }
        }
    }

    /** {@code {"beta1", "beta2", "epsilon", "amsgrad"}}, saved beside the learning rate. */
    @Override
    protected Map<String, Object> hyperParameters() {
        Map<String, Object> config = super.hyperParameters();
        config.put("amsgrad", amsgrad);
        return config;
    }

    /** Whether the running maximum of the second moment is used (AMSGrad). */
    public boolean amsgrad() {
        return amsgrad;
    }

    // ---- Keras' base options (weight decay, clipping), returning this optimizer's own type ----

    /** See {@link Optimizer#weightDecay(double)}; returns this Adam. */
    @Override
    public Adam weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    /** See {@link Optimizer#clipnorm(double)}; returns this Adam. */
    @Override
    public Adam clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    /** See {@link Optimizer#clipvalue(double)}; returns this Adam. */
    @Override
    public Adam clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    /** See {@link Optimizer#globalClipnorm(double)}; returns this Adam. */
    @Override
    public Adam globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }
}
