package org.backprop4j.examples;

import static org.backprop4j.examples.PlainMatrices.columnSums;
import static org.backprop4j.examples.PlainMatrices.plusRow;
import static org.backprop4j.examples.PlainMatrices.product;
import static org.backprop4j.examples.PlainMatrices.transpose;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.backprop4j.core.Initializer;
import org.backprop4j.core.Registry;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.initializers.HeNormal;
import org.backprop4j.core.initializers.RandomNormal;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Input;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backpropagation through any number of Dense layers, as a loop in plain Java over the four
 * equations of docs/deep-backprop.md (rows are samples, {@code *} element-wise, layers 1 to L,
 * {@code A_0 = X}):
 *
 * <pre>
 * forward   Z_l = A_{l-1} W_l + 1 b_l        A_l = f_l(Z_l)                     l = 1 .. L
 * (BP1)     Delta_L = dL/dA_L * f_L'(Z_L)
 * (BP2)     Delta_l = (Delta_{l+1} W_{l+1}^T) * f_l'(Z_l)                        l = L-1 .. 1
 * (BP3)     dL/db_l = 1^T Delta_l            (column sums, shape (n_l))
 * (BP4)     dL/dW_l = A_{l-1}^T Delta_l      (shape (n_{l-1}, n_l), like W_l)
 * </pre>
 *
 * with mean squared error, {@code dL/dA_L = 2 (A_L - Y) / (B K)}. {@link #run} checks the loop
 * against {@code model.gradients} and then measures, for a 10-layer relu network, how the error
 * signals shrink or grow going backwards under four initialisers: the backward twin of
 * docs/initialisation.md.
 */
public final class DeepBackprop {

    /** Layer widths of the 10-layer experiment, as on docs/initialisation.md. */
    public static final int WIDTH = 256;
    /** Its depth. */
    public static final int DEPTH = 10;
    /** The initialisers compared, by the names printed. */
    public static final List<String> INITIALISERS = List.of("random_normal(0.01)", "random_normal(0.2)",
            "glorot_uniform", "he_normal");

    private DeepBackprop() {
    }

    /**
     * One Dense layer with its activation.
     *
     * @param w kernel (n_in, n_out), {@code w[j][i]} from input j to unit i
     * @param b bias (n_out)
     * @param activation "sigmoid", "tanh", "relu" or "linear"
     */
    public record Layer(double[][] w, double[] b, String activation) {
    }

    /** dL/dW_l and dL/db_l for every layer, first layer first; {@code deltas.get(l - 1)} is Delta_l. */
    public record Gradients(List<double[][]> kernels, List<double[]> biases, List<double[][]> deltas) {
    }

    /** The forward pass and the four equations, layer by layer, for mean squared error. */
    public static Gradients backprop(List<Layer> layers, double[][] x, double[][] y) {
        int depth = layers.size();
        List<double[][]> a = new ArrayList<>();           // a.get(l) is A_l; A_0 = X
        a.add(x);
        for (Layer layer : layers) {
            double[][] z = plusRow(product(a.get(a.size() - 1), layer.w()), layer.b());
            a.add(apply(layer.activation(), z));
        }
        double[][] p = a.get(depth);
        int batch = p.length;
        int outputs = p[0].length;
        double[][] dLdA = new double[batch][outputs];
        for (int r = 0; r < batch; r++) {
            for (int c = 0; c < outputs; c++) {
                dLdA[r][c] = 2 * (p[r][c] - y[r][c]) / (batch * outputs);
            }
        }
        double[][][] deltas = new double[depth + 1][][];
        double[][][] dW = new double[depth + 1][][];
        double[][] db = new double[depth + 1][];
        for (int l = depth; l >= 1; l--) {
            Layer layer = layers.get(l - 1);
            double[][] upstream = l == depth ? dLdA                                   // BP1
                    : product(deltas[l + 1], transpose(layers.get(l).w()));          // BP2
            deltas[l] = times(upstream, slope(layer.activation(), a.get(l)));
            db[l] = columnSums(deltas[l]);                                           // BP3
            dW[l] = product(transpose(a.get(l - 1)), deltas[l]);                     // BP4
        }
        List<double[][]> kernels = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        List<double[][]> errorSignals = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            kernels.add(dW[l]);
            biases.add(db[l]);
            errorSignals.add(deltas[l]);
        }
        return new Gradients(kernels, biases, errorSignals);
    }

    private static double[][] apply(String activation, double[][] z) {
        double[][] a = new double[z.length][z[0].length];
        for (int r = 0; r < z.length; r++) {
            for (int c = 0; c < z[0].length; c++) {
                double v = z[r][c];
                a[r][c] = switch (activation) {
                    case "sigmoid" -> 1 / (1 + Math.exp(-v));
                    case "tanh" -> Math.tanh(v);
                    case "relu" -> Math.max(0, v);
                    case "linear" -> v;
                    default -> throw new IllegalArgumentException("Unknown activation " + activation);
                };
            }
        }
        return a;
    }

    /** f'(Z), written with the output A = f(Z) as the library's activations do. */
    private static double[][] slope(String activation, double[][] a) {
        double[][] d = new double[a.length][a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) {
                double v = a[r][c];
                d[r][c] = switch (activation) {
                    case "sigmoid" -> v * (1 - v);
                    case "tanh" -> 1 - v * v;
                    case "relu" -> v > 0 ? 1 : 0;
                    default -> 1;
                };
            }
        }
        return d;
    }

    private static double[][] times(double[][] u, double[][] v) {
        double[][] w = new double[u.length][u[0].length];
        for (int r = 0; r < u.length; r++) {
            for (int c = 0; c < u[0].length; c++) {
                w[r][c] = u[r][c] * v[r][c];
            }
        }
        return w;
    }

    /** The network the loop is checked on: 3 inputs, tanh(5), sigmoid(4), relu(4), linear(2), seed 7. */
    public static Sequential checkModel() {
        Sequential model = new Sequential(7L);
        model.add(new Dense(5, 3, "tanh"));
        model.add(new Dense(4, "sigmoid"));
        model.add(new Dense(4, "relu"));
        model.add(new Dense(2));
        model.compile("mean_squared_error", new SGD(0.1));
        return model;
    }

    /** The layers of a model of {@code Dense} layers, with its current weights. */
    public static List<Layer> layersOf(Sequential model, List<String> activations) {
        List<INDArray> weights = model.getWeights();
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < activations.size(); l++) {
            layers.add(new Layer(weights.get(2 * l).toDoubleMatrix(), weights.get(2 * l + 1).toDoubleVector(),
                    activations.get(l)));
        }
        return layers;
    }

    /** Inputs and targets of the check: 6 samples, seeded. */
    public static double[][][] checkData() {
        Random random = new Random(5);
        double[][] x = new double[6][3];
        double[][] y = new double[6][2];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 3; c++) {
                x[r][c] = random.nextGaussian();
            }
            for (int c = 0; c < 2; c++) {
                y[r][c] = random.nextGaussian();
            }
        }
        return new double[][][] {x, y};
    }

    /** The largest |loop - model.gradients| over every weight of {@link #checkModel()}. */
    public static double checkAgainstLibrary() {
        Sequential model = checkModel();
        double[][][] data = checkData();
        Gradients loop = backprop(layersOf(model, List.of("tanh", "sigmoid", "relu", "linear")), data[0], data[1]);
        List<INDArray> library = model.gradients(Nd4j.create(data[0]), Nd4j.create(data[1]));
        double worst = 0;
        for (int l = 0; l < loop.kernels().size(); l++) {
            double[][] kernel = library.get(2 * l).toDoubleMatrix();
            double[] bias = library.get(2 * l + 1).toDoubleVector();
            for (int j = 0; j < kernel.length; j++) {
                for (int i = 0; i < kernel[0].length; i++) {
                    worst = Math.max(worst, Math.abs(kernel[j][i] - loop.kernels().get(l)[j][i]));
                }
            }
            for (int i = 0; i < bias.length; i++) {
                worst = Math.max(worst, Math.abs(bias[i] - loop.biases().get(l)[i]));
            }
        }
        return worst;
    }

    /**
     * The 10-layer relu network of docs/initialisation.md (500 unit-variance inputs, seed 11) under
     * initialiser {@code k} of {@link #INITIALISERS}, compiled with mean squared error against
     * unit-variance targets.
     */
    public static Sequential deepModel(int k) {
        List<Initializer> initializers = List.of(new RandomNormal(0, 0.01), new RandomNormal(0, 0.2),
                Registry.INITIALIZERS.create("glorot_uniform"), new HeNormal());
        Sequential model = new Sequential(11L);
        model.add(new Input(WIDTH));
        for (int layer = 0; layer < DEPTH; layer++) {
            model.add(new Dense(WIDTH, "relu").kernelInitializer(initializers.get(k)));
        }
        model.compile("mean_squared_error", new SGD(0.01));
        return model;
    }

    /** 500 rows of unit-variance inputs (seed 3, as on docs/initialisation.md) and targets (seed 4). */
    public static INDArray[] deepData() {
        return new INDArray[] {gaussian(500, WIDTH, 3), gaussian(500, WIDTH, 4)};
    }

    private static INDArray gaussian(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return Nd4j.create(values);
    }

    /**
     * For each layer l = 1 .. 10: the norm of dL/db_l, which is 1^T Delta_l (BP3), divided by that of
     * the last layer; and the norm of dL/dW_l, divided by that of the last layer. Index 0 is layer 1.
     */
    public static double[][] gradientNorms(int k) {
        INDArray[] data = deepData();
        List<INDArray> gradients = deepModel(k).gradients(data[0], data[1]);
        double[] bias = new double[DEPTH];
        double[] kernel = new double[DEPTH];
        for (int l = 0; l < DEPTH; l++) {
            kernel[l] = gradients.get(2 * l).norm2Number().doubleValue();
            bias[l] = gradients.get(2 * l + 1).norm2Number().doubleValue();
        }
        double lastBias = bias[DEPTH - 1];
        double lastKernel = kernel[DEPTH - 1];
        for (int l = 0; l < DEPTH; l++) {
            bias[l] /= lastBias;
            kernel[l] /= lastKernel;
        }
        return new double[][] {bias, kernel};
    }

    /** Prints the check of the loop and the 10-layer experiment. */
    public static void run(PrintStream out) {
        out.println("== The loop over layers, checked ==");
        out.println("A 3-5-4-4-2 network (tanh, sigmoid, relu, linear), mean squared error, 6 samples, seed 7:");
        out.println("the loop of BP1 to BP4 in plain Java, against model.gradients(x, y):");
        out.println("  every dL/dW_l and dL/db_l within 1e-15: " + (checkAgainstLibrary() <= 1e-15));
        out.println();
        out.println("== Ten relu layers, going backwards ==");
        out.println("|dL/db_l| / |dL/db_10| for l = 10 down to 1 (dL/db_l = 1^T Delta_l: the error signal reaching layer l)");
        List<double[][]> norms = new ArrayList<>();
        for (int k = 0; k < INITIALISERS.size(); k++) {
            norms.add(gradientNorms(k));
        }
        printRows(out, norms, 0);
        out.println("|dL/dW_l| / |dL/dW_10| for l = 10 down to 1 (dL/dW_l = A_{l-1}^T Delta_l)");
        printRows(out, norms, 1);
    }

    private static void printRows(PrintStream out, List<double[][]> norms, int which) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-20s", "layer"));
        for (int l = DEPTH; l >= 1; l--) {
            header.append(String.format(Locale.ROOT, " %9d", l));
        }
        out.println(header);
        for (int k = 0; k < INITIALISERS.size(); k++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s", INITIALISERS.get(k)));
            for (int l = DEPTH; l >= 1; l--) {
                line.append(String.format(Locale.ROOT, " %9.3g", norms.get(k)[which][l - 1]));
            }
            out.println(line);
        }
    }

    /** Runs the example; the same as {@code deep-backprop} in the {@link Launcher}. */
    public static void main(String[] args) {
        Launcher.main(Launcher.withExample("deep-backprop", args));
    }
}
