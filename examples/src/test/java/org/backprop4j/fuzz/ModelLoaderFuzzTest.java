package org.backprop4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.backprop4j.core.Sequential;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code Sequential.load} on arbitrary bytes: an IOException or a model that works (it describes
 * itself and predicts a row of zeros), within the harness's memory cap. Seeds: real model files
 * of several shapes, types and optimizers ({@link FuzzCorpus}).
 */
class ModelLoaderFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.CI_DURATION)
    void load(byte[] input) {
        FuzzHarness.check(input, bytes -> {
            Sequential model = Sequential.load(FuzzHarness.scratch("model.b4j", bytes));
            model.summary();
            long inputs = model.getLayers().get(0).inputSize();
            model.predict(Nd4j.zeros(model.dataType(), 1, inputs));
        });
    }
}
