package org.backprop4j.examples.docs.snippets;

import org.backprop4j.core.DataDiagnostics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// docs/generalisation.md: DataDiagnostics on the 4-bit reversal's inputs, and on the same inputs
// with a fifth column that is always 1.
public class ConstantColumns {
    public static void main(String[] args) {
        INDArray x = Nd4j.create(new double[][] {
                {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 1, 0, 1}, {0, 1, 1, 0}, {0, 1, 1, 1}});
        // snippet-start
        for (DataDiagnostics.Finding finding : DataDiagnostics.check(x)) {
            System.out.println(finding.message());
        }
        INDArray withOnes = Nd4j.hstack(x, Nd4j.ones(x.dataType(), x.rows(), 1));   // a fifth input, always 1
        for (DataDiagnostics.Finding finding : DataDiagnostics.check(withOnes)) {
            System.out.println(finding.message());
        }
        // snippet-end
    }
}
