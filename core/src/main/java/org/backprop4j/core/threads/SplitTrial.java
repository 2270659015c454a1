package org.backprop4j.core.threads;

import java.util.Arrays;
import java.util.Locale;

/**
 * Decides, for one model's {@code fit} calls, whether their training steps split their large products and updates
 * across two cores ({@link BlasThreads}, {@link SecondCore}), by timing whole steps both ways: the
 * thing that matters, with every side effect in it (a worker spinning on a core another program needs,
 * caches, a second core that the virtual machine's host is sharing).
 *
 * <p>The schedule, in full-size training steps (a short last batch of an epoch is not timed): a window
 * of {@value #WINDOW} steps split, a window not split, then the faster; then, every {@code interval}
 * steps, a window of the other choice, and the faster of the two goes on. Only the second half of
 * each window counts (the first wakes the worker, lets the operating system place it, and refills
 * the caches). The comparison is between medians (one preempted step does not decide): the median of
 * the window just tried against the median of the last {@value #SAMPLES} steps of the choice in use.
 * The interval starts at {@value #FIRST_INTERVAL} steps and doubles, up to {@value #MAX_INTERVAL}, each
 * time the other choice loses, so that trying costs little once the answer is stable; it goes back to
 * the start when the choice changes, and a window is tried at once when the choice in use gets 30 %
 * slower than the other was last measured (checked every {@value #SAMPLES} steps) (another program took the second core, or let it go).
 * The first choice splits only if splitting won by 3 % (the safe choice is one core); after that the
 * choice in use stays unless the other wins by 3 %. (One core used to win whenever it was within 3 %
 * of splitting: on a host whose timings swing by 20 % that gave one core to whole intervals where
 * splitting was 1.3x faster, and {@code fit} in {@code auto} took 12-14 % longer than always splitting.)
 *
 * <p>Not thread-safe: one per model (in its training {@code CallContext}, so the schedule goes on from
 * one {@code fit} call to the next), used by one training call at a time.
 */
public final class SplitTrial {

    /** Steps in a window that tries one choice; the second half is timed. */
    static final int WINDOW = 8;
    /** Recent steps of the choice in use whose median is compared. */
    static final int SAMPLES = 9;
    /** Steps between two tries of the other choice, at first. */
    static final int FIRST_INTERVAL = 64;
    /** The longest interval between two tries. */
    static final int MAX_INTERVAL = 1024;

    private final boolean active;
    private boolean splitting;
    /** Steps timed so far in the current phase (a window or the interval), and which phase. */
    private int inPhase;
    private boolean trying = true;
    private boolean trial = true;
    private int interval = FIRST_INTERVAL;
    private final long[] window = new long[WINDOW / 2];
    private final long[] recent = new long[SAMPLES];
    private int recentCount;
    private double otherMedian = Double.NaN;
    private long steps;
    private long splitSteps;

    /** A trial for one fit; inactive (never splits) unless {@link BlasThreads#adaptive()}. */
    public SplitTrial() {
        this(BlasThreads.adaptive());
    }

    SplitTrial(boolean active) {
        this.active = active;
        this.splitting = active; // the first window splits
    }

    /** Before a training step: lets this thread split its work, or not. */
    public void beforeStep() {
        if (active) {
            BlasThreads.allowSplitting(splitting);
        }
    }

    /** After the fit (in a finally block): this thread splits nothing any more. */
    public void end() {
        if (active) {
            BlasThreads.allowSplitting(false);
        }
    }

    /** Whether the next step splits. */
    public boolean splitting() {
        return splitting;
    }

    /**
     * Records a training step's wall time and moves the schedule on.
     *
     * @param nanos     the step's time: forward, backward and update
     * @param fullBatch false for an epoch's short last batch, which is not compared
     */
    public void stepTook(long nanos, boolean fullBatch) {
        if (!active || !fullBatch) {
            return;
        }
        steps++;
        splitSteps += splitting ? 1 : 0;
        if (trying) {
            if (inPhase >= WINDOW / 2) {
                window[inPhase - WINDOW / 2] = nanos;
            }
            if (++inPhase == WINDOW) {
                endWindow();
            }
            return;
        }
        recent[recentCount++ % SAMPLES] = nanos;
        inPhase++;
        // the slow-down check once every SAMPLES steps: a median per step would cost a tiny model's step 5 %
        boolean slower = recentCount % SAMPLES == 0 && median(recent, SAMPLES) > 1.3 * otherMedian;
        if (inPhase >= interval || slower) {
            startWindow();
        }
    }

    /** The window just tried ends: keep the choice, or change to it. */
    private void endWindow() {
        double tried = median(window, window.length);
        boolean triedSplit = splitting;
        if (trial) { // the first window split; the second, not split, starts with nothing to compare
            trial = false;
            otherMedian = tried;
            splitting = false;
            inPhase = 0;
            return; // the whole window runs next, then the choice
        }
        // the choice in use: its recent steps, or, at the end of the trial, the first (split) window
        double inUse = recentCount > 0 ? median(recent, Math.min(recentCount, SAMPLES)) : otherMedian;
        boolean first = recentCount == 0; // the end of the first two windows: one core unless splitting won by 3 %
        boolean better = first && !triedSplit ? tried < inUse / 0.97 : tried < 0.97 * inUse;
        if (better) {
            splitting = triedSplit;
            otherMedian = inUse;
            interval = FIRST_INTERVAL;
            recentCount = 0;
            recent[recentCount++] = (long) tried;
        } else {
            splitting = !triedSplit;
            otherMedian = tried;
            interval = Math.min(MAX_INTERVAL, interval * 2);
        }
        trying = false;
        inPhase = 0;
    }

    /** Tries the other choice for a window. */
    private void startWindow() {
        splitting = !splitting;
        trying = true;
        inPhase = 0;
    }

    private static double median(long[] values, int count) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
    }

    @Override
    public String toString() {
        return !active ? "not splitting (backprop4j.blas.threads=" + BlasThreads.mode() + ")"
                : String.format(Locale.ROOT, "%s; %d of %d timed steps split; the other choice last took %.0f us",
                splitting ? "splitting" : "one core", splitSteps, steps, otherMedian / 1e3);
    }
}
