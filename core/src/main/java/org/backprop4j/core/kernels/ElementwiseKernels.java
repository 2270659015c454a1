package org.backprop4j.core.kernels;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.backprop4j.core.activations.ElementwiseActivation;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.internal.Kernels;
import org.backprop4j.core.internal.SimdGate;
import org.backprop4j.core.internal.VectorMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic kernels of every element-wise activation: the forward pass fused with the bias add
 * ({@code z[i][j] += bias[j]}, then {@code a = f(z)}) and the backward product
 * ({@code dLdz = g * f'(z)}), for <em>whatever</em> {@link ElementwiseActivation} they are given, in
 * the arrays' own precision (FLOAT in float, DOUBLE in double).
 *
 * <p>How: {@link #compile} makes, once per activation class and configuration, a copy of the scalar
 * loops ({@link ScalarLoops}) and, when the JVM has {@code jdk.incubator.vector} and the activation a
 * SIMD twin ({@link ActivationLanes}), of the SIMD loops ({@link VectorLoops}), each with that
 * activation built in as a constant ({@link Specializer}). The SIMD copy is checked once against the
 * scalar one, bit for bit, on values across the formula's branches; a twin that differs is not used
 * (and a warning says so), so the numbers never depend on whether SIMD is available. Small arrays
 * (below four vectors) take the scalar loops, which start faster, and so do FLOAT arrays until the JIT
 * has compiled the SIMD loop ({@link SimdGate}).
 *
 * <p>Arrays: plain ({@link org.backprop4j.core.internal.Arrays2D#isPlain}) FLOAT or DOUBLE arrays of
 * one shape and type go straight through; anything else (views, other types, or every array while
 * {@link FastElementwise#setEnabled} is off) through a plain copy, with the same formula.
 *
 * <p>Threads: static methods; the compiled loops are immutable and shared.
 */
public final class ElementwiseKernels {

    private static final Logger LOG = LoggerFactory.getLogger(ElementwiseKernels.class);
    private static final boolean SIMD = FastElementwise.instance() != FastElementwise.scalar();
    private static final int MIN_SIMD_LENGTH = SIMD ? 4 * FastElementwise.floatLanes() : Integer.MAX_VALUE;
    private static final Map<List<Object>, Compiled> COMPILED = new ConcurrentHashMap<>();

    private ElementwiseKernels() {
    }

    /** One activation's loops, made by {@link #compile}. */
    public static final class Compiled {
        private final ElementLoops scalar;
        /** forward float, forward double, backward float, backward double; null without SIMD. */
        private final MethodHandle[] simd;

        /** Until C2 has compiled a FLOAT SIMD loop, FLOAT arrays take the scalar one ({@link SimdGate}). */
        private final SimdGate forwardGate;
        private final SimdGate backwardGate;
        private final SimdGate.Probe forwardProbe;
        private final SimdGate.Probe backwardProbe;

        private Compiled(ElementLoops scalar, MethodHandle[] simd, String name) {
            this.scalar = scalar;
            this.simd = simd;
            this.forwardGate = new SimdGate(name + " forward");
            this.backwardGate = new SimdGate(name + " backward");
            this.forwardProbe = () -> { simd[0].invokeExact(PROBE_Z, PROBE_A, SimdGate.PROBE); };
            this.backwardProbe = () -> { simd[2].invokeExact(PROBE_Z, PROBE_A, PROBE_G, PROBE_D, SimdGate.PROBE); };
        }

        /** Whether these loops use SIMD on large arrays. */
        public boolean simd() {
            return simd != null;
        }
    }

    /** The loops for {@code f}, made on the first call for its class and {@code config()}, then shared. */
    public static Compiled compile(ElementwiseActivation f) {
        return COMPILED.computeIfAbsent(List.of(f.getClass(), f.config()), key -> make(f));
    }

    private static Compiled make(ElementwiseActivation f) {
        ElementLoops scalar;
        try {
            MethodHandles.Lookup lookup = Specializer.copy(ScalarLoops.class, List.of(f));
            scalar = (ElementLoops) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make the loops of " + f.getClass().getName(), e);
        }
        MethodHandle[] simd = null;
        if (SIMD) {
            try {
                ActivationLanes lanes = f.lanes();
                if (lanes != null) {
                    simd = vectorLoops(f, lanes);
                    String difference = selfTest(scalar, simd);
                    if (difference != null) {
                        LOG.warn("{}'s SIMD twin gives other numbers than its scalar formula ({}): using the scalar"
                                + " loops", f.getClass().getName(), difference);
                        simd = null;
                    }
                }
            } catch (LinkageError | RuntimeException e) {
                LOG.info("{}: SIMD loops unavailable ({}); using the scalar loops, same numbers",
                        f.getClass().getName(), e.toString());
                simd = null;
            }
        }
        return new Compiled(scalar, simd, f.getClass().getSimpleName());
    }

    private static MethodHandle[] vectorLoops(ElementwiseActivation f, ActivationLanes lanes) {
        MethodHandles.Lookup lookup = Specializer.copy(VectorLoops.class, List.of(f, lanes));
        MethodType unary = MethodType.methodType(void.class, Object.class, Object.class, int.class);
        MethodType ternary = MethodType.methodType(void.class, Object.class, Object.class, Object.class, Object.class,
                int.class);
        try {
            Class<?> loops = lookup.lookupClass();
            return new MethodHandle[] {lookup.findStatic(loops, "forwardFloats", unary),
                lookup.findStatic(loops, "forwardDoubles", unary), lookup.findStatic(loops, "backwardFloats", ternary),
                lookup.findStatic(loops, "backwardDoubles", ternary)};
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when SIMD and scalar loops agree bit for bit, FLOAT and DOUBLE, forward and backward; else where not. */
    private static String selfTest(ElementLoops scalar, MethodHandle[] simd) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            int length = 8 * FastElementwise.floatLanes() + 3; // vectors and a tail
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = (i % 2 == 0 ? 1 : -1) * Math.pow(1.37, i % 29 - 14); // 0.012 .. 82, both signs
            }
            values[0] = 0;
            INDArray z = Nd4j.create(values, new long[] {length}, type);
            INDArray a1 = Nd4j.create(type, length);
            INDArray a2 = Nd4j.create(type, length);
            scalar.forward(z, a1);
            forwardSimd(simd, z, a2);
            if (!Arrays.equals(a1.data().asDouble(), a2.data().asDouble())) {
                return type + " forward";
            }
            INDArray g = z.mul(0.5).addi(0.25);
            INDArray d1 = Nd4j.create(type, length);
            INDArray d2 = Nd4j.create(type, length);
            scalar.backward(z, a1, g, d1);
            backwardSimd(simd, z, a1, g, d2);
            if (!Arrays.equals(d1.data().asDouble(), d2.data().asDouble())) {
                return type + " backward";
            }
        }
        return null;
    }

    /**
     * {@code z[i][j] += bias[j]} for every row (when bias is not null), then {@code a = f(z)}. z keeps
     * the pre-activation; a may be z (then it holds the activation only). Shapes: z and a
     * {@code (rows, n)}, bias {@code n} elements.
     */
    public static void forward(Compiled f, INDArray z, INDArray bias, INDArray a) {
        sameShape("forward", z, a);
        if (bias != null) {
            addBias(z, bias);
        }
        if (!FastElementwise.accepts(z, a)) {
            DataType type = workType(z);
            INDArray zc = plainCopy(z, type);
            INDArray ac = a == z ? zc : plainCopy(a, type);
            f.scalar.forward(zc, ac);
            a.assign(ac);
        } else if (f.simd != null && z.length() >= MIN_SIMD_LENGTH
                && (z.dataType() != DataType.FLOAT || f.forwardGate.ready(f.forwardProbe))) {
            forwardSimd(f.simd, z, a);
        } else {
            f.scalar.forward(z, a);
        }
    }

    /**
     * {@code dLdz = g * f'(z)}, element by element, from z, a = f(z) and g = dL/da; dLdz may be g. z
     * may be null for a function that does not read it (a is passed in its place).
     */
    public static void backward(Compiled f, INDArray z, INDArray a, INDArray g, INDArray dLdz) {
        if (z == null) {
            z = a;
        }
        sameShape("backward", z, a, g, dLdz);
        if (!FastElementwise.accepts(z, a, g, dLdz)) {
            DataType type = workType(z);
            INDArray dc = plainCopy(dLdz, type);
            f.scalar.backward(plainCopy(z, type), plainCopy(a, type), plainCopy(g, type), dc);
            dLdz.assign(dc);
        } else if (f.simd != null && z.length() >= MIN_SIMD_LENGTH
                && (z.dataType() != DataType.FLOAT || f.backwardGate.ready(f.backwardProbe))) {
            backwardSimd(f.simd, z, a, g, dLdz);
        } else {
            f.scalar.backward(z, a, g, dLdz);
        }
    }

    /** {@code z[i][j] += bias[j]} for every row: the fast loops for plain arrays, else {@link Kernels}. */
    public static void addBias(INDArray z, INDArray bias) {
        if (FastElementwise.accepts(z) && FastElementwise.accepts(bias) && bias.dataType() == z.dataType()) {
            FastElementwise.instance().addBias(z, bias);
        } else {
            Kernels.forElements(z, bias).addRowVector(z, bias);
        }
    }

    private static void forwardSimd(MethodHandle[] simd, INDArray z, INDArray a) {
        Object zb = bytes(z);
        Object ab = a == z ? zb : bytes(a);
        try {
            if (z.dataType() == DataType.FLOAT) {
                simd[0].invokeExact(zb, ab, (int) z.length());
            } else {
                simd[1].invokeExact(zb, ab, (int) z.length());
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void backwardSimd(MethodHandle[] simd, INDArray z, INDArray a, INDArray g, INDArray dLdz) {
        Object gb = bytes(g);
        Object db = dLdz == g ? gb : bytes(dLdz);
        try {
            Object ab = bytes(a);
            Object zb = z == a ? ab : bytes(z);
            if (z.dataType() == DataType.FLOAT) {
                simd[2].invokeExact(zb, ab, gb, db, (int) z.length());
            } else {
                simd[3].invokeExact(zb, ab, gb, db, (int) z.length());
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scratch z, a, g and dL/dz for the gates' probes (only with SIMD). */
    private static final Object PROBE_Z = SIMD ? SimdGate.scratch(SimdGate.PROBE, 0.5f) : null;
    private static final Object PROBE_A = SIMD ? SimdGate.scratch(SimdGate.PROBE, 0) : null;
    private static final Object PROBE_G = SIMD ? SimdGate.scratch(SimdGate.PROBE, 1) : null;
    private static final Object PROBE_D = SIMD ? SimdGate.scratch(SimdGate.PROBE, 0) : null;

    /** The array's native buffer as the SIMD loops take it ({@link VectorMemory}). */
    private static Object bytes(INDArray array) {
        return VectorMemory.of(array);
    }

    /** The type the copies of the slow path compute in: z's if FLOAT or DOUBLE, else DOUBLE. */
    private static DataType workType(INDArray z) {
        return z.dataType() == DataType.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
    }

    /** A plain row-major copy of {@code array} in {@code type}. */
    private static INDArray plainCopy(INDArray array, DataType type) {
        return array.castTo(type).dup('c');
    }

    private static void sameShape(String op, INDArray... arrays) {
        for (INDArray array : arrays) {
            if (!Arrays.equals(array.shape(), arrays[0].shape())) {
                List<String> shapes = new ArrayList<>();
                for (INDArray each : arrays) {
                    shapes.add(each.dataType() + Arrays.toString(each.shape()));
                }
                throw new IllegalArgumentException("element-wise " + op + ": arrays must have one shape, got " + shapes);
            }
        }
    }
}
