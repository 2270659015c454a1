package org.backprop4j.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.Split;
import org.backprop4j.core.callbacks.EarlyStopping;
import org.backprop4j.examples.data.Datasets;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Normalization;
import org.backprop4j.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * TensorFlow's tutorial "Basic regression: predict fuel efficiency", ported line by line to
 * backprop4j on the diabetes data (the tutorial's Auto MPG data set is not available offline): the
 * same four models, a linear one on one feature, a linear one on all, and a deep one on each, all
 * behind a {@link Normalization} adapted to the training features, trained on the mean absolute
 * error with {@code validationSplit(0.2)}.
 * <pre>
 * normalizer = layers.Normalization(axis=-1)                  Normalization normalizer = new Normalization();
 * normalizer.adapt(np.array(train_features))                  normalizer.adapt(trainFeatures);
 * bmi_normalizer = layers.Normalization(input_shape=[1,],     Normalization bmiNormalizer = new Normalization();
 *                                       axis=None)
 * bmi_normalizer.adapt(bmi)                                   bmiNormalizer.adapt(bmi);
 * bmi_model = tf.keras.Sequential([bmi_normalizer,            model.add(bmiNormalizer);
 *                                  layers.Dense(units=1)])     model.add(new Dense(1));
 * bmi_model.compile(optimizer=Adam(learning_rate=0.1),        model.compile("mean_absolute_error", new Adam(learningRate));
 *                   loss='mean_absolute_error')
 * bmi_model.fit(bmi, train_labels, epochs=100, verbose=0,     model.fit(bmi, trainLabels, new FitOptions().epochs(100)
 *               validation_split=0.2)                              .verbose(0).validationSplit(0.2));
 * def build_and_compile_model(norm):                          static Sequential buildAndCompileModel(norm):
 *   Sequential([norm, layers.Dense(64, activation='relu'),      add(norm), add(new Dense(64, "relu")),
 *               layers.Dense(64, activation='relu'),              add(new Dense(64, "relu")),
 *               layers.Dense(1)])                                 add(new Dense(1))
 *   model.compile(loss='mean_absolute_error',                   compile("mean_absolute_error", new Adam(0.001))
 *                 optimizer=tf.keras.optimizers.Adam(0.001))
 * test_results['dnn_model'] = dnn_model.evaluate(             model.evaluate(testFeatures, testLabels).get("loss")
 *     test_features, test_labels, verbose=0)
 * </pre>
 * The linear models learn with {@link #LINEAR_LEARNING_RATE} 1.0 instead of the tutorial's 0.1,
 * which is too small for targets of this size; the example also runs the tutorial's rate, to show it.
 * The one feature is {@code bmi} (body mass index), the diabetes data's strongest single predictor,
 * as horsepower is Auto MPG's. The deep models add {@code EarlyStopping("val_loss", 10)} with the
 * best weights restored (issue 21's recipe; the tutorial trains them for 100 epochs flat). Keras
 * shares one adapted normalizer between the linear and the deep model; a backprop4j layer belongs to
 * one model, so each model gets a normalizer adapted to the same data (the same statistics).
 */
public final class Regression {

    /** Epochs of every model (the tutorial's). */
    public static final int EPOCHS = 100;
    /** EarlyStopping's patience for the deep models. */
    public static final int PATIENCE = 10;
    /** Mini-batch size (Keras' default, which the tutorial keeps). */
    public static final int BATCH_SIZE = 32;
    /** The share of the training rows held out for validation (the last ones, as Keras takes them). */
    public static final double VALIDATION_SPLIT = 0.2;
    /** The column of the single-feature models. */
    public static final String FEATURE = "bmi";
    /** The tutorial's learning rate of the linear models, too small for these targets (see {@link #LINEAR_LEARNING_RATE}). */
    public static final double TUTORIAL_LINEAR_LEARNING_RATE = 0.1;
    /**
     * The linear models' learning rate here: Adam moves a weight by about the learning rate per step,
     * and the bias has to travel from 0 to the targets' mean (about 150, where Auto MPG's is 23): 900
     * steps of 0.1 do not get there.
     */
    public static final double LINEAR_LEARNING_RATE = 1.0;
    /** The seed of the weights and the shuffling. */
    public static final long SEED = 42L;

    private Regression() {
    }

    /**
     * One trained model: its name in the tutorial's {@code test_results}, its test mean absolute
     * error, the epochs it trained, and the model.
     */
    public record Result(String name, double testMae, int epochs, Sequential model) {
    }

    /** Trains the tutorial's four models on the diabetes split, printing what the tutorial shows. */
    public static Map<String, Result> run(Split data, DataType type, long seed, PrintStream out) {
        INDArray trainFeatures = data.xTrain().castTo(type);
        INDArray trainLabels = data.yTrain().castTo(type);
        INDArray testFeatures = data.xTest().castTo(type);
        INDArray testLabels = data.yTest().castTo(type);
        int column = Datasets.DIABETES_FEATURES.indexOf(FEATURE);
        INDArray trainBmi = trainFeatures.get(NDArrayIndex.all(), NDArrayIndex.interval(column, column + 1)).dup();
        INDArray testBmi = testFeatures.get(NDArrayIndex.all(), NDArrayIndex.interval(column, column + 1)).dup();
        out.printf(Locale.ROOT, "Diabetes (Efron et al. 2004): %d training and %d test patients, %d features, target: "
                + "disease progression after one year (%s)%n%n", trainFeatures.rows(), testFeatures.rows(),
                trainFeatures.columns(), type);

        Normalization normalizer = new Normalization();
        normalizer.adapt(trainFeatures);
        out.println("normalizer.adapt(train_features): mean and standard deviation of each feature");
        double[] mean = normalizer.mean();
        double[] variance = normalizer.variance();
        for (int j = 0; j < mean.length; j++) {
            out.printf(Locale.ROOT, "  %-4s %8.3f %8.3f%n", Datasets.DIABETES_FEATURES.get(j), mean[j], Math.sqrt(variance[j]));
        }
        out.println();

        Map<String, Result> results = new LinkedHashMap<>();
        Sequential slow = linear(adapted(trainFeatures), type, seed, TUTORIAL_LINEAR_LEARNING_RATE);
        results.put("linear_model, Adam(0.1)", train("linear_model, Adam(0.1)", slow, trainFeatures, trainLabels,
                testFeatures, testLabels, false));
        results.put("bmi_model", train("bmi_model", linear(adapted(trainBmi), type, seed, LINEAR_LEARNING_RATE),
                trainBmi, trainLabels, testBmi, testLabels, false));
        results.put("linear_model", train("linear_model", linear(adapted(trainFeatures), type, seed, LINEAR_LEARNING_RATE),
                trainFeatures, trainLabels, testFeatures, testLabels, false));
        results.put("dnn_bmi_model", train("dnn_bmi_model", buildAndCompileModel(adapted(trainBmi), type, seed),
                trainBmi, trainLabels, testBmi, testLabels, true));
        Sequential dnn = buildAndCompileModel(normalizer, type, seed);
        out.println("dnn_model.summary()");
        out.print(dnn.summary());
        out.println();
        results.put("dnn_model", train("dnn_model", dnn, trainFeatures, trainLabels, testFeatures, testLabels, true));

        out.println("Mean absolute error on the test patients (pd.DataFrame(test_results)):");
        out.printf(Locale.ROOT, "(the bias of linear_model with the tutorial's Adam(0.1) ended at %.1f after %d epochs; the "
                + "training targets' mean is %.1f)%n", slow.getWeights().get(slow.getWeights().size() - 1).getDouble(0),
                EPOCHS, trainLabels.meanNumber().doubleValue());
        out.println("model                    epochs  test MAE");
        for (Result result : results.values()) {
            out.printf(Locale.ROOT, "%-23s  %6d  %8.3f%n", result.name(), result.epochs(), result.testMae());
        }
        double baseline = meanAbsoluteDeviation(trainLabels, testLabels);
        out.printf(Locale.ROOT, "%-23s  %6s  %8.3f   (predicting the training mean for everyone)%n", "mean", "-", baseline);
        out.println();
        INDArray predictions = dnn.predict(testFeatures);
        out.println("dnn_model.predict(test_features), the first 8 test patients:");
        out.println("  true  predicted  error");
        for (int i = 0; i < 8; i++) {
            double truth = testLabels.getDouble(i, 0);
            double predicted = predictions.getDouble(i, 0);
            out.printf(Locale.ROOT, "%6.0f  %9.1f  %5.1f%n", truth, predicted, predicted - truth);
        }
        return results;
    }

    /** A Normalization adapted to {@code x}. */
    static Normalization adapted(INDArray x) {
        return new Normalization().adapt(x);
    }

    /** The tutorial's linear model: the normalizer and one Dense unit, Adam, mean absolute error. */
    static Sequential linear(Normalization norm, DataType type, long seed, double learningRate) {
        Sequential model = new Sequential(seed, type);
        model.add(norm);
        model.add(new Dense(1));
        model.compile("mean_absolute_error", new Adam(learningRate));
        return model;
    }

    /** The tutorial's {@code build_and_compile_model(norm)}. */
    static Sequential buildAndCompileModel(Normalization norm, DataType type, long seed) {
        Sequential model = new Sequential(seed, type);
        model.add(norm);
        model.add(new Dense(64, "relu"));
        model.add(new Dense(64, "relu"));
        model.add(new Dense(1));
        model.compile("mean_absolute_error", new Adam(0.001));
        return model;
    }

    private static Result train(String name, Sequential model, INDArray x, INDArray y, INDArray xTest, INDArray yTest,
            boolean earlyStopping) {
        FitOptions options = new FitOptions().epochs(EPOCHS).batchSize(BATCH_SIZE).verbose(0)
                .validationSplit(VALIDATION_SPLIT);
        if (earlyStopping) {
            options.callbacks(new EarlyStopping("val_loss", PATIENCE).restoreBestWeights(true));
        }
        History history = model.fit(x, y, options);
        return new Result(name, model.evaluate(xTest, yTest).get("loss"), history.epochs(), model);
    }

    /** The test MAE of predicting the training targets' mean for every patient. */
    static double meanAbsoluteDeviation(INDArray trainLabels, INDArray testLabels) {
        double mean = trainLabels.meanNumber().doubleValue();
        List<Double> errors = new ArrayList<>();
        for (double value : testLabels.castTo(DataType.DOUBLE).data().asDouble()) {
            errors.add(Math.abs(value - mean));
        }
        return errors.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
