package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.backprop4j.core.metrics.Metrics;
import org.backprop4j.core.metrics.BinaryAccuracy;
import org.backprop4j.core.metrics.CategoricalAccuracy;
import org.backprop4j.core.metrics.SparseCategoricalAccuracy;
import org.backprop4j.core.losses.BinaryCrossentropy;
import org.backprop4j.core.losses.CategoricalCrossentropy;
import org.backprop4j.core.losses.MeanSquaredError;
import org.backprop4j.core.losses.SparseCategoricalCrossentropy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contracts sit below the registry, the built-ins and the model: their compiled classes (and
 * every core class they reach) name none of {@code Registry}, {@code BuiltIns}, {@code Sequential}.
 * Read from the class files' constant pools, so a reference the source hides (same package, no
 * import line) is still seen; Javadoc links are not in class files and do not count.
 */
class ContractDependenciesTest {

    private static final List<Class<?>> CONTRACTS = List.of(ActivationFunction.class, Loss.class, Metric.class,
            Optimizer.class, Initializer.class, Regularizer.class, LearningRateSchedule.class, Layer.class,
            Callback.class, Component.class);

    private static final List<String> FORBIDDEN = List.of("org/backprop4j/core/Registry",
            "org/backprop4j/core/BuiltIns", "org/backprop4j/core/Sequential");

    private static final Pattern CLASS_NAME = Pattern.compile("L?(org/backprop4j/[A-Za-z0-9_/$]+)");

    @Test
    void noContractNamesTheRegistryTheBuiltInsOrTheModel() throws IOException {
        for (Class<?> contract : CONTRACTS) {
            for (String constant : utf8Constants(internalName(contract))) {
                for (String forbidden : FORBIDDEN) {
                    assertFalse(constant.contains(forbidden),
                            contract.getSimpleName() + " refers to " + forbidden + " (" + constant + ")");
                }
            }
        }
    }

    @Test
    void whatTheContractsReachNeverLeadsBackToTheRegistryOrTheModel() throws IOException {
        // from each contract, every org.backprop4j class its constant pool names, and theirs, and so on
        // (a Callback reaches the model through its TrainingContext on purpose, as Keras' callback.model)
        Map<String, String> reachedFrom = new TreeMap<>();
        Deque<String> toRead = new ArrayDeque<>();
        for (Class<?> contract : CONTRACTS.stream().filter(c -> c != Callback.class).toList()) {
            reachedFrom.put(internalName(contract), "(a contract)");
            toRead.add(internalName(contract));
        }
        while (!toRead.isEmpty()) {
            String name = toRead.poll();
            for (String referenced : referencedClasses(name)) {
                if (!reachedFrom.containsKey(referenced)) {
                    reachedFrom.put(referenced, name);
                    toRead.add(referenced);
                }
            }
        }
        for (String forbidden : FORBIDDEN) {
            assertFalse(reachedFrom.containsKey(forbidden), () -> "the contracts reach " + forbidden + ": "
                    + path(reachedFrom, forbidden));
        }
        // the scan does see dependencies: Layer needs Parameter, Loss its own nested enum
        assertTrue(reachedFrom.containsKey("org/backprop4j/core/Parameter"), reachedFrom.keySet()::toString);
        assertTrue(reachedFrom.containsKey("org/backprop4j/core/Loss$AccuracyKind"), reachedFrom.keySet()::toString);
    }

    @Test
    void theTrainingLoopWorksOnWhatItIsGivenNotOnTheModel() throws IOException {
        for (String loop : List.of("org/backprop4j/core/Trainer", "org/backprop4j/core/NaNGuard")) {
            assertFalse(referencedClasses(loop).contains("org/backprop4j/core/Sequential"), loop);
        }
    }

