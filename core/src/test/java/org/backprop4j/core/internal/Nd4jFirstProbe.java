package org.backprop4j.core.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run in a fresh JVM by {@link KernelChoiceTest}: a program written the usual way, which creates its data
 * (and multiplies it) through ND4J before any backprop4j class is used. Only then it asks which kernels
 * OpenBLAS runs and prints one line: {@code core=<openblas_get_corename()> waitPolicy=<OMP_WAIT_POLICY as
 * the C library sees it> ok=<the product right>}. With the argument {@code openblas-first} it loads
 * OpenBLAS itself (through JavaCPP) before ND4J, so that backprop4j's settings come too late.
 */
public final class Nd4jFirstProbe {

    private Nd4jFirstProbe() {
    }

    /** See the class comment. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("openblas-first")) {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
        }
        INDArray a = Nd4j.rand(DataType.FLOAT, 40, 70);
        INDArray b = Nd4j.rand(DataType.FLOAT, 70, 30);
        INDArray c = a.mmul(b);
        double worst = 0;
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 30; j++) {
                double sum = 0;
                for (int p = 0; p < 70; p++) {
                    sum += a.getDouble(i, p) * b.getDouble(p, j);
                }
                worst = Math.max(worst, Math.abs(sum - c.getDouble(i, j)));
            }
        }
        String kernels = NativeSetup.kernelsInUse(); // the first backprop4j class this program touches
        String core = kernels.substring(kernels.indexOf("; core ") + 7, kernels.indexOf(';', kernels.indexOf("; core ") + 7));
        System.out.println("core=" + core + " waitPolicy=" + NativeSetup.nativeEnvironment("OMP_WAIT_POLICY")
                + " ok=" + (worst < 1e-3));
    }
}
