package org.backprop4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.Sequential;
import org.backprop4j.examples.autograd.Value;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The XOR network's first training step ({@link BackpropStep}) on the scalar autograd engine
 * {@link Value}: every multiplication, addition and sigmoid of the forward pass is one node, and
 * {@code loss.backward()} gives the gradient of every weight. Prints the graph of one sample as a
 * table, the gate patterns on three small graphs, the weights' gradients next to
 * {@code model.gradients}, and what {@code =} in place of {@code +=} does to them.
 *
 * <pre>
 * per sample b:  z1_i = x_b0 W1[0][i] + x_b1 W1[1][i] + b1[i]     a1_i = sigmoid(z1_i)     (i = 0, 1)
 *                z2 = a1_0 W2[0][0] + a1_1 W2[1][0] + b2           p = sigmoid(z2)
 *                term_b = (p + (-y_b)) * (p + (-y_b))
 * loss           L = (term_0 + term_1 + term_2 + term_3) * 0.25
 * </pre>
 */
public final class XorGraph {

    /** The sample whose graph is printed and drawn: r = 2, x = (1, 0), y = 1, as on backprop-by-hand.md. */
    public static final int SAMPLE = BackpropStep.DIAGRAM_SAMPLE;

    private XorGraph() {
    }

    /**
     * The network's weights as leaves of the graph, named as on the docs pages.
     *
     * @param w1 {@code w1[j][i]}, input j to hidden unit i
     * @param b1 {@code b1[i]}
     * @param w2 {@code w2[i]}, hidden unit i to the output
     * @param b2 the output's bias
     */
    public record Weights(Value[][] w1, Value[] b1, Value[] w2, Value b2) {

