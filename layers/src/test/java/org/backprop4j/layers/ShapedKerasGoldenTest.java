package org.backprop4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.internal.Arrays2D;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Numbers from real Keras 3 (3.15.1 on TensorFlow 2.21, CPU), printed by
 * {@code layers/src/test/python/keras_shape_layers.py}: Rescaling in float32 and float64, a model
 * {@code Input((2, 3)) -> Rescaling(0.5, 0.25) -> Flatten -> Dense(4, tanh) -> Dense(2)} (predictions,
 * three SGD steps: losses and weights), and the noise layers' inference identity and training spread.
 */
class ShapedKerasGoldenTest {

    static final double[] RESCALING_INV255_FLOAT32 = {0.0, 0.003921568859368563, 0.49803924560546875, 0.501960813999176, 0.9960784912109375, 1.0, 0.012941177003085613, -0.028431374579668045};
    static final double[] RESCALING_TWO_MINUS_ONE_FLOAT32 = {-1.0, 1.0, 253.0, 255.0, 507.0, 509.0, 5.599999904632568, -15.5};
    static final double[] RESCALING_INV255_FLOAT64 = {0.0, 0.003921568859368563, 0.49803924513980746, 0.501960813999176, 0.9960784902796149, 1.0000000591389835, 0.012941177235916257, -0.02843137423042208};
    static final double[] RESCALING_TWO_MINUS_ONE_FLOAT64 = {-1.0, 1.0, 253.0, 255.0, 507.0, 509.0, 5.6, -15.5};
    static final double[] RESCALING_INPUT = {0.0, 1.0, 127.0, 128.0, 254.0, 255.0, 3.3, -7.25};
    static final double[] MODEL_X = {1.1244703552698838, 0.42338811828387213, 0.8392047616337006, -1.6436085083111642, 0.5228576634956172, 1.923242808897811, -0.3063793105609758, -1.5503876666106309, 1.8330657814633695, 0.7039287396868272, -1.2112290562202177, 0.688237026107148, 1.9709665109463717, -1.1620581039740192, 1.4154391940501334, 0.7956431409094002, -1.1132998896928594, -1.260913070978955, 1.8166281287220531, -0.6382498895839794, -0.23442200392218604, 0.6243494069776152, -0.23879238519382273, -1.9989419840781926, -0.9589765184867445, -0.11105802115062557, 1.045073776179004, 0.42554536266037823, -0.279219882900668, -1.235886146264062};
    static final double[] MODEL_Y = {0.5693110959215133, -0.6257530371148476, 0.4475581283803107, -0.005183599278324014, 0.10441547989875821, -0.23202087567960872, -0.5940180663291792, -0.660495539757477, 0.2829761418878598, -0.447727938512972};
    static final double[] MODEL_WEIGHTS_0 = {-0.48578178110298176, -0.30736603302338816, 0.42120074495947735, 0.21170703415427206, 0.08025950505486357, -0.09837162937917521, 0.31792347438595303, -0.23681498647435462, 0.13307126182664608, -0.4879958436057754, 0.1456839072103464, 0.47255890365187925, 0.2083802639039506, -0.4232617766906649, 0.09151126172779, -0.18320555479951006, 0.4196957557292783, -0.48188985576159604, -0.4881231804822066, -0.4037972389121255, -0.16069981751227436, 0.38240710103877895, 0.06464537877517318, 0.1623645565074261};
    static final double[] MODEL_WEIGHTS_1 = {-0.45565765263999014, -0.3251859181143477, -0.11925697161641502, 0.12779346732313102};
    static final double[] MODEL_WEIGHTS_2 = {0.2515014460990386, 0.07470483014795337, -0.22049693360605083, -0.32051544365118, -0.07839769906934335, -0.24412831093511111, 0.25992031470672183, 0.39306398795442954};
    static final double[] MODEL_WEIGHTS_3 = {0.30414763453427096, -0.3789973301348305};
    static final double[] MODEL_PREDICTIONS = {0.354941105155013, -0.13116635384125058, 0.5012709510086687, 0.030653993792025713, 0.4595754469557554, -0.007572178903766824, 0.3631912585356228, -0.1507491206718677, 0.5293055076810484, -0.03163567706450643};
    static final double[] MODEL_LOSSES = {0.1881157730156994, 0.14466606997096862, 0.1193790976230551};
    static final double[] MODEL_TRAINED_0 = {-0.4983103676976373, -0.2984454824617839, 0.43784663215779956, 0.17954829157231855, 0.08119789366531656, -0.09657622845219327, 0.3201074308238111, -0.23808463641161706, 0.1266991787461414, -0.48155440672151667, 0.156508990215506, 0.4552884781416487, 0.19844868645995534, -0.4205737169488532, 0.09848510737901005, -0.20094547483044362, 0.41909739857532846, -0.47933191814817533, -0.4843002285413304, -0.40895284482624294, -0.14897370926485837, 0.38137538344986605, 0.05932322085570173, 0.18022309583084445};
    static final double[] MODEL_TRAINED_1 = {-0.4715470061337164, -0.31271543736699814, -0.09672700072611043, 0.08675215949669549};
    static final double[] MODEL_TRAINED_2 = {0.2856738086874105, 0.11342192631212158, -0.15824816505634964, -0.2647026667567287, -0.09945609822396453, -0.2612340831611728, 0.24793255890508398, 0.3681345877353431};
    static final double[] MODEL_TRAINED_3 = {0.2395415395447292, -0.4571959079573359};

