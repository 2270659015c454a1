/**
 * A scalar automatic-differentiation engine of about a hundred lines, for teaching: {@link
 * org.backprop4j.examples.autograd.Value} records every {@code +}, {@code *}, {@code exp},
 * {@code tanh}, {@code sigmoid} and {@code max} as a node of a computational graph, and
 * {@code backward()} visits the graph in reverse topological order, multiplying each node's
 * upstream gradient by its local derivatives and adding the products into its inputs.
 *
 * <p>It is not backprop4j's API: the library differentiates whole layers at once (a Dense layer's
 * {@code dW = X^T delta}); {@code docs/computational-graph.md} shows that both give the same
 * numbers on the XOR step, and why the library does not work one scalar at a time.
 */
package org.backprop4j.examples.autograd;
