/**
 * Fast primitives the training step is built from: matrix products straight to BLAS
 * ({@link org.backprop4j.core.internal.Gemm}), element-wise loops that stay in the arrays' own
 * precision and use SIMD when the JDK's Vector API is present
 * ({@link org.backprop4j.core.internal.Elementwise}), and the native-library set-up done before ND4J
 * loads ({@link org.backprop4j.core.internal.NativeSetup}).
 *
 * <p><b>Not API.</b> Everything here is public only so that the other backprop4j modules can call
 * it; names, signatures and behaviour may change in any release without notice. Users should go
 * through {@code Sequential}, layers, activations and optimizers instead.
 *
 * <p>Conventions: a matrix is {@code (rows, columns)}, a "row vector" has {@code columns} elements;
 * the fast paths need plain arrays (row-major, not a view, offset 0, buffer exactly the array:
 * {@link org.backprop4j.core.Arrays2D#isPlain}) of type FLOAT or DOUBLE, and work in that type.
 */
package org.backprop4j.core.internal;
