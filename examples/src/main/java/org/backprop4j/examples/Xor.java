package org.backprop4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * XOR, the Keras script of the source articles ported line by line: a 2-2-1 network of sigmoids
 * trained with mean squared error and plain SGD until its predictions round to 0 1 1 0.
 *
 * <pre>
 * Keras                                              backprop4j
 * model = Sequential()                               Sequential model = new Sequential(SEED);
 * model.add(Dense(2, input_shape=(2,)))              model.add(new Dense(2, 2));
 * model.add(Activation('sigmoid'))                   model.add(new Activation("sigmoid"));
 * model.add(Dense(1))                                model.add(new Dense(1));
 * model.add(Activation('sigmoid'))                   model.add(new Activation("sigmoid"));
 * model.compile(loss='mean_squared_error',           model.compile("mean_squared_error",
 *               optimizer=SGD(learning_rate=1.0),              new SGD(1.0), "accuracy");
 *               metrics=['accuracy'])
 * model.fit(x, y, epochs=5000, batch_size=4)         model.fit(x, y, 5000, 4);
 * </pre>
 *
 * <p>The articles used Keras' default learning rate 0.01 and were still "on their way" after
 * 100,000 epochs; a learning rate of 1.0 gets there in a few thousand. With only 2 hidden units some
 * initial weights lead into a local minimum (one hidden unit ends up useless and the output sticks
 * near 0.5 for two inputs), so the seed is fixed and stated.
 */
public final class Xor {

    /** The seed the printed run uses; it converges. */
    public static final long SEED = 42L;
    /** Plain SGD learning rate. */
    public static final double LEARNING_RATE = 1.0;
    /** Full-batch epochs, one SGD step each. */
    public static final int EPOCHS = 5000;

    /** The four XOR inputs. */
    public static final double[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** Their targets. */
    public static final double[][] Y = {{0}, {1}, {1}, {0}};

    private Xor() {
    }

    /** The trained model and what training recorded. */
    public record Result(Sequential model, History history, INDArray predictions) {
    }

    /** Builds the 2-2-1 network of the Keras script, seeded. */
    public static Sequential buildModel(long seed, double learningRate) {
        Sequential model = new Sequential(seed);
        model.add(new Dense(2, 2));
        model.add(new Activation("sigmoid"));
        model.add(new Dense(1));
        model.add(new Activation("sigmoid"));
        model.compile("mean_squared_error", new SGD(learningRate), "accuracy");
        return model;
    }

    /**
     * Trains and prints the summary, the progress, and a table of inputs, predictions and targets.
     *
     * @param verbose the fit verbosity (0 silent, 1 bar, 2 lines)
     */
    public static Result run(long seed, double learningRate, int epochs, int verbose, PrintStream out) {
        INDArray x = Nd4j.create(X);
        INDArray y = Nd4j.create(Y);
        Sequential model = buildModel(seed, learningRate);
        out.print(model.summary());
        out.printf(Locale.ROOT, "%nTraining on XOR: %d epochs, batch size 4, SGD learning rate %s, seed %d%n",
                epochs, learningRate, seed);
        long start = System.nanoTime();
        History history = model.fit(x, y, new FitOptions().epochs(epochs).batchSize(4).verbose(verbose)
                .progressOutput(out));
        double seconds = (System.nanoTime() - start) / 1e9;
        INDArray predictions = model.predict(x);

        out.printf(Locale.ROOT, "%nTrained in %.2f s (%.0f us per epoch)%n%n", seconds, seconds * 1e6 / epochs);
        out.println(" x1  x2 | prediction  rounded | target");
        out.println("--------+---------------------+-------");
        boolean converged = true;
        for (int i = 0; i < X.length; i++) {
            double p = predictions.getDouble(i, 0);
            long rounded = Math.round(p);
            converged &= rounded == (long) Y[i][0];
            out.printf(Locale.ROOT, "  %.0f   %.0f |   %.4f      %d    |   %.0f%n", X[i][0], X[i][1], p, rounded, Y[i][0]);
        }
        out.println();
        out.println(converged
                ? "Converged: the predictions round to 0 1 1 0."
                : "Not converged: with 2 hidden units this seed fell into a local minimum; try another seed, "
                        + "more epochs, or more hidden units.");
        out.println("(With 2 hidden units some seeds land in a local minimum, which is why the seed is fixed.)");
        return new Result(model, history, predictions);
    }

    /**
     * Writes {@code xor-loss.png} (the loss per epoch, log scale) and {@code xor-decision-boundary.png}
     * (where the trained model says 0 and 1 over [0, 1]^2) into {@code directory}.
     *
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writePlots(Result result, Path directory) throws IOException {
        Path loss = Charts.savePng(Charts.epochChart("XOR: training loss (mean squared error)", "loss",
                Map.of("loss", result.history().get("loss")), true), directory.resolve("xor-loss.png"));
        double[] labels = new double[Y.length];
        for (int i = 0; i < Y.length; i++) {
            labels[i] = Y[i][0];
        }
        Path boundary = Charts.savePng(Charts.decisionBoundary("XOR: what the trained 2-2-1 network predicts",
                result.model(), X, labels, 61), directory.resolve("xor-decision-boundary.png"));
        return List.of(loss, boundary);
    }

    /** Runs the example; the same options as {@code xor} in the {@link Launcher} (see {@code --help}). */
    public static void main(String[] args) {
        Launcher.main(Launcher.withExample("xor", args));
    }
}
