package org.backprop4j.examples.docs.snippets;

import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.layers.Dropout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/dropout-and-regularisation.md: dropout's backward pass against central differences, with
// the mask held fixed by drawing it from the same seed in every forward pass.
public class DropoutGradientCheck {
    public static void main(String[] args) {
        // snippet-start
        Dropout dropout = new Dropout(0.5);
        Random random = new Random(8);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        INDArray dLdy = Nd4j.zeros(DataType.DOUBLE, 3, 4);     // L = sum(y * dLdy): its gradient wrt y is dLdy
        for (int i = 0; i < 12; i++) {
            x.putScalar(i, random.nextGaussian());
            dLdy.putScalar(i, random.nextGaussian());
        }
        CallContext context = new CallContext(true, new Random(5), DataType.DOUBLE);
        dropout.forward(x, context);
        INDArray analytic = dropout.backward(dLdy, true, context).dup();   // dL/dy * mask

        double h = 1e-6;
        double worst = 0;
        for (int i = 0; i < 12; i++) {
            double original = x.getDouble(i);
            x.putScalar(i, original + h);
            double plus = dropout.forward(x, new CallContext(true, new Random(5), DataType.DOUBLE))
                    .mul(dLdy).sumNumber().doubleValue();       // the same seed: the same mask
            x.putScalar(i, original - h);
            double minus = dropout.forward(x, new CallContext(true, new Random(5), DataType.DOUBLE))
                    .mul(dLdy).sumNumber().doubleValue();
            x.putScalar(i, original);
            worst = Math.max(worst, Math.abs((plus - minus) / (2 * h) - analytic.getDouble(i)));
        }
        System.out.println("entries dropped: " + analytic.eq(0.0).castTo(DataType.INT32).sumNumber().intValue() + " of 12");
        System.out.println("largest |numeric - analytic|: below 1e-8: " + (worst < 1e-8));
        // snippet-end
    }
}
