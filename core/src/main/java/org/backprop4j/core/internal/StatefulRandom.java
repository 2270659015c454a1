package org.backprop4j.core.internal;

import java.util.Random;

/**
 * A {@link Random} whose internal state can be read and restored, so that a saved model continues
 * to shuffle exactly as the original would have.
 *
 * <p>It runs the very linear congruential generator that {@code java.util.Random} specifies
 * ({@code state = (state * 0x5DEECE66D + 0xB) mod 2^48}, output the top bits), so for the same seed
 * it produces the same numbers as {@code new Random(seed)}: {@code nextDouble}, {@code nextInt},
 * {@code nextLong} and the rest all draw through {@link #next(int)}. The one exception is the
 * second value {@code nextGaussian} caches, which is not part of {@link #state()}; the model never
 * draws Gaussians.
 *
 * <p>Threads: not thread-safe: the model's training thread alone draws from it.
 */
public final class StatefulRandom extends Random {

    private static final long serialVersionUID = 1L;
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    /** The generator's state has 48 bits. */
    public static final long MASK = (1L << 48) - 1;

    private long state;

    /** The same stream as {@code new Random(seed)}. */
    public StatefulRandom(long seed) {
        super(seed);
        setSeed(seed);
    }

    @Override
    public synchronized void setSeed(long seed) {
        super.setSeed(seed);
        state = (seed ^ MULTIPLIER) & MASK;
    }

    @Override
    protected int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /** The 48-bit state: restoring it with {@link #restore(long)} replays every later number. */
    public long state() {
        return state;
    }

    /**
     * Continues from a state read with {@link #state()}.
     *
     * @throws IllegalArgumentException if {@code state} is not a 48-bit value
     */
    public void restore(long state) {
        if ((state & ~MASK) != 0) {
            throw new IllegalArgumentException("A random state has 48 bits (0 to 2^48 - 1), got " + state);
        }
        this.state = state;
    }
}