    private static final double TOLERANCE = 1e-13;

    private static INDArray rescale(double scale, double offset, DataType type) {
        Rescaling layer = new Rescaling(scale, offset);
        layer.build(RESCALING_INPUT.length, type, new Random(0));
        INDArray x = Nd4j.createFromArray(new double[][] {RESCALING_INPUT}).castTo(type);
        return layer.forward(x, CallContext.inference(type)).castTo(DataType.DOUBLE);
    }

    @Test
    void rescalingInFloatIsKerasFloat32BitForBit() {
        assertArrayEquals(RESCALING_INV255_FLOAT32, Arrays2D.rowMajor(rescale(1.0 / 255, 0, DataType.FLOAT)), 0.0);
        assertArrayEquals(RESCALING_TWO_MINUS_ONE_FLOAT32, Arrays2D.rowMajor(rescale(2.0, -1.0, DataType.FLOAT)), 0.0);
    }

    @Test
    void rescalingInDoubleIsKerasFloat64() {
        // TensorFlow turns the Python float 1/255 into a float32 tensor before casting it to float64, so Keras'
        // float64 Rescaling(1/255) multiplies by float32(1/255): given that scale, the results agree bit for bit
        assertArrayEquals(RESCALING_INV255_FLOAT64, Arrays2D.rowMajor(rescale((float) (1.0 / 255), 0, DataType.DOUBLE)), 0.0);
        // with the exact double 1/255 (what backprop4j's DOUBLE computes) they differ by that rounding only
        double[] exact = Arrays2D.rowMajor(rescale(1.0 / 255, 0, DataType.DOUBLE));
        for (int i = 0; i < exact.length; i++) {
            assertEquals(RESCALING_INPUT[i] / 255, exact[i], 1e-16, "x / 255 in double");
            assertEquals(RESCALING_INV255_FLOAT64[i], exact[i], Math.abs(exact[i]) * 0x1p-24, "a float32 rounding apart");
        }
        assertArrayEquals(RESCALING_TWO_MINUS_ONE_FLOAT64, Arrays2D.rowMajor(rescale(2.0, -1.0, DataType.DOUBLE)), 0.0);
    }

    private static INDArray array(double[] values, long... shape) {
        return Nd4j.createFromArray(values).reshape('c', shape);
    }

    @Test
    void aModelWithRescalingAndFlattenPredictsAndTrainsAsKeras() {
        Sequential model = new Sequential(1L).add(new Input(2, 3)).add(new Rescaling(0.5, 0.25)).add(new Flatten())
                .add(new Dense(4, "tanh")).add(new Dense(2));
        model.compile("mse", new SGD(0.1));
        model.setWeights(List.of(array(MODEL_WEIGHTS_0, 6, 4), array(MODEL_WEIGHTS_1, 4), array(MODEL_WEIGHTS_2, 4, 2),
                array(MODEL_WEIGHTS_3, 2)));
        INDArray x = array(MODEL_X, 5, 2, 3);
        INDArray y = array(MODEL_Y, 5, 2);
        assertArrayEquals(MODEL_PREDICTIONS, Arrays2D.rowMajor(model.predict(x)), TOLERANCE);
        String summary = model.summary();
        assertTrue(summary.contains("(None, 2, 3)") && summary.contains("flatten (Flatten)           (None, 6)"), summary);
        History history = model.fit(x, y, new FitOptions().epochs(3).batchSize(5).shuffle(false).verbose(0));
        List<Double> losses = history.get("loss");
        for (int i = 0; i < 3; i++) {
            assertEquals(MODEL_LOSSES[i], losses.get(i), TOLERANCE, "loss of step " + i);
        }
        List<double[]> trained = List.of(MODEL_TRAINED_0, MODEL_TRAINED_1, MODEL_TRAINED_2, MODEL_TRAINED_3);
        List<INDArray> weights = model.getWeights();
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(trained.get(i), Arrays2D.rowMajor(weights.get(i)), TOLERANCE, "weight " + i);
        }
    }

    @Test
    void noiseLayersAreTheIdentityInInferenceAndSpreadAsKerasTestsInTraining() {
        // Keras' gaussian_dropout_test / gaussian_noise_test: ones((20, 500)), rate or stddev 0.3, the training output's
        // standard deviation within 0.02 of sqrt(rate / (1 - rate)) and of stddev (Keras measured 0.654237 and 0.299809)
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 20, 500);
        GaussianDropout dropout = new GaussianDropout(0.3);
        dropout.build(500, DataType.DOUBLE, new Random(0));
        GaussianNoise noise = new GaussianNoise(0.3);
        noise.build(500, DataType.DOUBLE, new Random(0));
        assertSame(ones, dropout.forward(ones, CallContext.inference(DataType.DOUBLE)));
        assertSame(ones, noise.forward(ones, CallContext.inference(DataType.DOUBLE)));
        INDArray dropped = dropout.forward(ones, new CallContext(true, new Random(1337), DataType.DOUBLE));
        INDArray noisy = noise.forward(ones, new CallContext(true, new Random(1337), DataType.DOUBLE));
        assertEquals(Math.sqrt(0.3 / 0.7), dropped.stdNumber().doubleValue(), 0.02);
        assertEquals(1.0, dropped.meanNumber().doubleValue(), 0.02);
        assertEquals(0.3, noisy.stdNumber().doubleValue(), 0.02);
        assertEquals(1.0, noisy.meanNumber().doubleValue(), 0.02);
    }
}
