package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.activations.Relu;
import org.backprop4j.core.activations.Sigmoid;
import org.backprop4j.core.activations.Softmax;
import org.backprop4j.core.activations.Tanh;
import org.backprop4j.core.internal.FastElementwise;
import org.backprop4j.core.internal.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise work of a training step through the library's kernels (each activation's own
 * formula, SIMD when the JVM has {@code jdk.incubator.vector}) against ND4J's ops for the same work,
 * on the arrays of the MLP (784-256-10, batch 128) and the deep network's (128, 512) layers, FLOAT and
 * DOUBLE. Prints microseconds per call, median [IQR] of interleaved rounds ({@link Interleaved}), and
 * the paired ratio ND4J / library. Arguments: {@code FLOAT} and/or {@code DOUBLE} (default both),
 * {@code --rounds N} (9), {@code --wall} (wall-clock instead of the process's CPU time),
 * {@code --round-ms MS} (150), {@code --warmup-ms MS} (1000).
 */
public final class Primitives {

    private Primitives() {
    }

    private record Op(String name, String shape, Runnable library, Runnable nd4j) {
    }

    /** See the class comment. */
    public static void main(String[] args) {
        List<DataType> types = new ArrayList<>();
        int rounds = 9;
        long roundMillis = 150;
        long warmupMillis = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--wall" -> Interleaved.cpuTime = false;
                case "--round-ms" -> roundMillis = Long.parseLong(args[++i]);
                case "--warmup-ms" -> warmupMillis = Long.parseLong(args[++i]);
                default -> types.add(DataType.valueOf(args[i]));
            }
        }
        if (types.isEmpty()) {
            types = List.of(DataType.FLOAT, DataType.DOUBLE);
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Element-wise work, us per call (%s), median [IQR] of %d interleaved rounds; SIMD %s; "
                + "JVM %s; ND4J %s%n", Interleaved.clock(), rounds, FastElementwise.simd(), System.getProperty("java.vm.version"),
                NativeInfo.describe());
        for (DataType type : types) {
            out.printf(Locale.ROOT, "%n%s%n%-28s %-10s %-20s %-20s %s%n", type, "op", "shape", "library", "ND4J",
                    "ND4J / library");
            for (Op op : ops(type)) {
                double[][] micros = Interleaved.time(List.of(op.library(), op.nd4j()), rounds, warmupMillis, roundMillis);
                Stats[] stats = Interleaved.stats(micros);
                Stats ratio = Interleaved.ratio(micros, 1, 0);
                out.printf(Locale.ROOT, "%-28s %-10s %-20s %-20s %s%n", op.name(), op.shape(), cell(stats[0]),
                        cell(stats[1]), String.format(Locale.ROOT, "%.1fx [%.1f-%.1f]", ratio.median(), ratio.q1(), ratio.q3()));
            }
        }
    }

    private static String cell(Stats stats) {
        return String.format(Locale.ROOT, stats.median() < 10 ? "%.2f [%.2f-%.2f]" : "%.1f [%.1f-%.1f]",
                stats.median(), stats.q1(), stats.q3());
    }

    private static List<Op> ops(DataType type) {
        List<Op> ops = new ArrayList<>();
        Sigmoid sigmoid = new Sigmoid();
        Tanh tanh = new Tanh();
        Relu relu = new Relu();
        ActivationFunction elu = new UserElu();
        for (int units : new int[] {256, 512}) {
            String shape = "128x" + units;
            INDArray z = Nd4j.rand(type, 128, units).subi(0.5).muli(8);
            INDArray a = Nd4j.create(type, new long[] {128, units}, 'c');
            INDArray g = Nd4j.rand(type, 128, units).subi(0.5);
            INDArray d = Nd4j.create(type, new long[] {128, units}, 'c');
            INDArray bias = Nd4j.rand(type, units);
            INDArray sums = Nd4j.create(type, units);
            ops.add(new Op("sigmoid", shape, () -> sigmoid.forward(z, a),
                    () -> Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(z, a))));
            ops.add(new Op("sigmoid backward", shape, () -> sigmoid.backward(z, a, g, d),
                    () -> d.assign(a).rsubi(1.0).muli(a).muli(g)));
            ops.add(new Op("tanh", shape, () -> tanh.forward(z, a),
                    () -> Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(z, a))));
            ops.add(new Op("tanh backward", shape, () -> tanh.backward(z, a, g, d), () -> d.assign(a).muli(a).rsubi(1.0).muli(g)));
            ops.add(new Op("relu", shape, () -> relu.forward(z, a),
                    () -> Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear(z, a, 0.0))));
            ops.add(new Op("relu backward", shape, () -> relu.backward(z, a, g, d),
                    () -> d.assign(a.gt(0).castTo(a.dataType())).muli(g)));
            ops.add(new Op("user elu", shape, () -> elu.forward(z, a),
                    () -> Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.ELU(z, a))));
            ops.add(new Op("user elu backward", shape, () -> elu.backward(z, a, g, d),
                    () -> Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp(z, g, d))));
            ops.add(new Op("bias add + sigmoid (fused)", shape, () -> sigmoid.forward(d, bias, a), () -> {
                d.addiRowVector(bias);
                Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(d, a));
            }));
            ops.add(new Op("bias add + relu (fused)", shape, () -> relu.forward(d, bias, a), () -> {
                d.addiRowVector(bias);
                Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear(d, a, 0.0));
            }));
            ops.add(new Op("columnSums", shape, () -> FastElementwise.instance().columnSums(g, sums),
                    () -> Kernels.ND4J.columnSums(g, sums)));
        }
        INDArray logits = Nd4j.rand(type, 128, 10).muli(4);
        INDArray p = Nd4j.create(type, new long[] {128, 10}, 'c');
        Softmax softmax = new Softmax();
        INDArray g10 = Nd4j.rand(type, 128, 10);
        INDArray d10 = Nd4j.create(type, new long[] {128, 10}, 'c');
        ops.add(new Op("softmax", "128x10", () -> softmax.forward(logits, p),
                () -> Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(logits, p))));
        ops.add(new Op("softmax backward", "128x10", () -> softmax.backward(logits, p, g10, d10),
                () -> d10.assign(g10.sub(g10.mul(p).sum(true, 1)).muli(p))));
        INDArray kernelGradient = Nd4j.rand(type, 784, 256);
        INDArray kernel = Nd4j.rand(type, 784, 256);
        ops.add(new Op("axpy (SGD step)", "784x256", () -> FastElementwise.instance().axpy(-1e-9, kernelGradient, kernel),
                () -> Kernels.ND4J.axpy(-1e-9, kernelGradient, kernel)));
        return ops;
    }
}
