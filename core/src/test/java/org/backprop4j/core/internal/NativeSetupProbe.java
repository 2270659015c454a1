package org.backprop4j.core.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run in a fresh JVM by {@link NativeSetupTest}: calls {@link NativeSetup#beforeNd4j()} before anything
 * touches ND4J, then multiplies two matrices through ND4J (OpenBLAS) and checks the result against a
 * plain loop, and prints one line:
 * {@code set=<core type or none> ok=<true|false> waitPolicy=<OMP_WAIT_POLICY as C sees it> kernels=<what OpenBLAS runs>}.
 */
public final class NativeSetupProbe {

    private NativeSetupProbe() {
    }

    /** See the class comment. */
    public static void main(String[] args) {
        java.util.Map<String, String> variables = NativeSetup.beforeNd4j();
        String set = variables.getOrDefault("OPENBLAS_CORETYPE", "none");
        int m = 67;
        int k = 129;
        int n = 33;
        INDArray a = Nd4j.rand(DataType.DOUBLE, m, k);
        INDArray b = Nd4j.rand(DataType.DOUBLE, k, n);
        INDArray c = a.mmul(b);
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a.getDouble(i, p) * b.getDouble(p, j);
                }
                worst = Math.max(worst, Math.abs(sum - c.getDouble(i, j)));
            }
        }
        System.out.println("set=" + set + " ok=" + (worst < 1e-10) + " waitPolicy="
                + NativeSetup.nativeEnvironment("OMP_WAIT_POLICY") + " kernels=" + NativeSetup.kernelsInUse());
    }
}