        /** Leaves holding the initial weights of {@code Xor.buildModel(seed, learningRate)}. */
        public static Weights of(Sequential model) {
            List<INDArray> weights = model.getWeights();
            Value[][] w1 = new Value[2][2];
            Value[] b1 = new Value[2];
            Value[] w2 = new Value[2];
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 2; i++) {
                    w1[j][i] = new Value(weights.get(0).getDouble(j, i), "W1[" + j + "][" + i + "]");
                }
            }
            for (int i = 0; i < 2; i++) {
                b1[i] = new Value(weights.get(1).getDouble(i), "b1[" + i + "]");
                w2[i] = new Value(weights.get(2).getDouble(i, 0), "W2[" + i + "][0]");
            }
            return new Weights(w1, b1, w2, new Value(weights.get(3).getDouble(0), "b2"));
        }

        /** In the order of {@code model.gradients}, each array flattened row by row. */
        List<Value> inModelOrder() {
            return List.of(w1[0][0], w1[0][1], w1[1][0], w1[1][1], b1[0], b1[1], w2[0], w2[1], b2);
        }
    }

    /** {@code (p_b - y_b)^2} of sample {@code b}, built node by node from the shared weight leaves. */
    public static Value squaredError(Weights w, int b) {
        double[] x = Xor.X[b];
        Value x0 = new Value(x[0], "x0");
        Value x1 = new Value(x[1], "x1");
        Value[] a1 = new Value[2];
        for (int i = 0; i < 2; i++) {
            Value z = x0.times(w.w1()[0][i]).plus(x1.times(w.w1()[1][i])).plus(w.b1()[i]).label("z1_" + i);
            a1[i] = z.sigmoid().label("a1_" + i);
        }
        Value z2 = a1[0].times(w.w2()[0]).plus(a1[1].times(w.w2()[1])).plus(w.b2()).label("z2");
        Value p = z2.sigmoid().label("p");
        Value error = p.plus(new Value(-Xor.Y[b][0], "-y")).label("p - y");
        return error.times(error).label("(p - y)^2");
    }

    /** The loss of the whole batch, {@code 0.25 * sum_b (p_b - y_b)^2}: every weight leaf is used four times. */
    public static Value batchLoss(Weights w) {
        Value sum = squaredError(w, 0);
        for (int b = 1; b < Xor.X.length; b++) {
            sum = sum.plus(squaredError(w, b));
        }
        return sum.times(new Value(1.0 / Xor.X.length, "1/4")).label("L");
    }

    /** One sample's share of the loss, {@code 0.25 (p_b - y_b)^2}: its graph is the one printed and drawn. */
    public static Value sampleLoss(Weights w, int b) {
        return squaredError(w, b).times(new Value(1.0 / Xor.X.length, "1/4")).label("L_" + b);
    }

    /** The gradients of {@link #batchLoss} with backward() (or with = in place of +=), in model order. */
    public static double[] gradients(Sequential model, boolean accumulate) {
        Weights w = Weights.of(model);
        Value loss = batchLoss(w);
        if (accumulate) {
            loss.backward();
        } else {
            loss.backwardOverwriting();
        }
        return w.inModelOrder().stream().mapToDouble(Value::grad).toArray();
    }

    /** {@code model.gradients(X, Y)}, flattened in the same order. */
    public static double[] libraryGradients(Sequential model) {
        List<Double> flat = new ArrayList<>();
        for (INDArray gradient : model.gradients(Nd4j.create(Xor.X), Nd4j.create(Xor.Y))) {
            for (double value : gradient.reshape(gradient.length()).toDoubleVector()) {
                flat.add(value);
            }
        }
        return flat.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Prints the example; returns the sample's loss node (its graph, with gradients) for drawing. */
    public static Value run(long seed, PrintStream out) {
        Sequential model = Xor.buildModel(seed, Xor.LEARNING_RATE);

        out.println("== Gate patterns ==");
        printGates(out);
        out.println();

        out.println("== The graph of one sample ==");
        Value sample = sampleLoss(Weights.of(model), SAMPLE);
        sample.backward();
        out.printf(Locale.ROOT, "Sample r = %d, x = (%.0f, %.0f), y = %.0f, seed %d: its share 0.25 (p - y)^2 of the loss.%n",
                SAMPLE, Xor.X[SAMPLE][0], Xor.X[SAMPLE][1], Xor.Y[SAMPLE][0], seed);
        out.println("The nodes in topological order (each after its inputs); grad = dL_" + SAMPLE + "/d(node),");
        out.println("filled in by backward() from the last node to the first:");
        printGraph(sample, out);
        out.println();

        out.println("== All four samples, against backprop4j ==");
        double[] autograd = gradients(model, true);
        double[] library = libraryGradients(model);
        double[] overwritten = gradients(model, false);
        List<String> names = List.of("W1[0][0]", "W1[0][1]", "W1[1][0]", "W1[1][1]", "b1[0]", "b1[1]",
                "W2[0][0]", "W2[1][0]", "b2");
        out.printf(Locale.ROOT, "L = 0.25 * sum over the 4 samples of (p - y)^2, a graph of %d nodes: every weight is a fork,%n",
                batchLoss(Weights.of(model)).topologicalOrder().size());
        out.println("used by 4 samples.");
        out.printf(Locale.ROOT, "  %-9s %14s %18s %20s%n", "weight", "backward()", "model.gradients", "with = for +=");
        double worst = 0;
        for (int k = 0; k < names.size(); k++) {
            worst = Math.max(worst, Math.abs(autograd[k] - library[k]));
            out.printf(Locale.ROOT, "  %-9s %14.8f %18.8f %20.8f%n", names.get(k), autograd[k], library[k], overwritten[k]);
        }
        out.println("  backward() equals model.gradients within 1e-15: " + (worst <= 1e-15));
        out.println("With = each node keeps only the last contribution it receives, so every weight keeps");
        out.println("the share of one sample (or one path) and loses the rest.");
        return sample;
    }

    private static void printGates(PrintStream out) {
        Value a = new Value(2, "a");
        Value b = new Value(-3, "b");
        Value sum = a.plus(b);
        Value upstream = sum.times(new Value(5, "5"));       // dL/d(sum) = 5
        upstream.backward();
        out.printf(Locale.ROOT, "add distributes: L = 5 (a + b), a = 2, b = -3:  dL/da = %s, dL/db = %s%n",
                fmt(a.grad()), fmt(b.grad()));
        a = new Value(2, "a");
        b = new Value(-3, "b");
        upstream = a.times(b).times(new Value(5, "5"));
        upstream.backward();
        out.printf(Locale.ROOT, "mul swaps:       L = 5 (a b),   a = 2, b = -3:  dL/da = %s (5 b), dL/db = %s (5 a)%n",
                fmt(a.grad()), fmt(b.grad()));
        a = new Value(2, "a");
        b = new Value(-3, "b");
        upstream = a.max(b).times(new Value(5, "5"));
        upstream.backward();
        out.printf(Locale.ROOT, "max routes:      L = 5 max(a, b), a = 2, b = -3: dL/da = %s, dL/db = %s%n",
                fmt(a.grad()), fmt(b.grad()));
        a = new Value(3, "a");
        Value square = a.times(a);
        square.backward();
        out.printf(Locale.ROOT, "a fork:          L = a a, a = 3:  backward() gives dL/da = %s (2 a);", fmt(a.grad()));
        square.backwardOverwriting();
        out.printf(Locale.ROOT, " with = for += it gives %s%n", fmt(a.grad()));
    }

    private static void printGraph(Value output, PrintStream out) {
        List<Value> order = output.topologicalOrder();
        Map<Value, String> ids = ids(order);
        out.printf(Locale.ROOT, "  %-4s %-10s %-8s %-12s %12s %12s%n", "node", "name", "op", "inputs", "value", "grad");
        for (Value node : order) {
            StringBuilder inputs = new StringBuilder();
            for (Value input : node.inputs()) {
                inputs.append(inputs.length() == 0 ? "" : " ").append(ids.get(input));
            }
            out.printf(Locale.ROOT, "  %-4s %-10s %-8s %-12s %12.8f %12.8f%n", ids.get(node),
                    node.label() == null ? "" : node.label(), node.op().isEmpty() ? "leaf" : node.op(), inputs,
                    node.data() + 0.0, node.grad() + 0.0);            // + 0.0: -0.0 prints as 0
        }
    }

    /** n0, n1, ... in topological order. */
    static Map<Value, String> ids(List<Value> order) {
        Map<Value, String> ids = new IdentityHashMap<>();
        for (Value node : order) {
            ids.put(node, "n" + ids.size());
        }
        return ids;
    }

    private static String fmt(double value) {
        return Plot.number(value, 6);
    }

    /** Writes {@code xor-graph.png}, the graph of {@code output} (see {@link GraphDiagram}). */
    public static Path writePlot(Value output, long seed, Path directory) throws IOException {
        String title = String.format(Locale.ROOT, "The computational graph of sample r = %d of the XOR step (x = (%.0f, %.0f), "
                + "y = %.0f, seed %d)", SAMPLE, Xor.X[SAMPLE][0], Xor.X[SAMPLE][1], Xor.Y[SAMPLE][0], seed);
        return Plot.save(GraphDiagram.draw(output, title), directory.resolve("xor-graph.png"));
    }

    /** Runs the example; the same options as {@code autograd} in the {@link Launcher}. */
    public static void main(String[] args) {
        Launcher.main(Launcher.withExample("autograd", args));
    }
}
