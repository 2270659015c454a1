package org.backprop4j.examples.docs.snippets;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Regularizers;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

// docs/dropout-and-regularisation.md: inverted dropout's scaling and inference identity; an L2
// penalty in the loss and in the gradient, on the 4-bit reversal data whose input 0 is always 0.
public class DropoutRegularisation {
    public static void main(String[] args) {
        // snippet-start: dropout
        Dropout dropout = new Dropout(0.2);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 100_000);
        CallContext training = new CallContext(true, new Random(1), DataType.DOUBLE);
        INDArray dropped = dropout.forward(x, training);
        double zeros = dropped.eq(0.0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        System.out.printf(Locale.ROOT, "training:  %.4f of the entries are 0, the others are %.4f, mean %.4f%n",
                zeros, dropped.maxNumber().doubleValue(), dropped.meanNumber().doubleValue());
        INDArray inference = dropout.forward(x, CallContext.inference(DataType.DOUBLE));
        System.out.println("inference: output equals input: " + inference.equals(x));
        // snippet-end

        // snippet-start: l2
        INDArray bits = Nd4j.create(new double[][] {
                {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 1, 0, 1}, {0, 1, 1, 0}, {0, 1, 1, 1}});
        INDArray reversed = Nd4j.create(new double[][] {
                {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 1, 0}, {1, 1, 1, 0}});
        double lambda = 0.01;
        double learningRate = 0.1;
        Sequential model = new Sequential(7L);
        model.add(new Dense(8, 4, "sigmoid").kernelRegularizer(Regularizers.l2(lambda)));
        model.add(new Dense(4, "sigmoid"));
        model.compile("mean_squared_error", new SGD(learningRate));

        // the loss that evaluate reports is the data loss plus lambda * sum(kernel^2)
        INDArray kernel = model.getWeights().get(0);                            // (4, 8)
        double dataLoss = Transforms.pow(model.predict(bits).sub(reversed), 2).meanNumber().doubleValue();
        double penalty = lambda * kernel.mul(kernel).sumNumber().doubleValue();
        System.out.printf(Locale.ROOT, "data loss %.6f + penalty %.6f = %.6f; evaluate reports %.6f%n",
                dataLoss, penalty, dataLoss + penalty, model.evaluate(bits, reversed).get("loss"));

        // input 0 is 0 in every sample, so the data add nothing to row 0's gradient: only 2 lambda w
        List<INDArray> gradients = model.gradients(bits, reversed);
        INDArray row0Gradient = gradients.get(0).getRow(0);
        double largestDifference = row0Gradient.sub(kernel.getRow(0).mul(2 * lambda)).amaxNumber().doubleValue();
        System.out.println("row 0 of dL/dkernel minus 2 lambda w: largest |difference| " + largestDifference);

        // so every step multiplies row 0 by (1 - 2 lr lambda): after 300 full-batch steps, 0.998^300
        double before = kernel.getRow(0).norm2Number().doubleValue();
        model.fit(bits, reversed, new FitOptions().epochs(300).batchSize(6).verbose(0).shuffle(false));
        double after = model.getWeights().get(0).getRow(0).norm2Number().doubleValue();
        System.out.printf(Locale.ROOT, "|row 0|: %.6f -> %.6f, ratio %.6f; (1 - 2 * %s * %s)^300 = %.6f%n",
                before, after, after / before, learningRate, lambda, Math.pow(1 - 2 * learningRate * lambda, 300));
        // snippet-end
    }
}
