package org.backprop4j.core.internal;

/**
 * A program for {@link SimdNoticeTest}, run in a JVM of its own: asks for the element-wise loops twice
 * (the warning must come once) and prints which it got.
 */
public final class SimdNoticeProbe {

    private SimdNoticeProbe() {
    }

    public static void main(String[] args) {
        String first = FastElementwise.instance().name();
        String second = FastElementwise.instance().name();
        System.out.println("loops: " + first + " / " + second);
    }
}
