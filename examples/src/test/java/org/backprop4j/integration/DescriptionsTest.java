package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.History;
import org.backprop4j.core.Layer;
import org.backprop4j.core.MetricFormat;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;

/** What JShell (or a debugger, or a log line) shows for a model, a layer and a History. */
class DescriptionsTest {

    @Test
    void aModelIsOneLineWithItsLayersParametersAndCompileSettings() {
        assertEquals("Sequential(dense Dense(2 -> 2), activation Activation(sigmoid), dense_1 Dense(2 -> 1), "
                + "activation_1 Activation(sigmoid); 9 params; loss mean_squared_error, "
                + "optimizer sgd(learningRate=1.0, momentum=0.0, nesterov=false), metrics [accuracy])",
                ModelFixtures.xorModel(42, 1.0).toString());
    }

    @Test
    void aModelSaysWhenItIsNotCompiledOrEmpty() {
        assertEquals("Sequential(no layers)", new Sequential(1).toString());
        Sequential model = new Sequential(1).add(new Dense(1000, 784, "relu")).add(new Dense(10, "softmax"));
        assertEquals("Sequential(dense Dense(784 -> 1000, relu), dense_1 Dense(1000 -> 10, softmax); "
                + "795,010 params; not compiled)", model.toString());
        model.compile("categorical_crossentropy", new SGD(0.05, 0.9, true));
        assertEquals("Sequential(dense Dense(784 -> 1000, relu), dense_1 Dense(1000 -> 10, softmax); "
                + "795,010 params; loss categorical_crossentropy, "
                + "optimizer sgd(learningRate=0.05, momentum=0.9, nesterov=true), metrics [])", model.toString());
    }

    @Test
    void anUnbuiltLayerShowsItsSettingsAndABuiltOneItsSizes() {
        assertEquals("Dense(units=2, inputDim=2, kernelInitializer=glorot_uniform, biasInitializer=zeros)",
                new Dense(2, 2).toString());
        assertEquals("Dense(units=1, activation=sigmoid, kernelInitializer=glorot_uniform, biasInitializer=zeros)",
                new Dense(1, "sigmoid").toString());
        assertEquals("Activation(activation=tanh)", new Activation("tanh").toString());
        Dense hidden = new Dense(3);
        new Sequential(1).add(new Dense(2, 4)).add(hidden);
        assertEquals("Dense 'dense_1' (2 -> 3)", hidden.toString());
    }

    @Test
    void aLayerTypeWithoutAFactoryStillPrintsSomething() {
        Layer custom = new Layer() {
            @Override
            protected long build(long inputSize, java.util.Random random) {
                return inputSize;
            }

            @Override
            public org.nd4j.linalg.api.ndarray.INDArray forward(org.nd4j.linalg.api.ndarray.INDArray input,
                    org.backprop4j.core.CallContext context) {
                return input;
            }

            @Override
            public org.nd4j.linalg.api.ndarray.INDArray backward(org.nd4j.linalg.api.ndarray.INDArray dLdOutput,
                    boolean needInputGradient, org.backprop4j.core.CallContext context) {
                return dLdOutput;
            }

            @Override
            public String typeName() {
                return "Identity";
            }
        };
        assertEquals("Identity (not built)", custom.toString());
    }

    @Test
    void aHistoryFromFitIsOneLine() {
        History history = ModelFixtures.xorModel(42, 1.0).fit(ModelFixtures.xorX(), ModelFixtures.xorY(),
                new FitOptions().epochs(3).batchSize(4).verbose(0));
        String loss = MetricFormat.format(history.get("loss").get(0)) + " -> " + MetricFormat.format(history.get("loss").get(2));
        String accuracy = MetricFormat.format(history.get("accuracy").get(0)) + " -> "
                + MetricFormat.format(history.get("accuracy").get(2));
        assertEquals("History(3 epochs: loss " + loss + ", accuracy " + accuracy + ")", history.toString());
    }
}