    @Test
    void theScanSeesAReferenceTheSourceDoesNotImport() throws IOException {
        // Descriptions is in the same package as Sequential (no import line) and does refer to it
        assertTrue(referencedClasses("org/backprop4j/core/Descriptions").contains("org/backprop4j/core/Sequential"));
        assertTrue(referencedClasses("org/backprop4j/core/internal/RegisteredComponents")
                .contains("org/backprop4j/core/Registry"));
    }

    @Test
    void namesStillComeFromTheRegistry() {
        assertEquals("relu", new org.backprop4j.core.activations.Relu().name());
        assertEquals("mean_squared_error", new MeanSquaredError().name());
        assertEquals("glorot_uniform", new org.backprop4j.core.initializers.GlorotUniform().name());
        assertEquals("l2", new org.backprop4j.core.regularizers.L2(0.01).name());
        assertEquals("UnregisteredLoss", new UnregisteredLoss(null).name());
    }

    @Test
    void theLossDeclaresWhichAccuracyItsTargetsCallFor() {
        assertTrue(Metrics.resolve("accuracy", 3, new SparseCategoricalCrossentropy()) instanceof SparseCategoricalAccuracy);
        assertTrue(Metrics.resolve("accuracy", 3, new BinaryCrossentropy()) instanceof BinaryAccuracy);
        assertTrue(Metrics.resolve("accuracy", 3, new CategoricalCrossentropy()) instanceof CategoricalAccuracy);
        assertTrue(Metrics.resolve("acc", 1, new MeanSquaredError()) instanceof BinaryAccuracy);
        Loss ownIndices = new UnregisteredLoss(Loss.AccuracyKind.SPARSE_CATEGORICAL);
        assertTrue(Metrics.resolve("accuracy", 3, ownIndices) instanceof SparseCategoricalAccuracy);
        assertEquals("accuracy", Metrics.resolve("accuracy", 3, ownIndices).name());
    }

    /** A loss nobody registered, declaring the accuracy it is given (or the default's, for null). */
    private static final class UnregisteredLoss implements Loss {
        private final AccuracyKind accuracy;

        UnregisteredLoss(AccuracyKind accuracy) {
            this.accuracy = accuracy;
        }

        @Override
        public AccuracyKind accuracyKind(long outputColumns) {
            return accuracy == null ? Loss.super.accuracyKind(outputColumns) : accuracy;
        }

        @Override
        public double value(INDArray predictions, INDArray targets) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public void gradient(INDArray predictions, INDArray targets, INDArray gradient) {
            throw new UnsupportedOperationException("not used");
        }
    }

    private static String path(Map<String, String> reachedFrom, String end) {
        List<String> chain = new ArrayList<>();
        for (String at = end; at != null && !at.startsWith("("); at = reachedFrom.get(at)) {
            chain.add(0, at.substring(at.lastIndexOf('/') + 1));
        }
        return String.join(" -> ", chain);
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    /** The org.backprop4j classes named anywhere in the class's constant pool (types, descriptors, signatures). */
    private static Set<String> referencedClasses(String internalName) throws IOException {
        Set<String> classes = new TreeSet<>();
        for (String constant : utf8Constants(internalName)) {
            Matcher matcher = CLASS_NAME.matcher(constant);
            while (matcher.find()) {
                String name = matcher.group(1);
                if (!name.equals(internalName) && exists(name)) {
                    classes.add(name);
                }
            }
        }
        return classes;
    }

    private static boolean exists(String internalName) {
        return ContractDependenciesTest.class.getClassLoader().getResource(internalName + ".class") != null;
    }

    /** Every UTF-8 constant of the compiled class (JVMS 4.4), read from its .class file. */
    private static List<String> utf8Constants(String internalName) throws IOException {
        List<String> constants = new ArrayList<>();
        try (InputStream file = ContractDependenciesTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            if (file == null) {
                throw new IOException("no class file for " + internalName);
            }
            DataInputStream in = new DataInputStream(file);
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(internalName + " is not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> constants.add(in.readUTF());
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // takes two entries
                    }
                    case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant tag " + tag + " in " + internalName);
                }
            }
        }
        return constants;
    }
}
