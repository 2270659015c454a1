package org.backprop4j.core.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.ActivationFunction;
import org.backprop4j.core.Loss;
import org.backprop4j.core.Registry;
import org.backprop4j.core.TestArrays;
import org.backprop4j.core.activations.Sigmoid;
import org.backprop4j.core.activations.Softmax;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ring-2 losses (api.md "Keras MLP parity, ring 2") against the numbers in Keras 3's
 * {@code keras/src/losses/losses_test.py} (test class and method named at each assertion) and the
 * docstrings of {@code keras/src/losses/losses.py}; their gradients against central differences in
 * DOUBLE; label smoothing on the cross-entropies (plain and fused); configs through the registry; bad
 * hyper-parameters.
 *
 * <p>Keras' tests compare with {@code assertAlmostEqual(x, y, 3)} (|x - y| &lt; 5e-4) on float32
 * results: the tolerances below are Keras' own where the expected number is Keras' rounded one, and
 * 1e-12 where it is the test's exact formula evaluated in float64.
 */
class KerasRingTwoLossTest {

    private static final double EPSILON = 1e-5; // central-difference step: round-off ~1e-11, truncation ~1e-10
    private static final double FLOOR = 1e-10;
    private static final double KERAS_PLACES_3 = 5e-4;

    private static INDArray m(double[][] values) {
        return Nd4j.create(values);
    }

    // the arrays Keras' regression-loss tests share (MeanAbsolutePercentageErrorTest, MeanSquaredLogarithmicErrorTest,
    // CosineSimilarityTest, LogCoshTest)
    private static final INDArray Y_TRUE = m(new double[][] {{1, 9, 2}, {-5, -2, 6}});
    private static final INDArray Y_PRED = m(new double[][] {{4, 8, 12}, {8, 1, 3}});

    @Test
    void meanAbsolutePercentageErrorMatchesKeras() {
        // MeanAbsolutePercentageErrorTest.test_unweighted: 211.8518
        assertEquals(211.8518, new MeanAbsolutePercentageError().value(Y_PRED, Y_TRUE), KERAS_PLACES_3);
        // test_no_reduction with sample_weight 2.3: per sample [621.8518, 352.6666] -> the mean of both / 2.3
        assertEquals((621.8518 + 352.6666) / 2 / 2.3, new MeanAbsolutePercentageError().value(Y_PRED, Y_TRUE), 1e-3);
        // test_all_correct_unweighted
        assertEquals(0, new MeanAbsolutePercentageError().value(Y_PRED, Y_PRED));
        // a zero target divides by epsilon: |0 - 1e-7| / 1e-7 = 100%
        assertEquals(100, new MeanAbsolutePercentageError().value(m(new double[][] {{1e-7}}), m(new double[][] {{0}})), 1e-9);
    }

    @Test
    void meanSquaredLogarithmicErrorMatchesKeras() {
        // MeanSquaredLogarithmicErrorTest.test_unweighted: 1.4370 (the negative targets count as 1e-7)
        assertEquals(1.4370, new MeanSquaredLogarithmicError().value(Y_PRED, Y_TRUE), KERAS_PLACES_3);
        assertEquals(1.437042008682778, new MeanSquaredLogarithmicError().value(Y_PRED, Y_TRUE), 1e-12);
    }

