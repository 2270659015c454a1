/**
 * The playground: a local web page on which a learner trains a small network on a 2-D data set and
 * watches it learn (the output and every hidden unit as heat maps over the plane, the network with
 * its weights, the loss curves), then pauses and clicks a neuron or a weight to see backpropagation's
 * numbers for one sample, computed by backprop4j ({@code Sequential.layerOutputs},
 * {@code layerGradients}, {@code gradients}).
 *
 * <p>{@link org.backprop4j.examples.playground.PlaygroundServer} serves the page (plain HTML, CSS and
 * JavaScript from the resources folder {@code playground/}) and a small JSON API on the JDK's HTTP
 * server, bound to 127.0.0.1; {@link org.backprop4j.examples.playground.Settings} validates every
 * request's parameters; {@link org.backprop4j.examples.playground.PlaneData} makes the data sets;
 * {@link org.backprop4j.examples.playground.Session} is one page's training run, and
 * {@link org.backprop4j.examples.playground.Inspector} computes what Step mode shows.
 */
package org.backprop4j.examples.playground;
