package org.backprop4j.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident memory, as the kernel records it (Linux, /proc/self): ND4J allocates
 * outside the Java heap, so heap counters would miss a large weight. Reset, run, read the growth.
 */
final class PeakMemory {

    private final boolean known;
    private final long before;

    private PeakMemory(boolean known, long before) {
        this.known = known;
        this.before = before;
    }

    /** Resets the kernel's peak (VmHWM) to the current resident size and remembers that size. */
    static PeakMemory start() {
        boolean known;
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            known = resident("VmHWM") > 0;
        } catch (IOException | RuntimeException e) {
            known = false;
        }
        return new PeakMemory(known, resident("VmRSS"));
    }

    /** Whether this platform reports the peak (false off Linux): then {@link #growth()} is 0. */
    boolean known() {
        return known;
    }

    /** How far the peak rose above the resident size at {@link #start()}, in bytes. */
    long growth() {
        return known ? resident("VmHWM") - before : 0;
    }

    /** A size in bytes from /proc/self/status ("VmRSS" now, "VmHWM" the peak), or -1. */
    static long resident(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
