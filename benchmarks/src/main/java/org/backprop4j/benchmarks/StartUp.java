package org.backprop4j.benchmarks;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.backprop4j.examples.Xor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the XOR example's time goes in a fresh JVM: the JVM's own start (until {@code main}), ND4J's
 * initialisation (loading its native libraries, up to the first array), and the example itself
 * (building, 5000 epochs with the progress bar, predictions). Run it with {@code java -cp ...}
 * (not {@code exec:java}, which would run inside Maven's warm JVM); the output of the example is
 * discarded, only the times are printed.
 */
public final class StartUp {

    private StartUp() {
    }

    /** See the class comment. */
    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainStart = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Nd4j.create(new double[] {0, 1});
        long t1 = System.nanoTime();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Xor.Result result = Xor.run(Xor.SEED, Xor.LEARNING_RATE, Xor.EPOCHS, 1, quiet);
        long t2 = System.nanoTime();
        double[] p = result.predictions().data().asDouble();
        boolean converged = p[0] < 0.5 && p[1] > 0.5 && p[2] > 0.5 && p[3] < 0.5;
        System.out.printf(Locale.ROOT, "JVM start to main %d ms, ND4J initialisation %.0f ms, XOR example %.0f ms "
                        + "(converged: %s); JVM start to converged answer %.0f ms%n",
                mainStart - jvmStart, (t1 - t0) / 1e6, (t2 - t1) / 1e6, converged,
                mainStart - jvmStart + (t2 - t0) / 1e6);
    }
}
