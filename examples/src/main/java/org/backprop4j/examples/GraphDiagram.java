package org.backprop4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.backprop4j.examples.autograd.Value;

/**
 * A computational graph of {@link Value} nodes drawn with Java2D, left to right: one column per
 * depth (a node sits one column right of its deepest input; a leaf sits just left of its first
 * use), each node a box with its name, its operation, its value and its gradient, each edge an
 * arrow from an input to the node computed from it. Leaves that are weights are orange, other
 * leaves grey, operations white.
 */
public final class GraphDiagram {

    private static final int COLUMN = 150;
    private static final int ROW = 92;
    private static final int BOX_WIDTH = 128;
    private static final int BOX_HEIGHT = 62;
    private static final int TOP = 96;
    private static final Font NAME_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color WEIGHT = new Color(255, 228, 190);
    private static final Color LEAF = new Color(232, 232, 232);

    private GraphDiagram() {
    }

    /** The graph of {@code output} (after its {@code backward()}), under {@code title}. */
    public static BufferedImage draw(Value output, String title) {
        List<Value> order = output.topologicalOrder();
        Map<Value, Integer> column = columns(order);
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Map<Value, double[]> at = new IdentityHashMap<>();
        int[] filled = new int[columns];
        int rows = 0;
        for (Value node : order) {
            int c = column.get(node);
            at.put(node, new double[] {40 + BOX_WIDTH / 2.0 + c * COLUMN, TOP + BOX_HEIGHT / 2.0 + filled[c] * ROW});
            filled[c]++;
            rows = Math.max(rows, filled[c]);
        }
        int width = 80 + BOX_WIDTH + (columns - 1) * COLUMN;
        int height = TOP + rows * ROW + 40;
        BufferedImage image = Plot.canvas(width, height);
        Graphics2D g = Plot.graphics(image);
        g.setColor(Color.BLACK);
        g.setFont(Plot.TITLE_FONT);
        Plot.centre(g, title, width / 2.0, 28);
        g.setFont(SMALL_FONT);
        Plot.centre(g, "Forward: each node's value from its inputs (arrows). Backward, right to left: grad = dL/d(node); "
                + "each input receives local derivative x grad, added up (+=) over every arrow leaving it.", width / 2.0, 50);
        Plot.centre(g, "Orange: the network's weights; grey: the sample's inputs and constants; white: operations. "
                + "Add distributes grad, mul swaps (grad x the other input), sigmoid multiplies by s (1 - s).",
                width / 2.0, 66);
        for (Value node : order) {
            for (Value input : node.inputs()) {
                arrow(g, at.get(input), at.get(node));
            }
        }
        for (Value node : order) {
            box(g, node, at.get(node));
        }
        g.dispose();
        return image;
    }

    /** Operations one column right of their deepest input; leaves one column left of their first user. */
    static Map<Value, Integer> columns(List<Value> order) {
        Map<Value, Integer> column = new IdentityHashMap<>();
        for (Value node : order) {
            int c = 0;
            for (Value input : node.inputs()) {
                c = Math.max(c, column.get(input) + 1);
            }
            column.put(node, c);
        }
        Map<Value, Integer> firstUse = new IdentityHashMap<>();
        for (Value node : order) {
            for (Value input : node.inputs()) {
                firstUse.merge(input, column.get(node), Math::min);
            }
        }
        List<Value> leaves = new ArrayList<>();
        for (Value node : order) {
            if (node.inputs().isEmpty() && firstUse.containsKey(node)) {
                leaves.add(node);
            }
        }
        for (Value leaf : leaves) {
            column.put(leaf, firstUse.get(leaf) - 1);
        }
        return column;
    }

    private static void arrow(Graphics2D g, double[] from, double[] to) {
        double x0 = from[0] + BOX_WIDTH / 2.0;
        double x1 = to[0] - BOX_WIDTH / 2.0;
        g.setColor(new Color(110, 110, 110));
        g.setStroke(new BasicStroke(1.2f));
        g.draw(new Line2D.Double(x0, from[1], x1, to[1]));
        double angle = Math.atan2(to[1] - from[1], x1 - x0);
        Path2D head = new Path2D.Double();
        head.moveTo(x1, to[1]);
        head.lineTo(x1 - 9 * Math.cos(angle - 0.35), to[1] - 9 * Math.sin(angle - 0.35));
        head.lineTo(x1 - 9 * Math.cos(angle + 0.35), to[1] - 9 * Math.sin(angle + 0.35));
        head.closePath();
        g.fill(head);
    }

    private static void box(Graphics2D g, Value node, double[] at) {
        boolean leaf = node.inputs().isEmpty();
        boolean weight = leaf && node.label() != null && (node.label().startsWith("W") || node.label().startsWith("b"));
        RoundRectangle2D shape = new RoundRectangle2D.Double(at[0] - BOX_WIDTH / 2.0, at[1] - BOX_HEIGHT / 2.0,
                BOX_WIDTH, BOX_HEIGHT, 12, 12);
        g.setColor(weight ? WEIGHT : leaf ? LEAF : Color.WHITE);
        g.fill(shape);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1.4f));
        g.draw(shape);
        g.setColor(Color.BLACK);
        g.setFont(NAME_FONT);
        String name = node.label() == null ? "" : node.label();
        String op = leaf ? "" : node.op();
        Plot.centre(g, name.isEmpty() ? op : op.isEmpty() ? name : name + "  (" + op + ")", at[0], at[1] - 12);
        g.setFont(SMALL_FONT);
        Plot.centre(g, "value " + fixed(node.data()), at[0], at[1] + 5);
        Plot.centre(g, "grad " + fixed(node.grad()), at[0], at[1] + 21);
    }

    private static String fixed(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        return text.equals("-0.0000") ? "0.0000" : text;
    }
}