    @Test
    void cosineSimilarityMatchesKeras() {
        // CosineSimilarityTest.test_unweighted: -mean of the row cosines of the l2-normalised rows
        double expected = -(cosine(new double[] {1, 9, 2}, new double[] {4, 8, 12})
                + cosine(new double[] {-5, -2, 6}, new double[] {8, 1, 3})) / 2;
        assertEquals(expected, new CosineSimilarity().value(Y_PRED, Y_TRUE), 1e-12);
        assertEquals(-0.1872190708466051, expected, 1e-12);
        // the docstring of cosine_similarity: per sample [-0., -0.99999994, 0.99999994], a zero mean
        INDArray y = m(new double[][] {{0, 1}, {1, 1}, {1, 1}});
        INDArray p = m(new double[][] {{1, 0}, {1, 1}, {-1, -1}});
        assertEquals(0, new CosineSimilarity().value(p, y), 1e-15);
        assertEquals(-1, new CosineSimilarity().value(p.getRows(1), y.getRows(1)), 1e-15);
        // a zero prediction row gives 0, not NaN
        assertEquals(0, new CosineSimilarity().value(m(new double[][] {{0, 0}}), m(new double[][] {{1, 0}})), 0.0);
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na) / Math.sqrt(nb);
    }

    @Test
    void logCoshMatchesKeras() {
        // LogCoshTest.test_unweighted: sum of log((exp(e) + exp(-e)) / 2) over the 6 elements / 6
        double expected = 0;
        double[] y = Y_TRUE.data().asDouble();
        double[] p = Y_PRED.data().asDouble();
        for (int i = 0; i < 6; i++) {
            double e = p[i] - y[i];
            expected += Math.log((Math.exp(e) + Math.exp(-e)) / 2);
        }
        assertEquals(expected / 6, new LogCosh().value(Y_PRED, Y_TRUE), 1e-12);
        // the docstring of log_cosh: 0.108
        assertEquals(0.108, new LogCosh().value(m(new double[][] {{1, 1}, {0, 0}}), m(new double[][] {{0, 1}, {0, 0}})),
                KERAS_PLACES_3);
        // stable far out: log cosh(1000) = 1000 - log 2
        assertEquals(1000 - Math.log(2), new LogCosh().value(m(new double[][] {{1000}}), m(new double[][] {{0}})), 1e-9);
    }

    @Test
    void klDivergenceMatchesKeras() {
        // KLDivergenceTest.test_unweighted: sum(y log(y / p)) / batch size 2
        INDArray p = m(new double[][] {{0.4, 0.9, 0.12}, {0.36, 0.3, 0.4}});
        INDArray y = m(new double[][] {{0.5, 0.8, 0.12}, {0.7, 0.43, 0.8}});
        assertEquals(0.5960738398643668, new KLDivergence().value(p, y), 1e-12);
        // both sides clipped to [1e-7, 1]: a zero target contributes 1e-7 log(1e-7 / p), a zero prediction counts as 1e-7
        assertEquals(1e-7 * Math.log(1e-7 / 0.5) + Math.log(1 / 1e-7),
                new KLDivergence().value(m(new double[][] {{0.5, 0}}), m(new double[][] {{0, 1}})), 1e-12);
        assertInstanceOf(KLDivergence.class, Registry.LOSSES.create("kld"));
        assertEquals("kl_divergence", Registry.LOSSES.create("kld").name());
    }

    @Test
    void poissonMatchesKeras() {
        // PoissonTest.test_unweighted: mean(p - y log p) over the 6 elements (Keras adds 1e-7 inside the log)
        INDArray p = m(new double[][] {{1, 9, 2}, {5, 2, 6}});
        INDArray y = m(new double[][] {{4, 8, 12}, {8, 1, 3}});
        assertEquals(-3.306581945521002, new Poisson().value(p, y), KERAS_PLACES_3);
        assertEquals(-3.30658217033581, new Poisson().value(p, y), 1e-12); // with the 1e-7
    }

    @Test
    void hingeFamilyMatchesKeras() {
        INDArray y = m(new double[][] {{0, 1}, {0, 0}});
        INDArray p = m(new double[][] {{0.6, 0.4}, {0.4, 0.6}});
        // HingeTest / SquaredHingeTest / CategoricalHingeTest.test_unweighted: 1.3, 1.86, 1.4
        assertEquals(1.3, new Hinge().value(p, y), 1e-12);
        assertEquals(1.86, new SquaredHinge().value(p, y), 1e-12);
        assertEquals(1.4, new CategoricalHinge().value(p, y), 1e-12);
        // targets that are not all 0/1 are used as they are: -1/1 labels give the same numbers as their 0/1 form
        INDArray signed = m(new double[][] {{-1, 1}, {-1, -1}});
        assertEquals(1.3, new Hinge().value(p, signed), 1e-12);
        assertEquals(1.86, new SquaredHinge().value(p, signed), 1e-12);
    }

    @Test
    void binaryFocalCrossentropyMatchesKeras() {
        INDArray y = m(new double[][] {{1, 0}, {1, 0}});
        INDArray p = m(new double[][] {{0.9, 0.8}, {0.7, 0.2}});
        // BinaryFocalCrossentropyTest.test_unweighted: 0.268; test_no_reduction: per sample (0.515547, 0.020513)
        assertEquals(0.268, new BinaryFocalCrossentropy(false, 0.25, 2.0, false).value(p, y), KERAS_PLACES_3);
        assertEquals((0.515547 + 0.020513) / 2, new BinaryFocalCrossentropy().value(p, y), 1e-6);
        // ... with logits, gamma 3: 0.799
        INDArray yLogits = m(new double[][] {{1, 1, 0}, {0, 1, 0}});
        INDArray logits = m(new double[][] {{1.5, -2.7, 2.9}, {-3.8, 1.2, -4.5}});
        assertEquals(0.799, new BinaryFocalCrossentropy(false, 0.25, 3.0, true).value(logits, yLogits), KERAS_PLACES_3);
        // test_all_correct_unweighted (gamma 1.5 on probabilities, gamma 2 on logits +-100): 0
        INDArray eye = m(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertEquals(0, new BinaryFocalCrossentropy(false, 0.25, 1.5, false).value(eye, eye), KERAS_PLACES_3);
        assertEquals(0, new BinaryFocalCrossentropy(false, 0.25, 2.0, true).value(eye.mul(200).subi(100), eye),
                KERAS_PLACES_3);
        // the docstring of binary_focal_crossentropy: [0.330, 0.206] per sample, gamma 2
        assertEquals((0.330 + 0.206) / 2, new BinaryFocalCrossentropy().value(m(new double[][] {{0.6, 0.4}, {0.4, 0.6}}),
                m(new double[][] {{0, 1}, {0, 0}})), 1e-3);
        // the class docstring, example 1: 0.691, with class balancing 0.51; example 2 (gamma 3): 0.647 and 0.482
        INDArray y1 = m(new double[][] {{0, 1, 0, 0}});
        INDArray z1 = m(new double[][] {{-18.6, 0.51, 2.94, -12.8}});
        assertEquals(0.691, new BinaryFocalCrossentropy(false, 0.25, 2, true).value(z1, y1), KERAS_PLACES_3);
        assertEquals(0.51, new BinaryFocalCrossentropy(true, 0.25, 2, true).value(z1, y1), 5e-3);
        INDArray y2 = m(new double[][] {{0, 1}, {0, 0}});
        INDArray z2 = m(new double[][] {{-18.6, 0.51}, {2.94, -12.8}});
        assertEquals(0.647, new BinaryFocalCrossentropy(false, 0.25, 3, true).value(z2, y2), KERAS_PLACES_3);
        assertEquals(0.482, new BinaryFocalCrossentropy(true, 0.25, 3, true).value(z2, y2), KERAS_PLACES_3);
        // gamma 0 without balancing is binary cross-entropy, on probabilities and on logits
        INDArray probabilities = TestArrays.uniform(new Random(3), 4, 3, 0.05, 0.95);
        INDArray targets = TestArrays.uniform(new Random(4), 4, 3, 0, 1);
        assertEquals(new BinaryCrossentropy().value(probabilities, targets),
                new BinaryFocalCrossentropy(false, 0.25, 0, false).value(probabilities, targets), 1e-14);
        assertEquals(new BinaryCrossentropy(true).value(logits, yLogits),
                new BinaryFocalCrossentropy(false, 0.25, 0, true).value(logits, yLogits), 1e-14);
        // by name: gamma 2, no balancing
        BinaryFocalCrossentropy byName = (BinaryFocalCrossentropy) Registry.LOSSES.create("binary_focal_crossentropy");
        assertEquals(2.0, byName.gamma());
        assertEquals(false, byName.applyClassBalancing());
        assertEquals(0.25, byName.alpha());
    }

    @Test
    void categoricalFocalCrossentropyMatchesKeras() {
        INDArray eye = m(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        // CategoricalFocalCrossentropyTest.test_unweighted: 0.02059 (rows renormalised first: row 2 sums to 1.99)
        INDArray p = m(new double[][] {{0.9, 0.05, 0.05}, {0.5, 0.89, 0.6}, {0.05, 0.01, 0.94}});
        assertEquals(0.02059, new CategoricalFocalCrossentropy().value(p, eye), KERAS_PLACES_3);
        assertEquals(0.0205950887257027, new CategoricalFocalCrossentropy().value(p, eye), 1e-12);
        // ... with logits: 0.000345; test_no_reduction: per sample (1.5096224e-09, 2.4136547e-11, 1.0360638e-03)
        INDArray logits = m(new double[][] {{8, 1, 1}, {0, 9, 1}, {2, 3, 5}});
        CategoricalFocalCrossentropy fromLogits = new CategoricalFocalCrossentropy(0.25, 2.0, true);
        assertEquals(0.000345, fromLogits.value(logits, eye), KERAS_PLACES_3);
        assertEquals((1.5096224e-09 + 2.4136547e-11 + 1.0360638e-03) / 3, fromLogits.value(logits, eye), 1e-9);
        // test_label_smoothing: 0.06685
        assertEquals(0.06685, new CategoricalFocalCrossentropy(0.25, 2.0, true, 0.1)
                .value(m(new double[][] {{4.9, -0.5, 2.05}}), m(new double[][] {{1, 0, 0}})), KERAS_PLACES_3);
        // test_all_correct_unweighted: 0
        assertEquals(0, new CategoricalFocalCrossentropy().value(eye, eye), KERAS_PLACES_3);
        // the docstrings: [2.63401289e-04, 6.75912094e-01] per sample, and 0.23315276 for the class's example
        assertEquals((2.63401289e-04 + 6.75912094e-01) / 2, new CategoricalFocalCrossentropy().value(
                m(new double[][] {{0.05, 0.9, 0.05}, {0.1, 0.85, 0.05}}), m(new double[][] {{0, 1, 0}, {0, 0, 1}})), 1e-6);
        assertEquals(0.23315276, new CategoricalFocalCrossentropy().value(
                m(new double[][] {{0.05, 0.95, 0}, {0.1, 0.8, 0.1}}), m(new double[][] {{0, 1, 0}, {0, 0, 1}})), 1e-6);
        // alpha 1, gamma 0 is categorical cross-entropy (on rows that sum to 1)
        INDArray q = p.div(p.sum(true, 1));
        assertEquals(new CategoricalCrossentropy().value(q, eye), new CategoricalFocalCrossentropy(1, 0, false).value(q, eye),
                1e-14);
        CategoricalFocalCrossentropy byName = (CategoricalFocalCrossentropy) Registry.LOSSES.create(
                "categorical_focal_crossentropy");
        assertEquals(0.25, byName.alpha());
        assertEquals(2.0, byName.gamma());
    }

    @Test
    void labelSmoothingMatchesKeras() {
        // BinaryCrossentropyTest.test_label_smoothing: (10 + 5 * 0.1) / 3 (Keras' 3 decimals: the exact value adds
        // 3 log(1 + exp(-10)) / 3 = 4.54e-5 for the three saturated logits)
        double bce = new BinaryCrossentropy(true, 0.1).value(m(new double[][] {{10, -10, -10}}), m(new double[][] {{1, 0, 1}}));
        assertEquals((10.0 + 5.0 * 0.1) / 3.0, bce, KERAS_PLACES_3);
        assertEquals((10.0 + 5.0 * 0.1) / 3.0 + Math.log1p(Math.exp(-10)), bce, 1e-14);
        // CategoricalCrossentropyTest.test_label_smoothing: 400 * 0.1 / 3
        assertEquals(400.0 * 0.1 / 3.0, new CategoricalCrossentropy(true, 0.1).value(m(new double[][] {{100, -100, -100}}),
                m(new double[][] {{1, 0, 0}})), 1e-12);
        // on probabilities: the smoothed targets y (1 - s) + s / K in the plain formula
        INDArray p = m(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}});
        INDArray y = m(new double[][] {{1, 0, 0}, {0, 0, 1}});
        INDArray smoothed = y.mul(0.8).addi(0.2 / 3);
        assertEquals(new CategoricalCrossentropy().value(p, smoothed), new CategoricalCrossentropy(false, 0.2).value(p, y), 1e-15);
        INDArray binarySmoothed = y.mul(0.8).addi(0.1);
        assertEquals(new BinaryCrossentropy().value(p, binarySmoothed), new BinaryCrossentropy(false, 0.2).value(p, y), 1e-15);
        // 0 is the old behaviour, and writes no key (old files and configs unchanged)
        assertEquals(Map.of(), new CategoricalCrossentropy(false, 0).config());
        assertEquals(Map.of("fromLogits", true, "labelSmoothing", 0.1), new BinaryCrossentropy(true, 0.1).config());
    }

    @Test
    void fusedGradientsWithLabelSmoothingArePMinusTheSmoothedTargets() {
        Random random = new Random(31);
        INDArray y = TestArrays.oneHot(random, 5, 4);
        checkFused(new CategoricalCrossentropy(false, 0.1), new Softmax(), TestArrays.uniform(random, 5, 4, -3, 3), y);
        checkFused(new BinaryCrossentropy(false, 0.3), new Sigmoid(), TestArrays.uniform(random, 5, 4, -3, 3), y);
        // and literally (p - y') / count
        INDArray z = TestArrays.uniform(random, 5, 4, -3, 3);
        INDArray p = z.dup();
        new Softmax().forward(p, p);
        INDArray fused = p.ulike();
        new CategoricalCrossentropy(false, 0.1).gradientWrtPreActivation(p, y, fused);
        INDArray expected = p.sub(y.mul(0.9).addi(0.1 / 4)).divi(5);
        assertTrue(TestArrays.maxRelativeError(expected, fused, 1e-15) < 1e-12);
        new Sigmoid().forward(z, z);
        new BinaryCrossentropy(false, 0.3).gradientWrtPreActivation(z, y, fused);
        expected = z.sub(y.mul(0.7).addi(0.15)).divi(20);
        assertTrue(TestArrays.maxRelativeError(expected, fused, 1e-15) < 1e-12);
    }

    @Test
    void gradientsMatchCentralDifferencesInDouble() {
        Random random = new Random(22);
        INDArray probabilities = TestArrays.uniform(random, 5, 3, 0.05, 0.95);
        INDArray soft = TestArrays.uniform(random, 5, 3, 0.01, 1);
        INDArray oneHot = TestArrays.oneHot(random, 5, 3);
        INDArray logits = TestArrays.uniform(random, 5, 3, -4, 4);
        INDArray regression = TestArrays.uniform(random, 5, 3, -2, 2);
        INDArray regressionTargets = TestArrays.uniform(random, 5, 3, -2, 2);
        INDArray positive = TestArrays.uniform(random, 5, 3, 0.1, 3);
        INDArray counts = TestArrays.uniform(random, 5, 3, 0, 4);
        INDArray signs = oneHot.mul(2).subi(1);
        assertEquals(DataType.DOUBLE, probabilities.dataType());
        check(new KLDivergence(), probabilities, soft);
        check(new Poisson(), positive, counts);
        check(new LogCosh(), regression, regressionTargets);
        check(new Hinge(), regression.mul(0.3), oneHot);
        check(new Hinge(), regression.mul(0.3), signs);
        check(new SquaredHinge(), regression, oneHot);
        check(new CategoricalHinge(), regression.mul(0.2), oneHot);
        check(new MeanSquaredLogarithmicError(), positive, counts);
        check(new MeanAbsolutePercentageError(), regression, regressionTargets);
        check(new CosineSimilarity(), regression, regressionTargets);
        check(new BinaryFocalCrossentropy(), probabilities, soft);
        check(new BinaryFocalCrossentropy(true, 0.3, 3.0, false), probabilities, oneHot);
        check(new BinaryFocalCrossentropy(true, 0.3, 2.5, true), logits, soft);
        check(new BinaryFocalCrossentropy(false, 0.25, 2.0, true, 0.1), logits, oneHot);
        check(new CategoricalFocalCrossentropy(), probabilities, oneHot);           // rows not summing to 1
        check(new CategoricalFocalCrossentropy(0.5, 1.5, false, 0.2), probabilities, oneHot);
        check(new CategoricalFocalCrossentropy(0.25, 2.0, true), logits, oneHot);
        check(new CategoricalFocalCrossentropy(0.25, 0.0, true, 0.1), logits, oneHot);
        check(new CategoricalCrossentropy(false, 0.1), probabilities, oneHot);
        check(new CategoricalCrossentropy(true, 0.1), logits, oneHot);
        check(new BinaryCrossentropy(false, 0.2), probabilities, oneHot);
        check(new BinaryCrossentropy(true, 0.2), logits, soft);
    }

    @Test
    void registeredByNameAndConfigsRoundTrip() {
        Map<String, Class<?>> names = Map.ofEntries(Map.entry("kl_divergence", KLDivergence.class),
                Map.entry("kld", KLDivergence.class), Map.entry("poisson", Poisson.class),
                Map.entry("log_cosh", LogCosh.class), Map.entry("hinge", Hinge.class),
                Map.entry("squared_hinge", SquaredHinge.class), Map.entry("categorical_hinge", CategoricalHinge.class),
                Map.entry("mean_squared_logarithmic_error", MeanSquaredLogarithmicError.class),
                Map.entry("msle", MeanSquaredLogarithmicError.class),
                Map.entry("mean_absolute_percentage_error", MeanAbsolutePercentageError.class),
                Map.entry("mape", MeanAbsolutePercentageError.class),
                Map.entry("cosine_similarity", CosineSimilarity.class),
                Map.entry("binary_focal_crossentropy", BinaryFocalCrossentropy.class),
                Map.entry("categorical_focal_crossentropy", CategoricalFocalCrossentropy.class));
        names.forEach((name, type) -> assertEquals(type, Registry.LOSSES.create(name).getClass(), name));
        for (Loss loss : List.<Loss>of(new KLDivergence(), new Poisson(), new LogCosh(), new Hinge(), new SquaredHinge(),
                new CategoricalHinge(), new MeanSquaredLogarithmicError(), new MeanAbsolutePercentageError(),
                new CosineSimilarity(), new BinaryFocalCrossentropy(true, 0.4, 1.5, true),
                new BinaryFocalCrossentropy(false, 0.25, 2, false, 0.05), new CategoricalFocalCrossentropy(0.5, 3, true),
                new CategoricalFocalCrossentropy(0.25, 2, false, 0.2), new CategoricalCrossentropy(true, 0.1),
                new CategoricalCrossentropy(false, 0.3), new BinaryCrossentropy(false, 0.2), new BinaryCrossentropy(true, 1))) {
            Loss again = Registry.LOSSES.create(loss.name(), loss.config());
            assertEquals(loss.getClass(), again.getClass());
            assertEquals(loss.config(), again.config());
            assertEquals(loss.toString(), again.toString());
        }
        assertEquals("mean_squared_logarithmic_error", new MeanSquaredLogarithmicError().name());
        assertEquals("mean_absolute_percentage_error", Registry.LOSSES.create("mape").name());
    }

    @Test
    void badHyperParametersAreRejected() {
        assertMessage("CategoricalCrossentropy labelSmoothing must be in [0, 1], got 1.5",
                () -> new CategoricalCrossentropy(false, 1.5));
        assertMessage("BinaryCrossentropy labelSmoothing must be in [0, 1], got -0.1", () -> new BinaryCrossentropy(true, -0.1));
        assertMessage("labelSmoothing must be in [0, 1], got NaN", () -> new BinaryCrossentropy(false, Double.NaN));
        assertMessage("BinaryFocalCrossentropy gamma must be a finite number >= 0, got -1.0",
                () -> new BinaryFocalCrossentropy(false, 0.25, -1, false));
        assertMessage("BinaryFocalCrossentropy alpha must be in [0, 1], got 1.5",
                () -> new BinaryFocalCrossentropy(true, 1.5, 2, false));
        assertMessage("CategoricalFocalCrossentropy gamma must be a finite number >= 0, got -2.0",
                () -> new CategoricalFocalCrossentropy(0.25, -2, false));
        assertMessage("CategoricalFocalCrossentropy alpha must be a finite number >= 0, got -0.25",
                () -> new CategoricalFocalCrossentropy(-0.25, 2, false));
        assertMessage("gamma must be a finite number >= 0, got Infinity",
                () -> new CategoricalFocalCrossentropy(0.25, Double.POSITIVE_INFINITY, false));
        assertMessage("CategoricalFocalCrossentropy labelSmoothing must be in [0, 1], got 2.0",
                () -> new CategoricalFocalCrossentropy(0.25, 2, false, 2));
        // from a config (a model file) too, naming the key
        assertMessage("gamma must be a finite number >= 0, got -3.0",
                () -> Registry.LOSSES.create("binary_focal_crossentropy", Map.of("gamma", -3.0)));
        assertMessage("'gamma' must be a finite number", () -> Registry.LOSSES.create("categorical_focal_crossentropy",
                Map.of("gamma", "two")));
        assertMessage("unknown [smoothing]", () -> Registry.LOSSES.create("categorical_crossentropy",
                Map.of("smoothing", 0.1)));
        assertMessage("labelSmoothing must be in [0, 1], got 3.0", () -> Registry.LOSSES.create("binary_crossentropy",
                Map.of("labelSmoothing", 3.0)));
        // targets outside [0, 1] for the focal losses, as for binary cross-entropy
        assertMessage("binary_focal_crossentropy needs targets in [0, 1] (0/1 labels or probabilities); y[1][0] = 2.0",
                () -> new BinaryFocalCrossentropy().validateTargets(m(new double[][] {{0, 1}, {2, 0}})));
        assertMessage("categorical_focal_crossentropy needs targets in [0, 1]",
                () -> new CategoricalFocalCrossentropy().validateTargets(m(new double[][] {{1, -1}})));
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' should contain '" + expectedPart + "'");
    }

    /** The fused dL/dz against central differences of value(f(z)), and against dL/dp through f's backward pass. */
    private static void checkFused(Loss loss, ActivationFunction activation, INDArray z, INDArray y) {
        INDArray p = z.dup();
        activation.forward(p, p);
        assertTrue(loss.fusesWith(activation));
        INDArray fused = p.ulike();
        loss.gradientWrtPreActivation(p, y, fused);
        INDArray numeric = numeric(logits -> {
            INDArray probabilities = logits.dup();
            activation.forward(probabilities, probabilities);
            return loss.value(probabilities, y);
        }, z);
        double error = TestArrays.maxRelativeError(numeric, fused, FLOOR);
        assertTrue(error <= 1e-6, loss + " after " + activation.name() + " relative error " + error);
        INDArray dLdp = p.ulike();
        loss.gradient(p, y, dLdp);
        INDArray chained = p.ulike();
        activation.backward(z, p, dLdp, chained);
        double chainError = TestArrays.maxRelativeError(chained, fused, 1e-15);
        assertTrue(chainError <= 1e-9, loss + ": fused vs chained relative error " + chainError);
    }

    private static void check(Loss loss, INDArray predictions, INDArray targets) {
        INDArray analytic = predictions.ulike();
        loss.gradient(predictions, targets, analytic);
        INDArray numeric = numeric(at -> loss.value(at, targets), predictions);
        double error = TestArrays.maxRelativeError(numeric, analytic, FLOOR);
        assertTrue(error <= 1e-6, loss + " relative error " + error + "\nanalytic " + analytic + "\nnumeric " + numeric);
    }

    private interface Function {
        double apply(INDArray input);
    }

    private static INDArray numeric(Function f, INDArray at) {
        INDArray gradient = Nd4j.zeros(at.dataType(), at.shape());
        for (int i = 0; i < at.rows(); i++) {
            for (int j = 0; j < at.columns(); j++) {
                double original = at.getDouble(i, j);
                INDArray plus = at.dup();
                plus.putScalar(i, j, original + EPSILON);
                INDArray minus = at.dup();
                minus.putScalar(i, j, original - EPSILON);
                gradient.putScalar(i, j, (f.apply(plus) - f.apply(minus)) / (2 * EPSILON));
            }
        }
        return gradient;
    }
}
