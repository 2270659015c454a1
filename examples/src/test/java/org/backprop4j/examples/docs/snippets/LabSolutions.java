package org.backprop4j.examples.docs.snippets;

import org.backprop4j.core.CallContext;
import org.backprop4j.examples.labs.StudentDense;
import org.backprop4j.examples.labs.StudentMeanSquaredError;
import org.backprop4j.examples.labs.StudentMomentum;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The teachers' solutions of the three labs of docs/labs.md, and one typical broken solution of
 * each, which LabGradingTest grades to show the grader passes the first and fails the
 * second. (docs/teachers/labs.md shows the correct methods, from the marked regions.)
 */
public final class LabSolutions {

    private LabSolutions() {
    }

    /** Lab 1, done. */
    public static class CorrectDense extends StudentDense {
        public CorrectDense(int units) {
            super(units);
        }

        // snippet-start: dense
        @Override
        public INDArray backward(INDArray dLdZ, boolean needInputGradient, CallContext context) {
            INDArray x = context.kept(this, "input");
            kernelGradient.assign(x.transpose().mmul(dLdZ));     // X^T dL/dZ: (n_in, B) (B, units)
            biasGradient.assign(dLdZ.sum(0));                    // column sums: (units)
            return needInputGradient ? dLdZ.mmul(kernel.transpose()) : null; // dL/dZ W^T: (B, n_in)
        }
        // snippet-end
    }

    /** Lab 1 with a classic slip: the bias gradient averaged over the batch instead of summed. */
    public static class BrokenDense extends StudentDense {
        public BrokenDense(int units) {
            super(units);
        }

        @Override
        public INDArray backward(INDArray dLdZ, boolean needInputGradient, CallContext context) {
            INDArray x = context.kept(this, "input");
            kernelGradient.assign(x.transpose().mmul(dLdZ));
            biasGradient.assign(dLdZ.mean(0));                   // wrong: the loss already averages
            return needInputGradient ? dLdZ.mmul(kernel.transpose()) : null;
        }
    }

    /** Lab 2, done. */
    public static class CorrectMomentum extends StudentMomentum {
        public CorrectMomentum(double learningRate, double momentum) {
            super(learningRate, momentum);
        }

        // snippet-start: momentum
        @Override
        protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
            INDArray v = slot("velocity", index);
            v.muli(momentum).subi(gradient.mul(learningRate));   // v = momentum v - lr g
            value.addi(v);                                       // w = w + v
        }
        // snippet-end
    }

    /** Lab 2 with the velocity computed but never stored: plain SGD in disguise. */
    public static class BrokenMomentum extends StudentMomentum {
        public BrokenMomentum(double learningRate, double momentum) {
            super(learningRate, momentum);
        }

        @Override
        protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
            INDArray v = slot("velocity", index).mul(momentum).subi(gradient.mul(learningRate)); // a copy
            value.addi(v);
        }
    }

    /** Lab 3, done. */
    public static class CorrectMeanSquaredError extends StudentMeanSquaredError {
        // snippet-start: loss
        @Override
        public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
            double count = predictions.length();                 // B K elements
            gradient.assign(predictions.sub(targets).muli(2.0 / count));
        }
        // snippet-end
    }

    /** Lab 3 divided by the batch size only, forgetting the K outputs the mean also runs over. */
    public static class BrokenMeanSquaredError extends StudentMeanSquaredError {
        @Override
        public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
            gradient.assign(predictions.sub(targets).muli(2.0 / predictions.rows()));
        }
    }
}
