package org.backprop4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.backprop4j.core.activations.ElementwiseActivation;
import org.backprop4j.core.activations.Relu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SimdGate}: closed, it probes and says no; a probe at compiled speed opens it; the cap opens
 * it whatever the probes say; and the library's own probes run (their handles have the loops' types)
 * while the calls they guard give the scalar loops' numbers.
 */
class SimdGateTest {

    private Boolean mode;

    /** Probing, as in a user's program (the build opens the gates for the other tests). */
    @BeforeEach
    void probe() {
        mode = SimdGate.force(null);
    }

    @AfterEach
    void restore() {
        SimdGate.force(mode);
    }

    @Test
    void aClosedGateProbesAndAFastProbeOpensIt() {
        SimdGate gate = new SimdGate("test");
        AtomicInteger calls = new AtomicInteger();
        assertFalse(gate.ready(() -> {
            calls.incrementAndGet();
            spin(5_000);                                   // 5 us a call: not compiled speed
        }));
        assertEquals(SimdGate.PROBE_CALLS, calls.get(), "one probe is PROBE_CALLS calls of the loop");
        assertFalse(gate.isOpen());
        SimdGate.Probe nothing = () -> {
        };
        int closed = 1;
        while (!gate.isOpen() && closed < 1_000) {
            assertFalse(gate.ready(nothing), "a closed gate's call takes the scalar loop, the opening one too");
            closed++;
        }
        assertTrue(gate.isOpen(), "calls that do nothing are fast once the JIT has compiled the probe loop");
        int before = calls.get();
        assertTrue(gate.ready(calls::incrementAndGet));
        assertEquals(before, calls.get(), "an open gate no longer probes");
    }

    @Test
    void theCapOpensTheGateWhateverTheProbesSay() {
        SimdGate gate = new SimdGate("test");
        SimdGate.Probe slow = () -> spin(2_000);
        for (int call = 1; call < SimdGate.MAX_CLOSED_CALLS; call++) {
            assertFalse(gate.ready(slow), "call " + call);
        }
        assertTrue(gate.ready(slow));
    }

    @Test
    void aProbesFailureReachesTheCaller() {
        SimdGate gate = new SimdGate("test");
        assertThrows(IllegalStateException.class, () -> gate.ready(() -> {
            throw new Exception("a checked failure in the loop");
        }));
    }

    @Test
    void theLibrarysProbesRunAndTheGuardedCallsGiveTheScalarNumbers() {
        INDArray z = Nd4j.rand(DataType.FLOAT, 32, 67).subi(0.5);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 67);
        for (int round = 0; round < 3; round++) {
            INDArray fast = z.dup();
            INDArray plain = z.dup();
            FastElementwise.instance().addBias(fast, bias);
            FastElementwise.scalar().addBias(plain, bias);
            assertArrayEquals(plain.data().asFloat(), fast.data().asFloat());
            INDArray sums = Nd4j.create(DataType.FLOAT, 1, 67);
            INDArray plainSums = Nd4j.create(DataType.FLOAT, 1, 67);
            FastElementwise.instance().columnSums(z, sums);
            FastElementwise.scalar().columnSums(z, plainSums);
            assertArrayEquals(plainSums.data().asFloat(), sums.data().asFloat());
            INDArray difference = Nd4j.create(DataType.FLOAT, 32, 67);
            INDArray plainDifference = Nd4j.create(DataType.FLOAT, 32, 67);
            FastElementwise.instance().scaledDifference(z, fast, 0.25, difference);
            FastElementwise.scalar().scaledDifference(z, fast, 0.25, plainDifference);
            assertArrayEquals(plainDifference.data().asFloat(), difference.data().asFloat());
            ElementwiseActivation relu = new Relu();
            INDArray a = Nd4j.create(DataType.FLOAT, 32, 67);
            INDArray d = Nd4j.create(DataType.FLOAT, 32, 67);
            relu.forward(z, a);
            relu.backward(z, a, bias.broadcast(32, 67).dup(), d);
            INDArray expectedA = Nd4j.create(DataType.FLOAT, 32, 67);
            INDArray expectedD = Nd4j.create(DataType.FLOAT, 32, 67);
            boolean enabled = FastElementwise.setEnabled(false);
            try {
                relu.forward(z, expectedA);
                relu.backward(z, expectedA, bias.broadcast(32, 67).dup(), expectedD);
            } finally {
                FastElementwise.setEnabled(enabled);
            }
            assertArrayEquals(expectedA.data().asFloat(), a.data().asFloat());
            assertArrayEquals(expectedD.data().asFloat(), d.data().asFloat());
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
