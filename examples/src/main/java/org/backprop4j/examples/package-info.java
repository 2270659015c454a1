/**
 * Runnable example programs, each teaching one idea. {@link org.backprop4j.examples.Launcher} runs
 * any of them by name ({@code mvn -q compile exec:java -Dexec.args="NAME"} from the repository root;
 * with no name it lists them):
 *
 * <ul>
 *   <li>{@code xor}: {@link org.backprop4j.examples.Xor}, the Keras XOR script ported line by line;</li>
 *   <li>{@code backprop-step}: {@link org.backprop4j.examples.BackpropStep}, one training step of the XOR
 *       network by hand, every number printed;</li>
 *   <li>{@code autograd}: {@link org.backprop4j.examples.XorGraph}, the same step on the scalar autograd of
 *       {@link org.backprop4j.examples.autograd}, with the graph of one sample as text and as a picture
 *       ({@link org.backprop4j.examples.GraphDiagram});</li>
 *   <li>{@code deep-backprop}: {@link org.backprop4j.examples.DeepBackprop}, the four equations of
 *       backpropagation as a loop over layers, and error signals through ten relu layers;</li>
 *   <li>{@code grade}: {@link org.backprop4j.examples.labs.Grader}, the auto-graded labs;</li>
 *   <li>{@code reversal}: {@link org.backprop4j.examples.BitReversal}, the generalisation failure and
 *       why the weights of an always-0 input never move;</li>
 *   <li>{@code digits}: {@link org.backprop4j.examples.Digits}, real handwritten digits with a
 *       held-out accuracy and a confusion matrix;</li>
 *   <li>{@code health}: {@link org.backprop4j.examples.Health}, the training-health report on a healthy
 *       run and on three classic problems;</li>
 *   <li>{@code fashion}: {@link org.backprop4j.examples.Fashion}, TensorFlow's beginner tutorial on
 *       Fashion-MNIST ported line by line, and keras-team's mnist_mlp.py shape with {@code --mlp};</li>
 *   <li>{@code softmax}, {@code softmax-layer}: the softmax derivations in numbers.</li>
 * </ul>
 *
 * <p>Their PNG pictures ({@code --plot-dir}) are drawn with Java2D: {@link org.backprop4j.examples.Plot}
 * and {@link org.backprop4j.examples.Axis} (x-y plots with round ticks), {@link org.backprop4j.examples.Charts}
 * (per-epoch curves), {@link org.backprop4j.examples.HeatMaps} and
 * {@link org.backprop4j.examples.NetworkDiagram}.
 */
package org.backprop4j.examples;
