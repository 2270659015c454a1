package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.backprop4j.core.threads.BlasThreads;
import org.backprop4j.core.threads.SecondCore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A matrix product split across two threads ({@link Gemm#split}, {@link SecondCore}) against the same
 * product in one call, for both split directions, every transpose, odd sizes and the training steps'
 * shapes: DOUBLE gives exactly the same bits, FLOAT the same numbers within float round-off; split
 * element-wise updates (Adam, axpy) give the same bits; and the worker's hand-over rules.
 */
class GemmSplitTest {

    /** (m, k, n): split by rows (A transposed, m > n, or n < 64; m >= 64) or else by columns; odd, prime and the workloads' shapes. */
    private static final int[][] SIZES = {{2, 3, 64}, {7, 13, 65}, {31, 784, 100}, {128, 784, 256}, {32, 784, 128},
        {784, 32, 128}, {784, 128, 256}, {128, 512, 512}, {64, 5, 3}, {97, 41, 10}, {256, 128, 10}, {1000, 300, 63}};

    static Stream<Arguments> products() {
        List<Arguments> cases = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int[] mkn : SIZES) {
                for (int flags = 0; flags < 4; flags++) {
                    cases.add(Arguments.of(type, mkn[0], mkn[1], mkn[2], (flags & 1) != 0, (flags & 2) != 0));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1}x{2})({2}x{3}) transposeA={4} transposeB={5}")
    @MethodSource("products")
    void splitGivesTheBitsOfOneCall(DataType type, int m, int k, int n, boolean transposeA, boolean transposeB) {
        Random random = new Random(17L * m + 5L * k + n);
        INDArray a = GemmTest.random(type, random, transposeA ? k : m, transposeA ? m : k);
        INDArray b = GemmTest.random(type, random, transposeB ? n : k, transposeB ? k : n);
        INDArray start = GemmTest.random(type, random, m, n);
        for (double[] alphaBeta : new double[][] {{1, 0}, {-0.75, 1}}) {
            INDArray whole = start.dup('c');
            INDArray halves = start.dup('c');
            int lda = (int) a.columns();
            int ldb = (int) b.columns();
            Gemm.blas(a, transposeA, 0, b, transposeB, 0, whole, 0, m, n, k, lda, ldb, alphaBeta[0], alphaBeta[1]);
            Gemm.split(a, transposeA, b, transposeB, halves, m, n, k, lda, ldb, alphaBeta[0], alphaBeta[1]);
            if (type == DataType.DOUBLE) {
                assertArrayEquals(whole.data().asDouble(), halves.data().asDouble(), 0.0,
                        "DOUBLE: the split product has the one-call bits");
            } else { // float kernels block the k-sum by the call's width: round-off of a k-term float sum
                double[] w = whole.data().asDouble();
                double[] h = halves.data().asDouble();
                double[] scale = magnitudes(a, transposeA, b, transposeB, start, alphaBeta, m, n, k);
                for (int i = 0; i < w.length; i++) {
                    assertTrue(Math.abs(w[i] - h[i]) <= 2 * k * Math.ulp(1f) * scale[i],
                            "FLOAT element " + i + ": " + w[i] + " vs " + h[i]);
                }
            }
        }
    }

    @Test
    void axpyGivesTheSameBitsSplitOrNot() {
        int length = 100_003; // odd: the halves end in scalar tails
        Random random = new Random(3);
        float[][] start = new float[4][length];
        for (float[] values : start) {
            for (int i = 0; i < length; i++) {
                values[i] = (float) random.nextGaussian();
            }
        }
        start[3] = start[3].clone();
        for (int i = 0; i < length; i++) {
            start[3][i] = Math.abs(start[3][i]); // v >= 0
        }
        float[][][] results = new float[2][][];
        for (int pass = 0; pass < 2; pass++) {
            Boolean previous = BlasThreads.force(pass == 1);
            try {
                INDArray w = Nd4j.create(start[0].clone());
                INDArray g = Nd4j.create(start[1].clone());
                INDArray m = Nd4j.create(start[2].clone());
                INDArray v = Nd4j.create(start[3].clone());
                Axpy.axpy(-0.25, g, m);
                results[pass] = new float[][] {w.data().asFloat(), m.data().asFloat(), v.data().asFloat()};
            } finally {
                BlasThreads.force(previous);
            }
        }
        for (int array = 0; array < 3; array++) {
            assertArrayEquals(results[0][array], results[1][array], 0f, "array " + array + " split vs whole");
        }
        assertFalse(java.util.Arrays.equals(results[0][1], start[2]), "axpy changed m"); // Adam's split: optim's AdamFloatLoopTest
    }

    @Test
    void aDoubleProductThroughThePolicyHasTheSameBitsSplitOrNot() {
        Random random = new Random(5);
        INDArray a = GemmTest.random(DataType.DOUBLE, random, 128, 784);
        INDArray b = GemmTest.random(DataType.DOUBLE, random, 784, 256);
        INDArray[] c = new INDArray[2];
        for (int pass = 0; pass < 2; pass++) {
            Boolean previous = BlasThreads.force(pass == 1);
            try {
                c[pass] = Nd4j.create(DataType.DOUBLE, 128, 256);
                Gemm.multiply(a, false, b, false, c[pass]);
            } finally {
                BlasThreads.force(previous);
            }
        }
        assertArrayEquals(c[0].data().asDouble(), c[1].data().asDouble(), 0.0);
    }

    @Test
    void theWorkerRunsOneHalfAndFailuresReachTheCaller() {
        AtomicReference<Thread> ran = new AtomicReference<>();
        boolean split = SecondCore.run(() -> ran.set(Thread.currentThread()), () -> waitFor(ran)); // the worker's turn
        if (split) {
            assertEquals("backprop4j-second-core", ran.get().getName());
        } else {
            assertSame(Thread.currentThread(), ran.get()); // only when another test's product held the worker
        }
        IllegalStateException theirs = new IllegalStateException("worker half");
        assertSame(theirs, assertThrows(IllegalStateException.class, () -> SecondCore.run(() -> {
            throw theirs;
        }, () -> { })));
        IllegalArgumentException mine = new IllegalArgumentException("caller half");
        assertSame(mine, assertThrows(IllegalArgumentException.class, () -> SecondCore.run(() -> { }, () -> {
            throw mine;
        })));
        AtomicReference<Thread> after = new AtomicReference<>();
        SecondCore.run(() -> after.set(Thread.currentThread()), () -> { });
        assertTrue(after.get() != null, "usable after failures");
    }

    /** Waits up to a second for the worker to have run its half (it may be slow to wake on a busy machine). */
    private static void waitFor(AtomicReference<Thread> ran) {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (ran.get() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aLateWorkersHalfIsTakenBackByTheCaller() {
        for (int attempt = 0; attempt < 5; attempt++) {
            long takenBefore = SecondCore.takenBack();
            AtomicReference<Thread> ran = new AtomicReference<>();
            // the caller's half is empty: it ends before a parked worker wakes, most of the time
            if (!SecondCore.run(() -> ran.set(Thread.currentThread()), () -> { }) && SecondCore.takenBack() > takenBefore) {
                assertSame(Thread.currentThread(), ran.get(), "the caller ran the worker's half");
                IllegalStateException theirs = new IllegalStateException("worker half, taken back");
                assertSame(theirs, assertThrows(IllegalStateException.class, () -> SecondCore.run(() -> {
                    throw theirs;
                }, () -> { })), "a taken-back half's failure reaches the caller (or the worker's does)");
                return;
            }
            sleepMillis(20); // let the worker park again
        }
        throw new AssertionError("in 5 tries the caller never found the worker's half untaken");
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aBusyWorkerMeansTheCallerDoesBothHalves() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> SecondCore.run(() -> { }, () -> {
            inside.countDown();
            await(release);
        }));
        holder.start();
        inside.await();
        AtomicReference<Thread> ran = new AtomicReference<>();
        assertFalse(SecondCore.run(() -> ran.set(Thread.currentThread()), () -> { }), "worker was busy");
        assertSame(Thread.currentThread(), ran.get());
        release.countDown();
        holder.join();
    }

    @Test
    void modeFollowsThePropertyAndTheUsersEnvironment() {
        assertEquals("auto", BlasThreads.mode("auto", null, null));
        assertEquals("off", BlasThreads.mode("auto", "1", null), "OPENBLAS_NUM_THREADS set: the user's setting wins");
        assertEquals("off", BlasThreads.mode("auto", null, "2"), "OMP_NUM_THREADS set: the user's setting wins");
        assertEquals("auto", BlasThreads.mode("auto", " ", ""), "blank variables count as unset");
        assertEquals("3", BlasThreads.mode(" 3 ", "1", null), "the property wins over the environment");
        assertEquals("off", BlasThreads.mode("OFF", null, null));
        assertEquals("auto", BlasThreads.mode("zero", null, null), "nonsense falls back to auto");
        assertEquals("auto", BlasThreads.mode("0", null, null));
    }

    /** |alpha| sum_k |op(a)[i][k]| |op(b)[k][j]| + |beta c[i][j]|: the scale of an element's rounding error. */
    private static double[] magnitudes(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c,
                                       double[] alphaBeta, int m, int n, int k) {
        INDArray opA = (transposeA ? a.transpose() : a).castTo(DataType.DOUBLE);
        INDArray opB = (transposeB ? b.transpose() : b).castTo(DataType.DOUBLE);
        INDArray sums = Nd4j.math().abs(opA).mmul(Nd4j.math().abs(opB)).muli(Math.abs(alphaBeta[0]))
                .addi(Nd4j.math().abs(c.castTo(DataType.DOUBLE)).muli(Math.abs(alphaBeta[1])));
        return sums.dup('c').data().asDouble();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
