/**
 * Reading the real data sets the examples train on. {@link org.backprop4j.examples.data.Idx} reads
 * IDX files of unsigned bytes (the MNIST format), plain or gzipped, rejecting damaged or hostile
 * files with an {@link java.io.IOException} that names the file and the fault;
 * {@link org.backprop4j.examples.data.FashionMnist} reads Zalando's Fashion-MNIST from its four IDX
 * files (or the small subset on the class path) and scales the pixels to [0, 1];
 * {@link org.backprop4j.examples.data.Datasets} hands out Fashion-MNIST, the digits, the irises, the
 * diabetes patients and the breast-cancer samples as
 * ready-to-train {@link org.backprop4j.core.Split}s, as Keras' {@code load_data()} does.
 */
package org.backprop4j.examples.data;
