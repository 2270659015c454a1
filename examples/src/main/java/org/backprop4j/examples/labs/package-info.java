/**
 * Three auto-graded labs (docs/labs.md). A student fills in one method in each of
 * {@link org.backprop4j.examples.labs.StudentDense} (a Dense layer's {@code backward}),
 * {@link org.backprop4j.examples.labs.StudentMomentum} (an optimizer's {@code updateStep}) and
 * {@link org.backprop4j.examples.labs.StudentMeanSquaredError} (a loss's {@code gradient}), and
 * {@code mvn -q compile exec:java -Dexec.args="grade"} grades them with {@link
 * org.backprop4j.examples.labs.Grader}: a gradient check ({@code GradientCheck}) for the layer and
 * the loss, and a comparison with the library's own SGD with momentum for the optimizer.
 *
 * <p>As shipped, the three methods are the empty exercise: they throw, and the grader says so.
 */
package org.backprop4j.examples.labs;
