package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.backprop4j.core.internal.Elementwise;
import org.backprop4j.core.internal.Kernels;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.internal.FastElementwise.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise primitives of {@link FastElementwise} (SIMD, and its scalar twin) against today's
 * the generic Java loops ({@link Elementwise#map}/{@code zip}, which compute in double; the activations' path before the SIMD set) and {@link Kernels#ND4J}, on the arrays of
 * the MLP (784-256-10, batch 128) and the deep network's (128, 512) layers, FLOAT and DOUBLE.
 * Prints microseconds per call, median [IQR] of interleaved rounds ({@link Interleaved}), and the
 * paired ratio before / SIMD. Arguments: {@code FLOAT} and/or {@code DOUBLE} (default both),
 * {@code --rounds N} (9), {@code --wall} (wall-clock instead of the process's CPU time), {@code --round-ms MS} (150), {@code --warmup-ms MS} (1000),
 * {@code --no-nd4j} (skip ND4J, whose OpenMP threads spin after each op and disturb the others).
 */
public final class Primitives {

    private Primitives() {
    }

    private record Op(String name, String shape, Consumer<FastElementwise> elementwise, Consumer<Kernels> kernels) {
    }

    /** See the class comment. */
    public static void main(String[] args) {
        List<DataType> types = new ArrayList<>();
        int rounds = 9;
        long roundMillis = 150;
        long warmupMillis = 1000;
        boolean nd4j = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--wall" -> Interleaved.cpuTime = false;
                case "--round-ms" -> roundMillis = Long.parseLong(args[++i]);
                case "--warmup-ms" -> warmupMillis = Long.parseLong(args[++i]);
                case "--no-nd4j" -> nd4j = false;
                default -> types.add(DataType.valueOf(args[i]));
            }
        }
        if (types.isEmpty()) {
            types = List.of(DataType.FLOAT, DataType.DOUBLE);
        }
        PrintStream out = System.out;
        FastElementwise simd = FastElementwise.instance();
        out.printf(Locale.ROOT, "Element-wise primitives, us per call (%s), median [IQR] of %d interleaved rounds; %s; "
                + "JVM %s; ND4J %s%n", Interleaved.clock(), rounds, simd.name(), System.getProperty("java.vm.version"), NativeInfo.describe());
        for (DataType type : types) {
            out.printf(Locale.ROOT, "%n%s%n%-28s %-10s %-20s %-20s %-20s %-20s %s%n", type, "op", "shape", "SIMD",
                    "scalar (float/double)", "Java map/zip before", nd4j ? "ND4J" : "", "before / SIMD");
            for (Op op : ops(type)) {
                List<Runnable> calls = new ArrayList<>(List.of(() -> op.elementwise().accept(simd),
                        () -> op.elementwise().accept(FastElementwise.scalar()), () -> op.kernels().accept(Kernels.JAVA)));
                if (nd4j) {
                    calls.add(() -> op.kernels().accept(Kernels.ND4J));
                }
                double[][] micros = Interleaved.time(calls, rounds, warmupMillis, roundMillis);
                Stats[] stats = Interleaved.stats(micros);
                out.printf(Locale.ROOT, "%-28s %-10s %-20s %-20s %-20s %-20s %s%n", op.name(), op.shape(), cell(stats[0]),
                        cell(stats[1]), cell(stats[2]), nd4j ? cell(stats[3]) : "",
                        String.format(Locale.ROOT, "%.1fx [%.1f-%.1f]", Interleaved.ratio(micros, 2, 0).median(),
                                Interleaved.ratio(micros, 2, 0).q1(), Interleaved.ratio(micros, 2, 0).q3()));
            }
        }
    }

    private static String cell(Stats stats) {
        return String.format(Locale.ROOT, stats.median() < 10 ? "%.2f [%.2f-%.2f]" : "%.1f [%.1f-%.1f]",
                stats.median(), stats.q1(), stats.q3());
    }

    private static void relu(Kernels kernels, INDArray z, INDArray a) {
        if (kernels == Kernels.JAVA) {
            Elementwise.map(z, a, v -> Math.max(v, 0));
        } else {
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear(z, a, 0.0));
        }
    }

    private static List<Op> ops(DataType type) {
        List<Op> ops = new ArrayList<>();
        for (int units : new int[] {256, 512}) {
            String shape = "128x" + units;
            INDArray z = Nd4j.rand(type, 128, units).subi(0.5).muli(8);
            INDArray a = Nd4j.create(type, new long[] {128, units}, 'c');
            INDArray g = Nd4j.rand(type, 128, units).subi(0.5);
            INDArray d = Nd4j.create(type, new long[] {128, units}, 'c');
            INDArray bias = Nd4j.rand(type, units);
            INDArray sums = Nd4j.create(type, units);
            ops.add(new Op("sigmoid", shape, e -> e.sigmoid(z, a), k -> { if (k == Kernels.JAVA) Elementwise.map(z, a, v -> 1 / (1 + Math.exp(-v))); else Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(z, a)); }));
            ops.add(new Op("sigmoidBackward", shape, e -> e.sigmoidBackward(a, g, d), k -> { if (k == Kernels.JAVA) Elementwise.zip(a, g, d, (ai, gi) -> gi * ai * (1 - ai)); else d.assign(a).rsubi(1.0).muli(a).muli(g); }));
            ops.add(new Op("tanh", shape, e -> e.tanh(z, a), k -> { if (k == Kernels.JAVA) Elementwise.map(z, a, Math::tanh); else Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(z, a)); }));
            ops.add(new Op("tanhBackward", shape, e -> e.tanhBackward(a, g, d), k -> { if (k == Kernels.JAVA) Elementwise.zip(a, g, d, (ai, gi) -> gi * (1 - ai * ai)); else d.assign(a).muli(a).rsubi(1.0).muli(g); }));
            ops.add(new Op("relu", shape, e -> e.relu(z, a), k -> relu(k, z, a)));
            ops.add(new Op("reluBackward", shape, e -> e.reluBackward(a, g, d), k -> { if (k == Kernels.JAVA) Elementwise.zip(a, g, d, (ai, gi) -> ai > 0 ? gi : 0); else d.assign(a.gt(0).castTo(a.dataType())).muli(g); }));
            ops.add(new Op("bias add + sigmoid (fused)", shape, e -> e.addBiasActivate(d, bias, Activation.SIGMOID, a), k -> {
                k.addRowVector(d, bias);
                Elementwise.map(d, a, v -> 1 / (1 + Math.exp(-v)));
            }));
            ops.add(new Op("bias add + relu (fused)", shape, e -> e.addBiasActivate(d, bias, Activation.RELU, a), k -> {
                k.addRowVector(d, bias);
                relu(k, d, a);
            }));
            ops.add(new Op("bias add alone", shape, e -> e.addBiasActivate(d, bias, Activation.LINEAR, d),
                    k -> k.addRowVector(d, bias)));
            ops.add(new Op("columnSums", shape, e -> e.columnSums(g, sums), k -> k.columnSums(g, sums)));
        }
        INDArray logits = Nd4j.rand(type, 128, 10).muli(4);
        INDArray p = Nd4j.create(type, new long[] {128, 10}, 'c');
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(logits, p));
        INDArray y = Nd4j.create(type, new long[] {128, 10}, 'c');
        for (int i = 0; i < 128; i++) {
            y.putScalar(i, i % 10, 1);
        }
        INDArray g10 = Nd4j.rand(type, 128, 10);
        INDArray d10 = Nd4j.create(type, new long[] {128, 10}, 'c');
        ops.add(new Op("softmaxRows", "128x10", e -> e.softmaxRows(logits, p), k -> Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(logits, p))));
        ops.add(new Op("softmaxBackward", "128x10", e -> e.softmaxBackward(p, g10, d10), k -> d10.assign(g10.sub(g10.mul(p).sum(true, 1)).muli(p))));
        ops.add(new Op("softmax+CE gradient (p-y)/B", "128x10", e -> e.softmaxCrossEntropyGradient(p, y, d10),
                k -> k.scaledDifference(p, y, 1.0 / 128, d10)));
        INDArray kernelGradient = Nd4j.rand(type, 784, 256);
        INDArray kernel = Nd4j.rand(type, 784, 256);
        ops.add(new Op("axpy (SGD step)", "784x256", e -> e.axpy(-1e-9, kernelGradient, kernel),
                k -> k.axpy(-1e-9, kernelGradient, kernel)));
        INDArray smallGradient = Nd4j.rand(type, 256, 10);
        INDArray small = Nd4j.rand(type, 256, 10);
        ops.add(new Op("axpy (SGD step)", "256x10", e -> e.axpy(-1e-9, smallGradient, small),
                k -> k.axpy(-1e-9, smallGradient, small)));
        return ops;
    }
}
