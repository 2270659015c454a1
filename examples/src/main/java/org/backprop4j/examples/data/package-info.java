/**
 * Reading the real data sets the examples train on. {@link org.backprop4j.examples.data.Idx} reads
 * IDX files of unsigned bytes (the MNIST format), plain or gzipped, rejecting damaged or hostile
 * files with an {@link java.io.IOException} that names the file and the fault;
 * {@link org.backprop4j.examples.data.FashionMnist} reads Zalando's Fashion-MNIST from its four IDX
 * files (or the small subset on the class path) and scales the pixels to [0, 1].
 */
package org.backprop4j.examples.data;
