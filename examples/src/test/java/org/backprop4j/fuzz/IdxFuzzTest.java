package org.backprop4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.backprop4j.examples.data.Idx;

/**
 * {@code Idx.read} on arbitrary bytes, plain or gzipped (it decides by the first two bytes): an
 * IOException or the array, within the harness's memory cap. Seeds: small IDX files, plain and
 * gzipped, of images and labels.
 */
class IdxFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.CI_DURATION)
    void read(byte[] input) {
        FuzzHarness.check(input, bytes -> Idx.read(FuzzHarness.scratch("data.idx", bytes)));
    }
}
