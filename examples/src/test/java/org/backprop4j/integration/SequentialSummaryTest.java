package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.ModelFixtures;
import org.junit.jupiter.api.Test;

/** summary(): Keras' table, exactly. */
class SequentialSummaryTest {

    @Test
    void xorSummaryIsKerasTable() {
        String expected = String.join("\n",
                "Model: \"sequential\"",
                "_________________________________________________________________",
                " Layer (type)                Output Shape              Param #",
                "=================================================================",
                " dense (Dense)               (None, 2)                 6",
                "",
                " activation (Activation)     (None, 2)                 0",
                "",
                " dense_1 (Dense)             (None, 1)                 3",
                "",
                " activation_1 (Activation)   (None, 1)                 0",
                "=================================================================",
                "Total params: 9",
                "Trainable params: 9",
                "Non-trainable params: 0",
                "_________________________________________________________________",
                "");
        assertEquals(expected, ModelFixtures.xorModel(42, 1.0).summary());
    }

    @Test
    void summaryNeedsNoCompileAndCountsWithThousandsSeparators() {
        Sequential model = new Sequential(1).add(new Dense(1000, 784, "relu")).add(new Dense(10)).add(new Activation("softmax"));
        String summary = model.summary();
        // 784 * 1000 + 1000 = 785,000;  1000 * 10 + 10 = 10,010;  total 795,010
        assertTrue(summary.contains(" dense (Dense)               (None, 1000)              785000\n"), summary);
        assertTrue(summary.contains(" dense_1 (Dense)             (None, 10)                10010\n"), summary);
        assertTrue(summary.contains(" activation (Activation)     (None, 10)                0\n"), summary);
        assertTrue(summary.contains("\nTotal params: 795,010\nTrainable params: 795,010\nNon-trainable params: 0\n"), summary);
    }
}
