package org.backprop4j.core.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link SplitTrial}'s schedule, driven with made-up step times: it tries both choices, keeps the
 * faster, tries the other now and then (less often while it keeps losing), follows a change of the
 * machine's load, and is not moved by one slow step.
 */
class SplitTrialTest {

    /** Step times of a machine where splitting takes {@code split} ns and one core {@code whole} ns. */
    private static int run(SplitTrial trial, int steps, long split, long whole) {
        int splitSteps = 0;
        for (int i = 0; i < steps; i++) {
            boolean splitting = trial.splitting();
            splitSteps += splitting ? 1 : 0;
            trial.stepTook(splitting ? split : whole, true);
        }
        return splitSteps;
    }

    @Test
    void triesBothThenSplitsWhenThatIsFaster() {
        SplitTrial trial = new SplitTrial(true);
        assertTrue(trial.splitting(), "the first window splits");
        run(trial, SplitTrial.WINDOW, 800_000, 1_300_000);
        assertFalse(trial.splitting(), "the second window runs on one core");
        run(trial, SplitTrial.WINDOW, 800_000, 1_300_000);
        assertTrue(trial.splitting(), "splitting was faster");
        int steps = 10_000;
        int split = run(trial, steps, 800_000, 1_300_000);
        // tries every 128, 256, 512, then 1024 steps: about 1 % of the steps (every 64: 11 %)
        assertTrue(steps - split < 0.015 * steps, "tries of one core get rarer while they lose: " + (steps - split));
    }

    @Test
    void staysOnOneCoreWhenSplittingIsSlowerOrNotClearlyFaster() {
        SplitTrial slower = new SplitTrial(true);
        int split = run(slower, 10_000, 2_000_000, 1_300_000);
        assertFalse(slower.splitting());
        assertTrue(split < SplitTrial.WINDOW + 0.015 * 10_000, "few split steps: " + split);
        SplitTrial tie = new SplitTrial(true);
        run(tie, 2 * SplitTrial.WINDOW, 1_290_000, 1_300_000);
        assertFalse(tie.splitting(), "splitting must win by 3 %");
    }

    @Test
    void followsTheMachineWhenAnotherProgramTakesTheSecondCoreAndLetsItGo() {
        SplitTrial trial = new SplitTrial(true);
        run(trial, 2_000, 800_000, 1_300_000);
        assertTrue(trial.splitting());
        run(trial, 3 * SplitTrial.WINDOW + SplitTrial.SAMPLES, 2_500_000, 1_300_000); // the other core gets busy
        assertFalse(trial.splitting(), "moved to one core soon after splitting got 30 % slower");
        int steps = 2 * SplitTrial.MAX_INTERVAL;
        int split = run(trial, steps, 800_000, 1_300_000); // free again
        assertTrue(split > 0.9 * steps, "back to splitting after the next try: " + split + " of " + steps);
    }

    @Test
    void oneSlowStepAndShortBatchesDoNotDecide() {
        SplitTrial trial = new SplitTrial(true);
        run(trial, 2_000, 800_000, 1_300_000);
        trial.stepTook(50_000_000, true); // preempted once
        trial.stepTook(1, false);         // an epoch's short last batch: not compared
        assertTrue(trial.splitting());
        run(trial, 3, 800_000, 1_300_000);
        assertTrue(trial.splitting());
    }

    @Test
    void anInactiveTrialNeverSplits() {
        SplitTrial trial = new SplitTrial(false);
        assertEquals(0, run(trial, 1_000, 1, 1_000_000));
        boolean previous = BlasThreads.allowSplitting(false);
        trial.beforeStep();
        assertFalse(BlasThreads.allowSplitting(previous), "an inactive trial leaves the thread alone");
    }

    @Test
    void onceSplittingTheChoiceStaysUnlessOneCoreWinsByThreePercent() {
        SplitTrial trial = new SplitTrial(true);
        run(trial, 2_000, 800_000, 1_300_000);
        assertTrue(trial.splitting());
        int steps = 4 * SplitTrial.MAX_INTERVAL;
        int split = run(trial, steps, 1_000_000, 1_020_000); // one core within 3 %, still slower: keep splitting
        assertTrue(trial.splitting(), "one core 2 % slower does not take over");
        assertTrue(split > 0.97 * steps, "only the tries ran on one core: " + split + " of " + steps);
        run(trial, 4 * SplitTrial.MAX_INTERVAL, 1_000_000, 950_000); // one core 5 % faster: it takes over
        assertFalse(trial.splitting(), "one core 5 % faster wins");
    }
}
