/**
 * Internal: not API. The generic fast primitives and plumbing the library modules share: matrix
 * products, bias add, column sums, axpy and element-wise loops chosen by size ({@link
 * org.backprop4j.core.internal.Kernels}, {@link org.backprop4j.core.internal.Values}), matrix
 * products straight to BLAS into preallocated outputs ({@link org.backprop4j.core.internal.Gemm}),
 * element-wise loops that stay in the arrays' own precision and use SIMD when the JDK's Vector API is
 * present ({@link org.backprop4j.core.internal.FastElementwise}), the use of a second core in a
 * training step (whether, measured per model: {@link org.backprop4j.core.threads.SplitTrial} and
 * {@link org.backprop4j.core.threads.BlasThreads}; the worker that takes half of a product or an
 * update: {@link org.backprop4j.core.threads.SecondCore}), the native-library set-up done
 * before ND4J loads ({@link org.backprop4j.core.internal.NativeSetup}, with its per-CPU kernel table
 * {@link org.backprop4j.core.internal.OpenBlasCoreTypes} and the hook ND4J's backend lookup runs first,
 * {@link org.backprop4j.core.internal.BeforeNd4jLoads}), an ND4J buffer's memory and address made
 * once per buffer and the pointers BLAS calls re-aim, so that a training step leaves next to no
 * garbage ({@link org.backprop4j.core.internal.BufferViews}, {@link
 * org.backprop4j.core.internal.ScratchPointers}), the gate that keeps a SIMD loop from working before
 * the JIT has compiled it ({@link org.backprop4j.core.internal.SimdGate}), argument checks, per-call
 * work arrays and the model's seeded random stream. Public only because the {@code layers} and
 * {@code optim} modules use it; anything here may change without notice.
 *
 * <p>Conventions: a matrix is {@code (rows, columns)}, a "row vector" has {@code columns} elements;
 * the fast paths need plain arrays (row-major, not a view, offset 0, buffer exactly the array:
 * {@link org.backprop4j.core.internal.Arrays2D#isPlain}) of type FLOAT or DOUBLE, and work in that type.
 */
package org.backprop4j.core.internal;
