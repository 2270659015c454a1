/**
 * Internal: not API. The thread policy of a training step, beside the kernels it steers and apart from
 * the model's classes: whether a large matrix product or update is split across a second core
 * ({@link org.backprop4j.core.threads.BlasThreads}, from the settings and the machine), the per-model
 * trial that times one core against two during {@code fit} and keeps the faster
 * ({@link org.backprop4j.core.threads.SplitTrial}), and the worker thread that takes the other half
 * ({@link org.backprop4j.core.threads.SecondCore}). Public only because {@code core}'s kernels and the
 * {@code optim} module use it; anything here may change without notice.
 */
package org.backprop4j.core.threads;
