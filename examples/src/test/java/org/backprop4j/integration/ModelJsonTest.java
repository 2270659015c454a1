package org.backprop4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.backprop4j.core.CallContext;
import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Layer;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.regularizers.L2;
import org.backprop4j.examples.docs.snippets.CustomComponents;
import org.backprop4j.examples.docs.snippets.CustomComponents.Scale;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.layers.Input;
import org.backprop4j.layers.ModelFixtures;
import org.backprop4j.optim.Adam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The model as data: toJson / fromJson (architecture only) and cloneModel (fresh weights, not compiled). */
class ModelJsonTest {

    @BeforeAll
    static void register() {
        CustomComponents.register(); // the Scale layer of docs/architecture.md, registered by the user
    }

    private static Sequential model(long seed, DataType type) {
        Sequential model = new Sequential(seed, type);
        model.add(new Input(4));
        model.add(new Dense(8, "relu").kernelInitializer("he_uniform").kernelRegularizer(new L2(0.01)).name("hidden"));
        model.add(new Dropout(0.25));
        model.add(new Scale(0.5));
        model.add(new Dense(3));
        model.add(new Activation("softmax"));
        model.getLayers().get(1).setTrainable(false);
        return model;
    }

    @Test
    void fromJsonRebuildsTheArchitectureWithNamesConfigsAndTrainableFlags() {
        Sequential original = model(1L, DataType.FLOAT);
        String json = original.toJson();
        assertTrue(json.contains("\"format\" : \"backprop4j-architecture\"") && json.contains("\"hidden\"")
                && json.contains("\"he_uniform\"") && json.contains("\"Scale\""), json);
        assertFalse(json.contains("kernel\""), "no weights: " + json);

        Sequential again = Sequential.fromJson(json, 2L);
        assertEquals(json, again.toJson());
        assertEquals(DataType.FLOAT, again.dataType());
        assertFalse(again.isCompiled());
        assertEquals(original.getLayers().stream().map(Layer::toString).toList(),
                again.getLayers().stream().map(Layer::toString).toList());
        assertFalse(again.getLayers().get(1).isTrainable());
        assertTrue(again.getLayers().get(4).isTrainable());
        assertEquals(original.summary(), again.summary()); // same counts, trainable and not
    }

    @Test
    void fromJsonWithASeedDrawsTheWeightsThatSeedGivesTheSameArchitecture() {
        String json = model(1L, DataType.DOUBLE).toJson();
        assertArrayEquals(ModelFixtures.flatWeights(model(77L, DataType.DOUBLE)),
                ModelFixtures.flatWeights(Sequential.fromJson(json, 77L)), 0.0);
        assertFalse(java.util.Arrays.equals(ModelFixtures.flatWeights(model(1L, DataType.DOUBLE)),
                ModelFixtures.flatWeights(Sequential.fromJson(json))), "without a seed: fresh weights");
    }

    @Test
    void cloneModelHasTheArchitectureFreshWeightsAndNoCompile() {
        Sequential original = model(5L, DataType.DOUBLE).compile("categorical_crossentropy", new Adam(0.01), "accuracy");
        Sequential copy = Sequential.cloneModel(original);
        assertEquals(original.toJson(), copy.toJson());
        assertFalse(copy.isCompiled());
        for (int i = 0; i < original.getLayers().size(); i++) {
            assertNotSame(original.getLayers().get(i), copy.getLayers().get(i));
            assertEquals(original.getLayers().get(i).name(), copy.getLayers().get(i).name());
        }
        List<INDArray> before = original.getWeights();
        assertNotEquals(before.get(0), copy.getWeights().get(0), "freshly initialised");
        // the copy trains on its own: the original's weights stay as they were
        INDArray x = Nd4j.create(new double[10][4]).addi(Nd4j.linspace(0, 1, 40, DataType.DOUBLE).reshape(10, 4));
        INDArray y = Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1, 2, 0).castTo(DataType.DOUBLE);
        copy.compile("categorical_crossentropy", new Adam(0.01)).fit(x, y, new FitOptions().epochs(2).verbose(0));
        assertEquals(before, original.getWeights());
    }

    @Test
    void aLayerThatIsNotRegisteredCannotBeWritten() {
        Sequential model = new Sequential(1L).add(new Dense(2, 2)).add(new Unregistered());
        IllegalStateException error = assertThrows(IllegalStateException.class, model::toJson);
        assertTrue(error.getMessage().startsWith("toJson: Unregistered 'unregistered' cannot be loaded back: The layer "
                + Unregistered.class.getName() + " is not registered"), error.getMessage());
        assertThrows(IllegalStateException.class, () -> Sequential.cloneModel(model));
        assertThrows(IllegalStateException.class, () -> new Sequential(1L).toJson());
        assertThrows(IllegalArgumentException.class, () -> Sequential.cloneModel(null));
    }

    @Test
    void badJsonIsRefusedNamingTheProblem() {
        String json = model(1L, DataType.DOUBLE).toJson();
        Map<String, String> cases = Map.of(
                "{", "fromJson: not valid JSON",
                "{\"format\": \"backprop4j-model\"}", "fromJson: \"format\" is 'backprop4j-model' (string), expected 'backprop4j-architecture'",
                json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"), "fromJson: format version 2 is newer",
                json.replace("\"Scale\"", "\"NoSuchLayer\""), "fromJson: layer 3 (NoSuchLayer): Unknown layer 'NoSuchLayer'",
                json.replace("\"inputShape\" : [ 4 ]", "\"inputShape\" : [ 5 ]"), "fromJson: \"inputShape\" is [5], but the first layer takes 4",
                json.replace("\"DOUBLE\"", "\"INT32\""), "fromJson: \"dataType\" must be DOUBLE or FLOAT, got 'INT32'",
                json.replace("\"units\" : 3", "\"units\" : -3"), "fromJson: layer 4 (Dense): ");
        cases.forEach((text, message) -> {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Sequential.fromJson(text));
            assertTrue(error.getMessage().startsWith(message), message + " / " + error.getMessage());
        });
        assertThrows(IllegalArgumentException.class, () -> Sequential.fromJson(null));
    }

    /** A layer nobody registered. */
    static final class Unregistered extends Layer {
        @Override
        protected long build(long inputSize, Random random) {
            return inputSize;
        }

        @Override
        public INDArray forward(INDArray input, CallContext context) {
            return input;
        }

        @Override
        public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
            return dLdOutput;
        }
    }
}
