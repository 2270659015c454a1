package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

class DataDiagnosticsTest {

    /** The bit-reversal training inputs of the source articles: input 0 is always 0. */
    private static final double[][] REVERSAL_X = {
            {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 1, 0, 1}, {0, 1, 1, 0}, {0, 1, 1, 1}};

    @Test
    void constantZeroColumnIsReportedAsNeverTrained() {
        List<DataDiagnostics.Finding> findings = DataDiagnostics.check(Nd4j.create(REVERSAL_X));

        assertEquals(1, findings.size(), findings.toString());
        DataDiagnostics.Finding finding = findings.get(0);
        assertEquals(0, finding.column());
        assertEquals(0.0, finding.value());
        assertEquals(6, finding.samples());
        assertTrue(finding.weightsNeverTrained());
        assertTrue(finding.message().startsWith(
                "input 0 is 0 in all 6 training samples: its weights will never be trained"), finding.message());
    }

    @Test
    void constantNonZeroColumnIsReportedAsCarryingNoInformation() {
        INDArray x = Nd4j.create(new double[][] {{1, 5, 0.5}, {2, 5, -1}, {3, 5, 0}});

        List<DataDiagnostics.Finding> findings = DataDiagnostics.check(x);

        assertEquals(1, findings.size(), findings.toString());
        DataDiagnostics.Finding finding = findings.get(0);
        assertEquals(1, finding.column());
        assertEquals(5.0, finding.value());
        assertFalse(finding.weightsNeverTrained());
        assertTrue(finding.message().startsWith("input 1 is 5 in all 3 training samples: it carries no information"),
                finding.message());
    }

    @Test
    void noConstantColumnMeansNoFinding() {
        INDArray x = Nd4j.create(new double[][] {{0, 1}, {1, 0}, {0.5, 0.5}});

        assertTrue(DataDiagnostics.check(x).isEmpty());
    }

    @Test
    void severalConstantColumnsAreReportedInColumnOrderAndFloatDataWorks() {
        INDArray x = Nd4j.create(new double[][] {{0, 1, 7, 0}, {0, 2, 7, 0}}).castTo(DataType.FLOAT);

        List<DataDiagnostics.Finding> findings = DataDiagnostics.check(x);

        assertEquals(List.of(0, 2, 3), findings.stream().map(DataDiagnostics.Finding::column).toList());
        assertEquals(7.0, findings.get(1).value());
    }

    @Test
    void aColumnThatVariesOnlyInItsLastRowIsNotConstant() {
        // the scan stops reading a column once it has varied: the others must still be read to the end
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double[][] rows = new double[1000][5];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = new double[] {r, r % 2, 3, 0, -2};
            }
            rows[999][3] = 1e-3;
            List<DataDiagnostics.Finding> findings = DataDiagnostics.check(Nd4j.create(rows).castTo(type));
            assertEquals(List.of(2, 4), findings.stream().map(DataDiagnostics.Finding::column).toList(), type.toString());
            assertEquals(-2.0, findings.get(1).value());
        }
    }

    @Test
    void oneSampleSaysNothingAboutVariation() {
        assertTrue(DataDiagnostics.check(Nd4j.create(new double[][] {{0, 0, 3}})).isEmpty());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DataDiagnostics.check(null));
        IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
                () -> DataDiagnostics.check(Nd4j.create(new double[] {1, 2, 3})));
        assertTrue(vector.getMessage().contains("[3]"), vector.getMessage());
    }

    @Test
    void fitWarnsOnceThroughSlf4j() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Sequential.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false); // the warning is expected: captured here, not printed on the console
        try {
            Sequential model = new Sequential(7L).add(new LinearTestLayer(4, 4));
            model.compile("mean_squared_error", new PlainStep(0.1));
            INDArray x = Nd4j.create(REVERSAL_X);
            model.fit(x, x, new FitOptions().epochs(2).batchSize(6).verbose(0));
            model.fit(x, x, new FitOptions().epochs(1).batchSize(6).verbose(0));

            List<ILoggingEvent> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertEquals(1, warnings.size(), "one warning for the one constant column, not repeated by the 2nd fit");
            assertTrue(warnings.get(0).getFormattedMessage().startsWith(
                    "input 0 is 0 in all 6 training samples: its weights will never be trained"),
                    warnings.get(0).getFormattedMessage());

            appender.list.clear();
            Sequential clean = new Sequential(7L).add(new LinearTestLayer(1, 2));
            clean.compile("mean_squared_error", new PlainStep(0.1));
            clean.fit(Nd4j.create(new double[][] {{0, 1}, {1, 0}}), Nd4j.create(new double[][] {{1}, {0}}),
                    new FitOptions().epochs(1).verbose(0));
            assertTrue(appender.list.stream().noneMatch(e -> e.getLevel() == Level.WARN), appender.list.toString());
        } finally {
            logger.detachAppender(appender);
            logger.setAdditive(true);
        }
    }

    /** {@code y = x . kernel}, the least a trainable layer needs (the real Dense lives in another module). */
    private static final class LinearTestLayer extends Layer {
        private final int units;
        private final int inputDim;
        private INDArray kernel;
        private INDArray kernelGradient;

        LinearTestLayer(int units, int inputDim) {
            this.units = units;
            this.inputDim = inputDim;
        }

        @Override
        protected long build(long inputSize, Random random) {
            kernel = Nd4j.rand(dataType(), inputSize, units);
            kernelGradient = Nd4j.zeros(dataType(), inputSize, units);
            return units;
        }

        @Override
        public INDArray forward(INDArray x, CallContext context) {
            context.keep(this, "input", x);
            return x.mmul(kernel);
        }

        @Override
        public INDArray backward(INDArray dLdOutput, boolean needInputGradient, CallContext context) {
            kernelGradient.assign(context.kept(this, "input").transpose().mmul(dLdOutput));
            return needInputGradient ? dLdOutput.mmul(kernel.transpose()) : null;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(new Parameter("kernel", kernel, kernelGradient));
        }

        @Override
        public long declaredInputSize() {
            return inputDim;
        }
    }

    /** {@code w -= lr * g}. */
    private static final class PlainStep extends Optimizer {
        PlainStep(double learningRate) {
            super(learningRate);
        }

        @Override
        protected void updateStep(int index, INDArray value, INDArray gradient, double learningRate) {
            value.subi(gradient.mul(learningRate));
        }

        @Override
        protected Map<String, Object> hyperParameters() {
            return Map.of();
        }
    }
}
