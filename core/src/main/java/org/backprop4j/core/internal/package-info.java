/**
 * Internal: not API. The generic fast primitives and plumbing the library modules share: matrix
 * products, bias add, column sums, axpy and element-wise loops chosen by size ({@link
 * org.backprop4j.core.internal.Kernels}, {@link org.backprop4j.core.internal.Elementwise}), argument
 * checks, per-call work arrays and the model's seeded random stream. Public only because the
 * {@code layers} and {@code optim} modules use it; anything here may change without notice.
 */
package org.backprop4j.core.internal;
