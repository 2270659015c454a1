package org.backprop4j.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.Split;
import org.backprop4j.core.losses.SparseCategoricalCrossentropy;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Input;
import org.backprop4j.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Transfer learning with a Sequential model, as Keras' guides ("The Sequential model", "Transfer
 * learning &amp; fine-tuning") do it, on the 8x8 handwritten digits: train a network on the digits 0
 * to 4, freeze everything but its head, replace the head with {@code pop()} + {@code add}, and train
 * the new head on the digits 5 to 9 from a few examples each.
 * <pre>
 * model = keras.Sequential([keras.Input(shape=(64,)),          model.add(new Input(64));
 *     layers.Dense(32, activation='relu'),                      model.add(new Dense(32, "relu"));
 *     layers.Dense(32, activation='relu'),                      model.add(new Dense(32, "relu"));
 *     layers.Dense(5)])                                         model.add(new Dense(5));
 * model.fit(x_04, y_04, epochs=30)                             first task: 0 to 4
 * for layer in model.layers[:-1]:                               for (Layer layer : layers.subList(0, size - 1))
 *     layer.trainable = False                                       layer.setTrainable(false);
 * model.pop()                                                   model.pop();
 * model.add(layers.Dense(5))                                    model.add(new Dense(5));
 * model.compile(...); model.fit(x_59, y_59 - 5, epochs=100)     second task: 5 to 9, a few examples each
 * </pre>
 * Why these two tasks: the digits 5 to 9 are new classes drawn with the same strokes, so features
 * learnt on 0 to 4 (edges, loops, bars in the 8x8 grid) are worth reusing, which is the premise of
 * transfer learning; and the second task gets only {@value #SHOTS} training pictures per digit, where
 * reuse matters. The iris data has no second task of this kind. The same network trained from scratch
 * on the same few pictures is the comparison.
 */
public final class FineTune {

    /** Epochs of the first task. */
    public static final int FIRST_EPOCHS = 30;
    /** Epochs of the second task (few samples: few steps per epoch). */
    public static final int SECOND_EPOCHS = 100;
    /** Adam's learning rate on the second task, for the new head and for the network from scratch alike. */
    public static final double SECOND_LEARNING_RATE = 0.01;
    /** Adam's learning rate of the last step, fine-tuning the whole unfrozen network (Keras' guide: a low one). */
    public static final double FINE_TUNING_LEARNING_RATE = 0.001;
    /** Epochs of the last step. */
    public static final int FINE_TUNING_EPOCHS = 50;
    /** Training pictures per digit of the second task. */
    public static final int SHOTS = 5;
    /** Mini-batch size. */
    public static final int BATCH_SIZE = 32;
    /** Units of each hidden layer. */
    public static final int WIDTH = 64;
    /** The seed of the weights and the shuffling. */
    public static final long SEED = 42L;

    private FineTune() {
    }

    /**
     * What the run measured.
     *
     * @param firstTaskAccuracy test accuracy on the digits 0 to 4 after the first task
     * @param transferAccuracy test accuracy on 5 to 9 of the frozen body with the new head
     * @param fineTunedAccuracy test accuracy on 5 to 9 after unfreezing and fine-tuning the whole network
     * @param scratchAccuracy test accuracy on 5 to 9 of the same network trained from scratch on the same pictures
     * @param frozenChange the largest change of a frozen weight during the second task
     * @param trainable trainable parameters of the model with its body frozen and its new head
     * @param nonTrainable non-trainable parameters of that model
     */
    public record Result(double firstTaskAccuracy, double transferAccuracy, double fineTunedAccuracy, double scratchAccuracy, double frozenChange,
            long trainable, long nonTrainable) {
    }

    /** Runs both tasks on the digits' split, printing each step. */
    public static Result run(Split digits, DataType type, long seed, PrintStream out) {
        INDArray[] first = task(digits.xTrain(), digits.yTrain(), 0, Integer.MAX_VALUE, type);
        INDArray[] firstTest = task(digits.xTest(), digits.yTest(), 0, Integer.MAX_VALUE, type);
        INDArray[] second = task(digits.xTrain(), digits.yTrain(), 5, SHOTS, type);
        INDArray[] secondTest = task(digits.xTest(), digits.yTest(), 5, Integer.MAX_VALUE, type);
        out.printf(Locale.ROOT, "Digits 8x8, pixels / 16. First task, 0 to 4: %d training and %d test pictures. "
                + "Second task, 5 to 9: %d training pictures (%d per digit) and %d test pictures.%n%n", first[0].rows(),
                firstTest[0].rows(), second[0].rows(), SHOTS, secondTest[0].rows());

        Sequential model = new Sequential(seed, type);
        model.add(new Input(64));
        model.add(new Dense(WIDTH, "relu"));
        model.add(new Dense(WIDTH, "relu"));
        model.add(new Dense(5));                                          // logits of 0 to 4
        model.compile(new SparseCategoricalCrossentropy(true), new Adam(), "accuracy");
        model.fit(first[0], first[1], new FitOptions().epochs(FIRST_EPOCHS).batchSize(BATCH_SIZE).verbose(0));
        double firstAccuracy = model.evaluate(firstTest[0], firstTest[1]).get("accuracy");
        out.printf(Locale.ROOT, "1. Trained on 0 to 4 for %d epochs: test accuracy %.4f%n%n", FIRST_EPOCHS, firstAccuracy);

        List<Layer> layers = model.getLayers();
        for (Layer layer : layers.subList(0, layers.size() - 1)) {      // for layer in model.layers[:-1]:
            layer.setTrainable(false);                                   //     layer.trainable = False
        }
        Layer head = model.pop();                                        // model.pop()
        model.add(new Dense(5));                                         // model.add(layers.Dense(5)): 5 to 9
        model.compile(new SparseCategoricalCrossentropy(true), new Adam(SECOND_LEARNING_RATE), "accuracy");
        out.printf(Locale.ROOT, "2. Froze every layer but the head, removed the head (%s) with pop() and added a new "
                + "Dense(5):%n", head.describe());
        out.print(model.summary());
        List<INDArray> before = copies(model.getWeights());
        long trainableAfterFreezing = model.getLayers().stream().mapToLong(Layer::trainableParameterCount).sum();
        long allParameters = model.getLayers().stream().mapToLong(Layer::parameterCount).sum();

        model.fit(second[0], second[1], new FitOptions().epochs(SECOND_EPOCHS).batchSize(BATCH_SIZE).verbose(0));
        double transfer = model.evaluate(secondTest[0], secondTest[1]).get("accuracy");
        List<INDArray> after = model.getWeights();
        double frozenChange = 0;
        double headChange = 0;
        int frozenCount = (int) (before.size() - 2);                    // all but the new head's kernel and bias
        for (int w = 0; w < before.size(); w++) {
            double change = after.get(w).sub(before.get(w)).amaxNumber().doubleValue();
            if (w < frozenCount) {
                frozenChange = Math.max(frozenChange, change);
            } else {
                headChange = Math.max(headChange, change);
            }
        }
        out.printf(Locale.ROOT, "%n3. Trained the new head on 5 to 9 for %d epochs: test accuracy %.4f%n", SECOND_EPOCHS,
                transfer);
        out.printf(Locale.ROOT, "   largest change of a frozen weight: %s; of a head weight: %.4f%n", frozenChange, headChange);

        for (Layer layer : model.getLayers()) {                          // base_model.trainable = True
            layer.setTrainable(true);
        }
        model.compile(new SparseCategoricalCrossentropy(true), new Adam(FINE_TUNING_LEARNING_RATE), "accuracy");
        model.fit(second[0], second[1], new FitOptions().epochs(FINE_TUNING_EPOCHS).batchSize(BATCH_SIZE).verbose(0));
        double fineTuned = model.evaluate(secondTest[0], secondTest[1]).get("accuracy");
        out.printf(Locale.ROOT, "%n4. Unfroze every layer and fine-tuned the whole network with Adam(%s) for %d epochs: "
                + "test accuracy %.4f%n", FINE_TUNING_LEARNING_RATE, FINE_TUNING_EPOCHS, fineTuned);

        Sequential scratch = new Sequential(seed, type);
        scratch.add(new Input(64));
        scratch.add(new Dense(WIDTH, "relu"));
        scratch.add(new Dense(WIDTH, "relu"));
        scratch.add(new Dense(5));
        scratch.compile(new SparseCategoricalCrossentropy(true), new Adam(SECOND_LEARNING_RATE), "accuracy");
        scratch.fit(second[0], second[1], new FitOptions().epochs(SECOND_EPOCHS).batchSize(BATCH_SIZE).verbose(0));
        double scratchAccuracy = scratch.evaluate(secondTest[0], secondTest[1]).get("accuracy");
        out.printf(Locale.ROOT, "%n5. The same network trained from scratch on the same %d pictures: test accuracy %.4f%n",
                second[0].rows(), scratchAccuracy);

        long trainable = trainableAfterFreezing;
        long all = allParameters;
        return new Result(firstAccuracy, transfer, fineTuned, scratchAccuracy, frozenChange, trainable, all - trainable);
    }

    /**
     * The rows of one task, pixels divided by 16, labels shifted to start at 0: digits {@code from}
     * to {@code from + 4}, at most {@code perDigit} rows of each (in the split's order).
     */
    static INDArray[] task(INDArray x, INDArray y, int from, int perDigit, DataType type) {
        double[] labels = y.castTo(DataType.DOUBLE).data().asDouble();
        int[] taken = new int[5];
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            int digit = (int) labels[i] - from;
            if (digit >= 0 && digit < 5 && taken[digit] < perDigit) {
                taken[digit]++;
                rows.add(i);
            }
        }
        int[] indices = rows.stream().mapToInt(Integer::intValue).toArray();
        double[] shifted = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            shifted[k] = labels[indices[k]] - from;
        }
        INDArray features = x.getRows(indices).castTo(type).divi(16);
        INDArray targets = Nd4j.create(shifted, new long[] {shifted.length, 1}, DataType.DOUBLE).castTo(type);
        return new INDArray[] {features, targets};
    }

    private static List<INDArray> copies(List<INDArray> weights) {
        List<INDArray> copies = new ArrayList<>();
        for (INDArray weight : weights) {
            copies.add(weight.dup());
        }
        return copies;
    }
}
