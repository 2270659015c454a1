package org.backprop4j.examples.autograd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One number in a computational graph, and the gradient of the graph's output with respect to it.
 *
 * <p>Every operation returns a new node that remembers its inputs and, for each input {@code k},
 * the local derivative {@code d(this)/d(input k)}, computed during the forward pass. The gate
 * patterns of backpropagation are these local derivatives:
 * <ul>
 *   <li>{@code a + b}: 1 and 1, so the sum hands its upstream gradient unchanged to both inputs
 *       (add distributes);</li>
 *   <li>{@code a * b}: b and a, so each input receives the upstream gradient times the <em>other</em>
 *       input (mul swaps);</li>
 *   <li>{@code max(a, b)}: 1 for the larger input and 0 for the other (max routes);</li>
 *   <li>{@code exp(a)}: exp(a); {@code tanh(a)}: 1 - tanh(a)^2; {@code sigmoid(a)}: s (1 - s).</li>
 * </ul>
 *
 * <p>{@link #backward()} sets the output's gradient to 1 and visits the nodes from the output
 * back to the leaves, each after every node that uses it (reverse topological order), doing
 * {@code input.grad += local * this.grad}. The {@code +=} is the multivariable chain rule: a node
 * used twice (a fork) receives the sum of both uses' gradients.
 * {@link #backwardOverwriting()} does {@code =} instead, to show what goes wrong.
 */
public final class Value {

    private final double data;
    private final String op;
    private final Value[] inputs;
    private final double[] local;
    private double grad;
    private String label;

    /** A leaf: an input or a weight. */
    public Value(double data, String label) {
        this(data, "", new Value[0], new double[0]);
        this.label = label;
    }

    private Value(double data, String op, Value[] inputs, double[] local) {
        this.data = data;
        this.op = op;
        this.inputs = inputs;
        this.local = local;
    }

    public Value plus(Value other) {
        return new Value(data + other.data, "+", new Value[] {this, other}, new double[] {1, 1});
    }

    public Value times(Value other) {
        return new Value(data * other.data, "*", new Value[] {this, other}, new double[] {other.data, data});
    }

    public Value max(Value other) {
        boolean first = data >= other.data;
        return new Value(Math.max(data, other.data), "max", new Value[] {this, other},
                new double[] {first ? 1 : 0, first ? 0 : 1});
    }

    public Value exp() {
        double e = Math.exp(data);
        return new Value(e, "exp", new Value[] {this}, new double[] {e});
    }

    public Value tanh() {
        double t = Math.tanh(data);
        return new Value(t, "tanh", new Value[] {this}, new double[] {1 - t * t});
    }

    /** {@code 1 / (1 + exp(-a))}, as one node whose local derivative is {@code s (1 - s)}. */
    public Value sigmoid() {
        double s = 1 / (1 + Math.exp(-data));
        return new Value(s, "sigmoid", new Value[] {this}, new double[] {s * (1 - s)});
    }

    /** Backpropagation: d(this)/d(node) into every node's {@link #grad()}, accumulating at forks. */
    public void backward() {
        backward(true);
    }

    /** The same with {@code input.grad = ...} in place of {@code +=}: wrong wherever a node is used twice. */
    public void backwardOverwriting() {
        backward(false);
    }

    private void backward(boolean accumulate) {
        List<Value> order = topologicalOrder();
        for (Value node : order) {
            node.grad = 0;
        }
        grad = 1;
        for (int n = order.size() - 1; n >= 0; n--) {          // from this node back to the leaves
            Value node = order.get(n);
            for (int k = 0; k < node.inputs.length; k++) {
                double contribution = node.local[k] * node.grad;  // local derivative times upstream gradient
                node.inputs[k].grad = accumulate ? node.inputs[k].grad + contribution : contribution;
            }
        }
    }

    /** Every node this one depends on, each after all of its inputs, ending with this node. */
    public List<Value> topologicalOrder() {
        List<Value> order = new ArrayList<>();
        visit(this, new HashSet<>(), order);
        return order;
    }

    private static void visit(Value node, Set<Value> seen, List<Value> order) {
        if (seen.add(node)) {
            for (Value input : node.inputs) {
                visit(input, seen, order);
            }
            order.add(node);
        }
    }

    public double data() {
        return data;
    }

    public double grad() {
        return grad;
    }

    /** The operation that made this node ({@code "+"}, {@code "*"}, ...), or "" for a leaf. */
    public String op() {
        return op;
    }

    /** The nodes this one was computed from, in order. */
    public List<Value> inputs() {
        return List.of(inputs);
    }

    /** d(this)/d(input k), fixed in the forward pass. */
    public double localDerivative(int k) {
        return local[k];
    }

    /** A name for printing, or null. */
    public String label() {
        return label;
    }

    /** Names this node for printing; returns it. */
    public Value label(String name) {
        this.label = name;
        return this;
    }
}
