package org.backprop4j.core.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BlasThreads#inHalves}: the ranges it gives, the threads that run them, and when it does not cut.
 */
class InHalvesTest {

    private record Call(int half, int from, int to, String thread) {
    }

    @AfterEach
    void backToTheMode() {
        BlasThreads.force(null);
    }

    private static List<Call> calls(int length) {
        List<Call> calls = new CopyOnWriteArrayList<>();
        BlasThreads.inHalves(length, (half, from, to) -> {
            calls.add(new Call(half, from, to, Thread.currentThread().getName()));
            // this thread's half waits (up to a second) for the worker's: a caller that finishes first
            // takes a half the worker has not started (SecondCore), and this test is about where halves go
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (half == 0 && to < length && calls.size() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        });
        calls.sort((x, y) -> Integer.compare(x.half, y.half));
        return calls;
    }

    @Test
    void aLongLoopIsCutAtAMultipleOf64BetweenThisThreadAndTheWorker() {
        BlasThreads.force(Boolean.TRUE);
        for (int length : new int[] {BlasThreads.SPLIT_MIN_ELEMENTS, 200_704, 100_003}) {
            List<Call> calls = calls(length);
            assertEquals(2, calls.size(), "two ranges for " + length);
            Call first = calls.get(0);
            Call second = calls.get(1);
            assertEquals(0, first.from);
            assertEquals(first.to, second.from, "the ranges meet");
            assertEquals(length, second.to);
            assertEquals(0, first.to % 64, "cut at a whole number of cache lines: " + first.to);
            assertTrue(Math.abs(first.to - length / 2) < 64, "cut near the middle: " + first.to + " of " + length);
            assertEquals(Thread.currentThread().getName(), first.thread, "the first half runs on the caller");
            assertEquals("backprop4j-second-core", second.thread, "the second half runs on the worker");
        }
    }

    @Test
    void aShortLoopOrOneWithoutPermissionRunsWholeOnThisThread() {
        BlasThreads.force(Boolean.TRUE);
        assertEquals(List.of(new Call(0, 0, 1000, Thread.currentThread().getName())), calls(1000));
        BlasThreads.force(Boolean.FALSE);
        assertEquals(List.of(new Call(0, 0, 200_704, Thread.currentThread().getName())), calls(200_704));
    }

    @Test
    void middleRowIsTheRowWhereTheLoopOverAMatrixIsCut() {
        BlasThreads.force(Boolean.TRUE);
        assertEquals(392, BlasThreads.middleRow(784, 256));
        assertEquals(256, BlasThreads.middleRow(512, 512));
        for (int[] shape : new int[][] {{784, 128}, {784, 10}, {300, 1000}, {1000, 97}, {65, 1024}}) {
            int rows = shape[0];
            int columns = shape[1];
            List<Call> calls = calls(rows * columns);
            int row = BlasThreads.middleRow(rows, columns);
            int cut = calls.size() == 2 ? calls.get(0).to : rows * columns / 2 / 64 * 64; // short: where it would cut
            assertTrue(row >= 1 && row < rows, "a row inside the matrix: " + row);
            assertTrue((long) row * columns <= cut && cut < (long) (row + 1) * columns,
                    "row " + row + " of " + rows + "x" + columns + " holds element " + cut);
        }
    }
}
