package org.backprop4j.benchmarks;

/** One framework training one network: what the side-by-side harness times. */
interface Trainer {

    /** "backprop4j" or "DL4J". */
    String framework();

    /** Takes {@code steps} training steps (forward, backward, update) on the workload's batch. */
    void train(int steps);

    /** Takes {@code steps} steps and returns the seconds they took. */
    default double timedTrain(int steps) {
        long start = System.nanoTime();
        train(steps);
        return (System.nanoTime() - start) / 1e9;
    }

    /** The mean loss on the workload's batch with the current weights. */
    double loss();
}
