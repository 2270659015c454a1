package org.backprop4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.backprop4j.core.Sequential;
import org.backprop4j.onnx.Onnx;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code Onnx.importModel} on arbitrary bytes: an IOException or a model that works (it describes
 * itself and predicts a row of zeros), within the harness's memory cap. Seeds: the MLPs that
 * PyTorch's {@code torch.onnx.export} wrote for the ONNX tests (FLOAT, DOUBLE, MatMul + Add).
 */
class OnnxImportFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.CI_DURATION)
    void importModel(byte[] input) {
        FuzzHarness.check(input, bytes -> {
            Sequential model = Onnx.importModel(FuzzHarness.scratch("model.onnx", bytes));
            model.summary();
            long inputs = model.getLayers().get(0).inputSize();
            model.predict(Nd4j.zeros(model.dataType(), 1, inputs));
        });
    }
}
