package org.backprop4j.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.backprop4j.core.FitOptions;
import org.backprop4j.core.Npy;
import org.backprop4j.core.Sequential;
import org.backprop4j.core.regularizers.L2;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.optim.Adagrad;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.ExponentialDecay;
import org.backprop4j.optim.RMSprop;
import org.backprop4j.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes the fuzz targets' seed files: real model files, .npy arrays and IDX files, small enough
 * (a few kilobytes) for the fuzzer to mutate quickly. They are committed under
 * {@code examples/src/test/resources/org/backprop4j/fuzz/}; run this to write them again:
 * <pre>
 *   mvn -q -pl examples -am test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.backprop4j.fuzz.FuzzCorpus -Dexec.args=examples/src/test/resources/org/backprop4j/fuzz
 * </pre>
 */
public final class FuzzCorpus {

    private FuzzCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path models = Files.createDirectories(root.resolve("ModelLoaderFuzzTestInputs/load"));
        Path arrays = Files.createDirectories(root.resolve("NpyFuzzTestInputs/read"));
        Path idx = Files.createDirectories(root.resolve("IdxFuzzTestInputs/read"));
        INDArray x = Nd4j.create(new double[][] {{0, 1}, {1, 0}, {1, 1}, {0, 0}});
        INDArray y = Nd4j.create(new double[][] {{1}, {1}, {0}, {0}});
        FitOptions twoSteps = new FitOptions().epochs(1).batchSize(2).verbose(0);

        Sequential sgd = new Sequential(1);
        sgd.add(new Dense(3, 2, "tanh")).add(new Dense(1, "sigmoid"));
        sgd.compile("binary_crossentropy", new SGD(0.1, 0.9, true), "accuracy");
        sgd.fit(x, y, twoSteps);
        sgd.save(models.resolve("sgd-double.b4j"));

        Sequential adam = new Sequential(2, DataType.FLOAT);
        adam.add(new Dense(4, 2, "relu")).add(new Dense(2, "softmax"));
        adam.compile("sparse_categorical_crossentropy", new Adam(0.01, 0.9, 0.999, 1e-7, true), "accuracy");
        adam.fit(x, y, twoSteps);
        adam.save(models.resolve("adam-float.b4j"));

        Sequential plain = new Sequential(3);
        plain.add(new Dense(2, 3)).add(new Activation("sigmoid"));
        plain.save(models.resolve("uncompiled.b4j"));

        Sequential scheduled = new Sequential(4);
        scheduled.add(new Dense(3, 2, "tanh").kernelRegularizer(new L2(0.01))).add(new Dropout(0.25)).add(new Dense(1));
        scheduled.compile("mse", new RMSprop(new ExponentialDecay(0.01, 10, 0.9, true), 0.9, 0.5, 1e-7, true), "mae");
        scheduled.fit(x, y, twoSteps);
        scheduled.save(models.resolve("rmsprop-schedule.b4j"));

        Sequential adagrad = new Sequential(5);
        adagrad.add(new Dense(2, 2, "linear")).add(new Dense(1, "sigmoid"));
        adagrad.compile("binary_crossentropy", new Adagrad(0.05));
        adagrad.fit(x, y, twoSteps);
        adagrad.save(models.resolve("adagrad.b4j"));

        Files.write(arrays.resolve("vector-float.npy"), npy(Nd4j.create(new float[] {1.5f, -2f, 0f}, new long[] {3}, 'c')));
        Files.write(arrays.resolve("matrix-double.npy"), npy(Nd4j.create(new double[][] {{1, 2, 3}, {-4, 5e-300, 6e300}})));
        Files.write(arrays.resolve("cube-double.npy"), npy(Nd4j.linspace(DataType.DOUBLE, 1, 8, 8).reshape('c', 2, 2, 2)));

        byte[] labels = idxFile(new int[] {6}, new byte[] {0, 1, 2, 9, 4, 3});
        byte[] pixels = new byte[2 * 4 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37);
        }
        byte[] images = idxFile(new int[] {2, 4, 4}, pixels);
        Files.write(idx.resolve("labels.idx1"), labels);
        Files.write(idx.resolve("images.idx3"), images);
        Files.write(idx.resolve("images.idx3.gz"), gzip(images));
    }

    private static byte[] npy(INDArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(array, out);
        return out.toByteArray();
    }

    private static byte[] idxFile(int[] dimensions, byte[] elements) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + elements.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dimensions.length);
        for (int size : dimensions) {
            buffer.putInt(size);
        }
        return buffer.put(elements).array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
