package org.backprop4j.examples.labs;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Optimizer;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Input;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grades the three labs of docs/labs.md, printing one line per check and a verdict:
 * <ul>
 *   <li><b>layer</b>: a network Input(4), Dense(5) named "hidden", tanh, Dense(3) named "output",
 *       sigmoid, built from the student's layer, passes {@link GradientCheck} on every parameter
 *       (the hidden layer's gradients are right only if the output layer's {@code dL/dX} is);</li>
 *   <li><b>optimizer</b>: three steps on fixed gradients, and five epochs of training, end on the
 *       weights that backprop4j's {@code SGD(0.1, momentum 0.9)} reaches;</li>
 *   <li><b>loss</b>: the gradient equals central differences of the loss's own {@code value}, and a
 *       network compiled with the loss passes {@link GradientCheck}.</li>
 * </ul>
 * A method that throws (the unfinished exercise) fails its checks with the exception's message.
 */
public final class Grader {

    /** The labs, by the names {@code grade} takes. */
    public static final List<String> LABS = List.of("layer", "optimizer", "loss");
    /** A gradient check passes below this relative error. */
    public static final double TOLERANCE = 1e-6;

    /** Makes the Dense layer under test. */
    @FunctionalInterface
    public interface DenseFactory {
        Layer create(int units);
    }

    /** Makes the momentum optimizer under test. */
    @FunctionalInterface
    public interface MomentumFactory {
        Optimizer create(double learningRate, double momentum);
    }

    private Grader() {
    }

    /** Grades the student's class of {@code lab} ("layer", "optimizer" or "loss"). */
    public static boolean gradeStudent(String lab, PrintStream out) {
        return switch (lab) {
            case "layer" -> gradeLayer(StudentDense::new, "StudentDense", out);
            case "optimizer" -> gradeOptimizer(StudentMomentum::new, "StudentMomentum", out);
            case "loss" -> gradeLoss(StudentMeanSquaredError::new, "StudentMeanSquaredError", out);
            default -> throw new IllegalArgumentException("No lab '" + lab + "'; the labs are " + LABS);
        };
    }

    // ---- lab 1 ------------------------------------------------------------------------------------

    public static boolean gradeLayer(DenseFactory dense, String what, PrintStream out) {
        out.println("Lab 1, a Dense layer's backward: " + what);
        Report report = new Report(out);
        try {
            Sequential model = new Sequential(3L);
            model.add(new Input(4));
            model.add(dense.create(5).name("hidden"));
            model.add(new Activation("tanh"));
            model.add(dense.create(3).name("output"));
            model.add(new Activation("sigmoid"));
            model.compile("mean_squared_error", new SGD(0.1));
            GradientCheck.Result check = GradientCheck.check(model, gaussian(6, 4, 1), uniform(6, 3, 2));
            for (Map.Entry<String, Double> error : check.worstRelativeErrors().entrySet()) {
                String hint = error.getKey().endsWith("bias") ? "dL/db = column sums of dL/dZ"
                        : error.getKey().startsWith("hidden")
                        ? "dL/dW = X^T dL/dZ; if output/kernel passes, look at the dL/dX the output layer hands back"
                        : "dL/dW = X^T dL/dZ";
                report.check("gradient check of " + error.getKey() + " (relative error below 1e-6)",
                        error.getValue() < TOLERANCE, hint);
            }
        } catch (RuntimeException e) {
            report.fail("the gradient check", e);
        }
        return report.verdict();
    }

    // ---- lab 2 ------------------------------------------------------------------------------------

    public static boolean gradeOptimizer(MomentumFactory momentum, String what, PrintStream out) {
        out.println("Lab 2, an optimizer's update step: " + what);
        Report report = new Report(out);
        try {
            double[][] fixed = stepsOnFixedGradients(momentum.create(0.1, 0.9));
            double[][] expected = stepsOnFixedGradients(new SGD(0.1, 0.9, false));
            report.check("three steps on fixed gradients equal SGD(0.1, momentum 0.9) within 1e-12",
                    maxDifference(fixed, expected) < 1e-12, "v = momentum v - lr g, then w = w + v, both in place");
        } catch (RuntimeException e) {
            report.fail("three steps on fixed gradients", e);
        }
        try {
            double difference = maxDifference(trained(momentum.create(0.1, 0.9)), trained(new SGD(0.1, 0.9, false)));
            report.check("five epochs of training end on SGD(0.1, momentum 0.9)'s weights within 1e-10",
                    difference < 1e-10, "each parameter has its own velocity: slot(\"velocity\", index)");
        } catch (RuntimeException e) {
            report.fail("five epochs of training", e);
        }
        return report.verdict();
    }

