package org.backprop4j.benchmarks;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Locale;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a program's time goes in a fresh JVM: the JVM's own start (until {@code main}), ND4J's
 * initialisation (loading its native libraries, up to the first array), and then the program named
 * in the arguments (e.g. {@code org.backprop4j.examples.Xor}, found on the class path; its output is
 * discarded). Run it with {@code java -cp ...} in a new JVM each time, as
 * {@code benchmarks/startup.sh} does; under {@code exec:java} it would run inside Maven's warm JVM.
 */
public final class StartUp {

    private StartUp() {
    }

    /** {@code [main class [its arguments...]]}. */
    public static void main(String[] args) throws ReflectiveOperationException {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainStart = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Nd4j.create(new double[] {0, 1});
        long t1 = System.nanoTime();
        String program = "";
        if (args.length > 0) {
            Method main = Class.forName(args[0]).getMethod("main", String[].class);
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            PrintStream out = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                main.invoke(null, (Object) rest);
            } finally {
                System.setOut(out);
            }
            program = String.format(Locale.ROOT, ", %s %.0f ms", args[0].substring(args[0].lastIndexOf('.') + 1),
                    (System.nanoTime() - t1) / 1e6);
        }
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "JVM start to main %d ms, ND4J initialisation %.0f ms%s; JVM start to end %.0f ms%n",
                mainStart - jvmStart, (t1 - t0) / 1e6, program, mainStart - jvmStart + (end - t0) / 1e6);
    }
}
