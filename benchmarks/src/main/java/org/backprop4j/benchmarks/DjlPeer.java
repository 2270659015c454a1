package org.backprop4j.benchmarks;

import java.util.List;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.backprop4j.core.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * DJL (Deep Java Library) on its PyTorch engine, the Java peer a user would pick instead: the workload's
 * network as a {@link SequentialBlock} of {@link Linear} blocks and activations, trained the way DJL's own
 * {@code EasyTrain.trainBatch} does (forward, loss, {@code backward} in a {@link GradientCollector},
 * {@code trainer.step()}), starting from backprop4j's weights, in this JVM.
 *
 * <p>libtorch comes from the {@code pytorch-native-cpu} jar of this platform (Maven Central; MKL linked in
 * statically) and is loaded from there: {@code ai.djl.offline=true} forbids DJL's download. Threads:
 * {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} (libtorch's intra-op
 * and inter-op pools), set by {@link #configure(int)} before the engine loads; one is its best on a
 * 2-core machine (two were 15-50x slower with spinning OpenMP workers). Softmax with categorical
 * cross-entropy is DJL's fused {@code softmaxCrossEntropyLoss} on the logits, MSE is {@code l2Loss}
 * with weight 1 (the mean of the squared errors). Always float32: DJL's trainer cannot step a float64
 * network (see {@link #start}).
 */
final class DjlPeer implements Trainer, AutoCloseable {

    private final Model model;
    private final ai.djl.training.Trainer trainer;
    private final NDArray x;
    private final NDArray y;

    private DjlPeer(Model model, ai.djl.training.Trainer trainer, NDArray x, NDArray y) {
        this.model = model;
        this.trainer = trainer;
        this.x = x;
        this.y = y;
    }

    /** libtorch's thread counts and DJL's offline mode: before the first DJL call. */
    static void configure(int threads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", String.valueOf(threads));
    }

    /** DJL's twin of {@code workload}, with {@code source}'s current weights, training on {@code data}. */
    static DjlPeer start(Workload workload, Sequential source, DataSet data) {
        // float32 always: DJL 0.36's Trainer.step() reads the first step's gradients as floats and throws on
        // float64 ("DataType mismatch"), so XOR (DOUBLE in the others) runs in float32 here
        boolean dbl = false;
        ai.djl.ndarray.types.DataType type = dbl ? ai.djl.ndarray.types.DataType.FLOAT64
                : ai.djl.ndarray.types.DataType.FLOAT32;
        boolean softmax = workload.outputActivation().equals("softmax");
        SequentialBlock block = new SequentialBlock();
        for (int layer = 0; layer < workload.hiddenLayers(); layer++) {
            block.add(Linear.builder().setUnits(workload.hidden()).build());
            block.add(activation(workload.hiddenActivation()));
        }
        block.add(Linear.builder().setUnits(workload.outputs()).build());
        if (!softmax) {
            block.add(activation(workload.outputActivation()));
        }
        Model model = Model.newInstance("backprop4j-peer", Device.cpu(), "PyTorch");
        model.setDataType(type);
        model.setBlock(block);
        Loss loss = switch (workload.loss()) {
            case "mean_squared_error" -> Loss.l2Loss("mse", 1f);
            case "categorical_crossentropy" -> Loss.softmaxCrossEntropyLoss("cce", 1f, -1, false, true);
            default -> throw new IllegalArgumentException("No DJL twin for loss " + workload.loss());
        };
        Optimizer optimizer = "adam".equals(workload.optimizer())
                ? Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) workload.learningRate()))
                        .optBeta1(0.9f).optBeta2(0.999f).optEpsilon(1e-7f).build()
                : Optimizer.sgd().setLearningRateTracker(Tracker.fixed((float) workload.learningRate())).build();
        ai.djl.training.Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(optimizer));
        trainer.initialize(new Shape(workload.batchSize(), workload.inputs()));
        List<INDArray> weights = source.getWeights(); // kernel (in, out), bias, ...; DJL's weight is (out, in)
        int i = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            INDArray w = weights.get(i++);
            INDArray value = w.rank() == 2 ? w.transpose().dup('c') : w;
            NDArray array = parameter.getValue().getArray();
            if (dbl) {
                array.set(value.castTo(DataType.DOUBLE).data().asDouble());
            } else {
                array.set(value.castTo(DataType.FLOAT).data().asFloat());
            }
        }
        NDManager manager = trainer.getManager();
        NDArray x = array(manager, data.getFeatures(), dbl);
        NDArray y = array(manager, data.getLabels(), dbl);
        return new DjlPeer(model, trainer, x, y);
    }

    private static ai.djl.nn.Block activation(String name) {
        return switch (name) {
            case "sigmoid" -> Activation.sigmoidBlock();
            case "relu" -> Activation.reluBlock();
            case "tanh" -> Activation.tanhBlock();
            default -> throw new IllegalArgumentException("No DJL twin for activation " + name);
        };
    }

    private static NDArray array(NDManager manager, INDArray source, boolean dbl) {
        Shape shape = new Shape(source.shape());
        return dbl ? manager.create(source.castTo(DataType.DOUBLE).data().asDouble(), shape)
                : manager.create(source.castTo(DataType.FLOAT).data().asFloat(), shape);
    }

    @Override
    public String framework() {
        return "DJL";
    }

    @Override
    public void train(int steps) {
        for (int s = 0; s < steps; s++) {
            try (NDManager step = trainer.getManager().newSubManager()) {
                x.tempAttach(step); // this step's intermediate arrays go with the sub-manager
                y.tempAttach(step);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(x));
                    collector.backward(trainer.getLoss().evaluate(new NDList(y), predictions));
                }
                trainer.step();
            }
        }
    }

    @Override
    public double loss() {
        try (NDManager step = trainer.getManager().newSubManager()) {
            x.tempAttach(step);
            y.tempAttach(step);
            NDList predictions = trainer.evaluate(new NDList(x));
            return trainer.getLoss().evaluate(new NDList(y), predictions).toType(
                    ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