    /**
     * The kernel (2, 1) and bias after each of three steps from kernel (1, -2), bias 0.5, with the
     * gradients (0.5, -1; 0.2), (0.5, -1; 0.2), (-2, 0.25; -0.1): the second step shows the momentum.
     */
    private static double[][] stepsOnFixedGradients(Optimizer optimizer) {
        Sequential model = new Sequential(1L);
        model.add(new Dense(1, 2));
        model.compile("mean_squared_error", optimizer);
        org.backprop4j.core.Parameter kernel = model.parameters().get(0);
        org.backprop4j.core.Parameter bias = model.parameters().get(1);
        kernel.value().assign(Nd4j.create(new double[][] {{1}, {-2}}));
        bias.value().assign(0.5);
        double[][] gradients = {{0.5, -1, 0.2}, {0.5, -1, 0.2}, {-2, 0.25, -0.1}};
        double[][] weights = new double[3][];
        for (int step = 0; step < 3; step++) {
            kernel.gradient().assign(Nd4j.create(new double[][] {{gradients[step][0]}, {gradients[step][1]}}));
            bias.gradient().assign(gradients[step][2]);
            optimizer.apply();
            weights[step] = new double[] {kernel.value().getDouble(0, 0), kernel.value().getDouble(1, 0),
                bias.value().getDouble(0)};
        }
        return weights;
    }

    private static double[][] trained(Optimizer optimizer) {
        Sequential model = new Sequential(5L);
        model.add(new Dense(4, 3, "tanh"));
        model.add(new Dense(2, "sigmoid"));
        model.compile("mean_squared_error", optimizer);
        model.fit(gaussian(8, 3, 3), uniform(8, 2, 4), new org.backprop4j.core.FitOptions().epochs(5).batchSize(4)
                .shuffle(false).verbose(0));
        List<INDArray> weights = model.getWeights();
        double[][] flat = new double[weights.size()][];
        for (int k = 0; k < weights.size(); k++) {
            flat[k] = weights.get(k).reshape(weights.get(k).length()).toDoubleVector();
        }
        return flat;
    }

    // ---- lab 3 ------------------------------------------------------------------------------------

    public static boolean gradeLoss(Supplier<Loss> loss, String what, PrintStream out) {
        out.println("Lab 3, a loss's gradient: " + what);
        Report report = new Report(out);
        INDArray p = uniform(5, 3, 6);
        INDArray y = uniform(5, 3, 7);
        try {
            Loss l = loss.get();
            INDArray analytic = Nd4j.zeros(p.dataType(), 5, 3);
            l.gradient(p, y, analytic);
            double worst = 0;
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < 3; c++) {
                    INDArray plus = p.dup();
                    INDArray minus = p.dup();
                    plus.putScalar(r, c, p.getDouble(r, c) + 1e-6);
                    minus.putScalar(r, c, p.getDouble(r, c) - 1e-6);
                    double numeric = (l.value(plus, y) - l.value(minus, y)) / 2e-6;
                    worst = Math.max(worst, Math.abs(numeric - analytic.getDouble(r, c))
                            / Math.max(1e-10, Math.abs(numeric) + Math.abs(analytic.getDouble(r, c))));
                }
            }
            report.check("dL/dp equals central differences of value() (relative error below 1e-6)", worst < TOLERANCE,
                    "L is the mean over all B K elements: the gradient is divided by B K");
        } catch (RuntimeException e) {
            report.fail("dL/dp against central differences", e);
        }
        try {
            Sequential model = new Sequential(8L);
            model.add(new Dense(4, 3, "tanh"));
            model.add(new Dense(3, "sigmoid"));
            model.compile(loss.get(), new SGD(0.1));
            GradientCheck.Result check = GradientCheck.check(model, gaussian(5, 3, 9), y);
            report.check("a network compiled with the loss passes the gradient check (every parameter)",
                    check.maxRelativeError() < TOLERANCE, "the model's gradients start from your dL/dp");
        } catch (RuntimeException e) {
            report.fail("the gradient check of a network", e);
        }
        return report.verdict();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static INDArray gaussian(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return Nd4j.create(values);
    }

    private static INDArray uniform(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int c = 0; c < columns; c++) {
                row[c] = 0.1 + 0.8 * random.nextDouble();
            }
        }
        return Nd4j.create(values);
    }

    private static double maxDifference(double[][] a, double[][] b) {
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                worst = Math.max(worst, Math.abs(a[k][i] - b[k][i]));
            }
        }
        return worst;
    }

    /** The PASS/FAIL lines and the verdict. */
    private static final class Report {
        private final PrintStream out;
        private int passed;
        private int total;

        Report(PrintStream out) {
            this.out = out;
        }

        void check(String what, boolean ok, String hint) {
            total++;
            passed += ok ? 1 : 0;
            out.println("  " + (ok ? "PASS " : "FAIL ") + what + (ok ? "" : "\n       hint: " + hint));
        }

        void fail(String what, RuntimeException e) {
            total++;
            out.println("  FAIL " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        boolean verdict() {
            boolean ok = total > 0 && passed == total;
            out.printf(Locale.ROOT, "  %s: %d of %d checks pass%n", ok ? "PASSED" : "NOT PASSED", passed, total);
            return ok;
        }
    }
}
