package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.backprop4j.core.GradientCheck;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Data, models and assertions shared by the model-level tests. */
public final class ModelFixtures {

    /** The acceptance bound for central-difference gradient checks in DOUBLE. */
    public static final double MAX_RELATIVE_ERROR = 1e-6;

    /**
     * The central-difference step. The round-off of a difference quotient is about
     * {@code ulp(loss) / epsilon}: some 1e-11 here, against 1e-10 with {@link GradientCheck#EPSILON}.
     * That keeps gradient entries as small as 1e-5 (the first layer of a deep model) measurable to
     * 1e-6 relative, while the truncation error {@code epsilon^2 f''' / 6} stays near 1e-11.
     */
    public static final double CHECK_EPSILON = 1e-5;

    private ModelFixtures() {
    }

    /** The four XOR inputs, {@code (4, 2)}. */
    public static INDArray xorX() {
        return Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    }

    /** The XOR targets, {@code (4, 1)}. */
    public static INDArray xorY() {
        return Nd4j.create(new double[][] {{0}, {1}, {1}, {0}});
    }

    /** The XOR network of the source articles: 2-2-1 sigmoids, MSE, SGD, accuracy. */
    public static Sequential xorModel(long seed, double learningRate) {
        Sequential model = new Sequential(seed);
        model.add(new Dense(2, 2)).add(new Activation("sigmoid")).add(new Dense(1)).add(new Activation("sigmoid"));
        return model.compile("mean_squared_error", new SGD(learningRate), "accuracy");
    }

    /** Every weight of the model, concatenated in getWeights() order, for exact comparisons. */
    public static double[] flatWeights(Sequential model) {
        List<Double> all = new ArrayList<>();
        for (INDArray weight : model.getWeights()) {
            for (double value : Arrays2D.rowMajor(weight)) {
                all.add(value);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Replaces every bias (rank-1 weight) by values uniform in {@code [low, high)}, so that gradient
     * checks do not start from the special case of zero biases (and relu units start switched on).
     */
    public static Sequential withRandomBiases(Sequential model, Random random, double low, double high) {
        List<INDArray> weights = model.getWeights();
        for (int i = 0; i < weights.size(); i++) {
            INDArray weight = weights.get(i);
            if (weight.rank() == 1) {
                weights.set(i, TestArrays.uniform(random, 1, (int) weight.length(), low, high).reshape(weight.length()));
            }
        }
        model.setWeights(weights);
        return model;
    }

    /** Runs {@link GradientCheck} on a compiled DOUBLE model and asserts every array is within the bound. */
    public static GradientCheck.Result assertGradientsMatch(Sequential model, INDArray x, INDArray y) {
        GradientCheck.Result result = GradientCheck.check(model, x, y, CHECK_EPSILON);
        assertEquals(model.getWeights().size(), result.worstRelativeErrors().size(), "one entry per weight array");
        assertTrue(result.maxRelativeError() <= MAX_RELATIVE_ERROR, result.toString());
        return result;
    }
}
