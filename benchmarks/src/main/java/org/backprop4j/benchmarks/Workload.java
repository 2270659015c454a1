package org.backprop4j.benchmarks;

import java.util.List;
import java.util.Random;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A two-layer network {@code inputs -> hidden -> outputs}, its data and its training settings, built
 * identically in backprop4j (Keras style: Dense, Activation, Dense, Activation) and in DL4J
 * (DenseLayer, OutputLayer), with DL4J's weights copied from backprop4j's so both start equal.
 */
record Workload(String name, int inputs, int hidden, int outputs, String hiddenActivation, String outputActivation,
                String loss, double learningRate, int batchSize, DataType dataType, long seed, int hiddenLayers,
                String optimizer) {

    /** One hidden layer, SGD: the original two-layer workloads. */
    Workload(String name, int inputs, int hidden, int outputs, String hiddenActivation, String outputActivation,
             String loss, double learningRate, int batchSize, DataType dataType, long seed) {
        this(name, inputs, hidden, outputs, hiddenActivation, outputActivation, loss, learningRate, batchSize, dataType,
                seed, 1, "sgd");
    }

    /** XOR: 2-2-1 sigmoid, MSE, SGD 1.0, the 4 samples as one batch, DOUBLE. */
    static Workload xor() {
        return new Workload("XOR 2-2-1 sigmoid, MSE, SGD, batch 4, DOUBLE", 2, 2, 1, "sigmoid", "sigmoid",
                "mean_squared_error", 1.0, 4, DataType.DOUBLE, 42L);
    }

    /** The MLP: 784-256-10, sigmoid hidden, softmax + categorical cross-entropy, SGD 0.1, batch 128. */
    static Workload mlp(DataType dataType) {
        return new Workload("MLP 784-256-10 sigmoid/softmax, cross-entropy, SGD, batch 128, " + dataType,
                784, 256, 10, "sigmoid", "softmax", "categorical_crossentropy", 0.1, 128, dataType, 7L);
    }

    /** The wide layer: 784-1024-10, otherwise as {@link #mlp} in FLOAT (its hidden layer has 131,072 elements). */
    static Workload wide() {
        return new Workload("Wide 784-1024-10 sigmoid/softmax, cross-entropy, SGD, batch 128, FLOAT",
                784, 1024, 10, "sigmoid", "softmax", "categorical_crossentropy", 0.1, 128, DataType.FLOAT, 7L);
    }

    /** The MLP (784-256-10, FLOAT) at another batch size, for the scaling table. */
    static Workload mlpBatch(int batchSize) {
        return new Workload("MLP 784-256-10 sigmoid/softmax, cross-entropy, SGD, batch " + batchSize + ", FLOAT",
                784, 256, 10, "sigmoid", "softmax", "categorical_crossentropy", 0.1, batchSize, DataType.FLOAT, 7L);
    }

    /** An MNIST MLP as users train it: 784-512-512-10 relu/softmax, cross-entropy, Adam 1e-3, batch 128, FLOAT. */
    static Workload deep() {
        return new Workload("Deep 784-512-512-10 relu/softmax, cross-entropy, Adam 1e-3, batch 128, FLOAT",
                784, 512, 10, "relu", "softmax", "categorical_crossentropy", 1e-3, 128, DataType.FLOAT, 7L, 2, "adam");
    }

    /** XOR's truth table, or a seeded random batch in [0, 1) with random one-hot labels. */
    DataSet data() {
        if (inputs == 2 && outputs == 1) {
            return new DataSet(Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}).castTo(dataType),
                    Nd4j.create(new double[][] {{0}, {1}, {1}, {0}}).castTo(dataType));
        }
        Random random = new Random(seed);
        double[][] x = new double[batchSize][inputs];
        double[][] y = new double[batchSize][outputs];
        for (int i = 0; i < batchSize; i++) {
            for (int j = 0; j < inputs; j++) {
                x[i][j] = random.nextDouble();
            }
            y[i][random.nextInt(outputs)] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(dataType), Nd4j.create(y).castTo(dataType));
    }

    /** The backprop4j model, seeded. */
    Sequential backprop4jModel() {
        Sequential model = new Sequential(seed, dataType);
        model.add(new Dense(hidden, inputs));
        model.add(new Activation(hiddenActivation));
        for (int layer = 1; layer < hiddenLayers; layer++) {
            model.add(new Dense(hidden));
            model.add(new Activation(hiddenActivation));
        }
        model.add(new Dense(outputs));
        model.add(new Activation(outputActivation));
        // Adam with Keras' defaults (beta 0.9 / 0.999, epsilon 1e-7), as the PyTorch peer and DL4J are set up
        model.compile(loss, "adam".equals(optimizer) ? new Adam(learningRate) : new SGD(learningRate));
        return model;
    }

    /** DL4J's MultiLayerNetwork for the same network, with {@code model}'s current weights copied in. */
    MultiLayerNetwork dl4jNetwork(Sequential model) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater("adam".equals(optimizer) ? new org.nd4j.linalg.learning.config.Adam(learningRate, 0.9, 0.999, 1e-7)
                        : new Sgd(learningRate))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list();
        for (int layer = 0; layer < hiddenLayers; layer++) {
            layers.layer(new DenseLayer.Builder().nIn(layer == 0 ? inputs : hidden).nOut(hidden)
                    .activation(org.nd4j.linalg.activations.Activation.fromString(hiddenActivation)).build());
        }
        MultiLayerConfiguration configuration = layers
                .layer(new OutputLayer.Builder(dl4jLoss()).nIn(hidden).nOut(outputs)
                        .activation(org.nd4j.linalg.activations.Activation.fromString(outputActivation)).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        List<INDArray> weights = model.getWeights(); // [kernel0, bias0, kernel1, bias1, ...]; DL4J's W is (nIn, nOut) too
        for (int layer = 0; layer <= hiddenLayers; layer++) {
            INDArray bias = weights.get(2 * layer + 1);
            network.getParam(layer + "_W").assign(weights.get(2 * layer));
            network.getParam(layer + "_b").assign(bias.reshape(1, bias.length()));
        }
        return network;
    }

    private LossFunction dl4jLoss() {
        return switch (loss) {
            case "mean_squared_error" -> LossFunction.MSE;
            case "categorical_crossentropy" -> LossFunction.MCXENT;
            case "binary_crossentropy" -> LossFunction.XENT;
            default -> throw new IllegalArgumentException("No DL4J twin for loss " + loss);
        };
    }

    /** backprop4j training through {@code fit}: one full-batch epoch is one step. */
    Trainer backprop4j(Sequential model, DataSet data) {
        INDArray x = data.getFeatures();
        INDArray y = data.getLabels();
        return new Trainer() {
            @Override
            public String framework() {
                return "backprop4j";
            }

            @Override
            public void train(int steps) {
                model.fit(x, y, new FitOptions().epochs(steps).batchSize(batchSize).shuffle(false).verbose(0));
            }

            @Override
            public double loss() {
                return model.evaluate(x, y).get("loss");
            }
        };
    }

    /**
     * DL4J training through {@code MultiLayerNetwork.fit(features, labels)}: one call is one step, on
     * {@code blasThreads} OpenBLAS threads (set before each round: backprop4j's policy changes the
     * process-wide setting per product).
     */
    Trainer dl4j(MultiLayerNetwork network, DataSet data, int blasThreads) {
        INDArray x = data.getFeatures();
        INDArray y = data.getLabels();
        return new Trainer() {
            @Override
            public String framework() {
                return "DL4J";
            }

            @Override
            public void train(int steps) {
                Nd4j.factory().blas().setMaxThreads(blasThreads);
                for (int i = 0; i < steps; i++) {
                    network.fit(x, y);
                }
            }

            @Override
            public double loss() {
                return network.score(new DataSet(x, y), false);
            }
        };
    }
}
