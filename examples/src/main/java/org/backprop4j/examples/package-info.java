/**
 * Runnable example programs, each teaching one idea. {@link org.backprop4j.examples.Launcher} runs
 * any of them by name ({@code mvn -q compile exec:java -Dexec.args="NAME"} from the repository root;
 * with no name it lists them):
 *
 * <ul>
 *   <li>{@code xor}: {@link org.backprop4j.examples.Xor}, the Keras XOR script ported line by line;</li>
 *   <li>{@code reversal}: {@link org.backprop4j.examples.BitReversal}, the generalisation failure and
 *       why the weights of an always-0 input never move;</li>
 *   <li>{@code digits}: {@link org.backprop4j.examples.Digits}, real handwritten digits with a
 *       held-out accuracy and a confusion matrix;</li>
 *   <li>{@code softmax}, {@code softmax-layer}: the softmax derivations in numbers.</li>
 * </ul>
 *
 * <p>{@link org.backprop4j.examples.Charts} draws their PNG charts with XChart.
 */
package org.backprop4j.examples;
