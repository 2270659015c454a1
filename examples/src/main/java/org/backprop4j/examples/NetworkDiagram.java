package org.backprop4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The computational graph of one {@link BackpropStep}, drawn with Java2D: the 2-2-1 XOR network with
 * each neuron's value and gradients for one sample, and each weight as an edge whose width is its
 * size and whose colour is its sign, labelled with its value before and after the step and its
 * gradient over the whole batch.
 */
public final class NetworkDiagram {

    /** Width of the picture in pixels. */
    public static final int WIDTH = 1100;
    /** Height of the picture in pixels. */
    public static final int HEIGHT = 640;

    private static final Color POSITIVE = new Color(31, 90, 200);
    private static final Color NEGATIVE = new Color(200, 50, 40);
    private static final Font NAME_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int RADIUS = 62;

    private static final double[][] INPUT = {{150, 230}, {150, 470}};
    private static final double[][] HIDDEN = {{540, 230}, {540, 470}};
    private static final double[] OUTPUT = {900, 350};

    private NetworkDiagram() {
    }

    /** The diagram of {@code step} for sample {@code b} (0 to 3) of the batch. */
    public static BufferedImage draw(BackpropStep.Step step, int b) {
        BufferedImage image = Plot.canvas(WIDTH, HEIGHT);
        Graphics2D g = Plot.graphics(image);
        double[] x = Xor.X[b];
        double y = Xor.Y[b][0];
        g.setColor(Color.BLACK);
        g.setFont(Plot.TITLE_FONT);
        Plot.centre(g, String.format(Locale.ROOT, "One training step of the XOR network, seed %d, learning rate %s: "
                + "sample r = %d, x = (%.0f, %.0f), y = %.0f", step.seed(), step.learningRate(), b, x[0], x[1], y),
                WIDTH / 2.0, 26);
        g.setFont(SMALL_FONT);
        Plot.centre(g, "Neurons: this sample's values and gradients (delta = dL/dz). Edges: weight before -> after "
                + "the step, and dL/dw over all 4 samples;", WIDTH / 2.0, 48);
        Plot.centre(g, "width = size of the weight, blue = positive, red = negative. The loss L is the mean over "
                + "the 4 samples.", WIDTH / 2.0, 64);

        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 2; i++) {
                double t = i == j ? 0.5 : 0.3;                 // keep the crossing edges' labels apart
                edge(g, INPUT[j], HIDDEN[i], step.w1()[j][i], step.newW1()[j][i], step.dLdW1()[j][i], t);
            }
        }
        for (int i = 0; i < 2; i++) {
            edge(g, HIDDEN[i], OUTPUT, step.w2()[i][0], step.newW2()[i][0], step.dLdW2()[i][0], 0.42);
        }
        for (int j = 0; j < 2; j++) {
            neuron(g, INPUT[j], "input x" + j, List.of(String.format(Locale.ROOT, "value %.0f", x[j])),
                    new Color(240, 240, 240));
        }
        for (int i = 0; i < 2; i++) {
            neuron(g, HIDDEN[i], "hidden unit " + i, List.of(
                    "z = " + fixed(step.z1()[b][i]) + "   a = " + fixed(step.a1()[b][i]),
                    "dL/da = " + fixed(step.dLdA1()[b][i]),
                    "a (1 - a) = " + fixed(step.a1()[b][i] * (1 - step.a1()[b][i])),
                    "delta = " + fixed(step.delta1()[b][i])), new Color(255, 246, 228));
            bias(g, HIDDEN[i], step.b1()[i], step.newB1()[i], step.dLdb1()[i]);
        }
        neuron(g, OUTPUT, "output", List.of(
                "z = " + fixed(step.z2()[b][0]) + "   p = " + fixed(step.p()[b][0]),
                "dL/dp = " + fixed(step.dLdP()[b][0]),
                "p (1 - p) = " + fixed(step.p()[b][0] * (1 - step.p()[b][0])),
                "delta = " + fixed(step.delta2()[b][0])), new Color(255, 246, 228));
        bias(g, OUTPUT, step.b2()[0], step.newB2()[0], step.dLdb2()[0]);
        lossBox(g, step, b);
        g.dispose();
        return image;
    }

    private static void edge(Graphics2D g, double[] from, double[] to, double before, double after, double gradient,
                             double t) {
        g.setColor(before >= 0 ? POSITIVE : NEGATIVE);
        g.setStroke(new BasicStroke((float) (1 + 6 * Math.abs(before)), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(from[0], from[1], to[0], to[1]));
        double x = from[0] + t * (to[0] - from[0]);
        double y = from[1] + t * (to[1] - from[1]);
        label(g, x, y, List.of("w " + fixed(before) + " -> " + fixed(after), "dL/dw " + fixed(gradient)));
    }

    private static void bias(Graphics2D g, double[] at, double before, double after, double gradient) {
        label(g, at[0], at[1] + RADIUS + 22, List.of("bias " + fixed(before) + " -> " + fixed(after)
                + ",  dL/db " + fixed(gradient)));
    }

    private static void neuron(Graphics2D g, double[] at, String name, List<String> lines, Color fill) {
        Ellipse2D circle = new Ellipse2D.Double(at[0] - RADIUS * 1.45, at[1] - RADIUS, RADIUS * 2.9, RADIUS * 2);
        g.setColor(fill);
        g.fill(circle);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(circle);
        g.setFont(NAME_FONT);
        g.setColor(Color.BLACK);
        double top = at[1] - (lines.size() * 16 + 18) / 2.0 + 14;
        Plot.centre(g, name, at[0], top);
        g.setFont(SMALL_FONT);
        for (int k = 0; k < lines.size(); k++) {
            Plot.centre(g, lines.get(k), at[0], top + 19 + k * 16);
        }
    }

    private static void label(Graphics2D g, double x, double y, List<String> lines) {
        g.setFont(SMALL_FONT);
        FontMetrics metrics = g.getFontMetrics();
        int width = lines.stream().mapToInt(metrics::stringWidth).max().orElse(0) + 12;
        int height = lines.size() * 15 + 6;
        g.setColor(new Color(255, 255, 255, 235));
        g.fill(new RoundRectangle2D.Double(x - width / 2.0, y - height / 2.0, width, height, 8, 8));
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(new RoundRectangle2D.Double(x - width / 2.0, y - height / 2.0, width, height, 8, 8));
        g.setColor(Color.BLACK);
        for (int k = 0; k < lines.size(); k++) {
            Plot.centre(g, lines.get(k), x, y - height / 2.0 + 15 + k * 15);
        }
    }

    private static void lossBox(Graphics2D g, BackpropStep.Step step, int b) {
        g.setFont(SMALL_FONT);
        g.setColor(Color.BLACK);
        double error = step.p()[b][0] - Xor.Y[b][0];
        Plot.centre(g, String.format(Locale.ROOT, "Loss: this sample's (p - y)^2 = %s; the batch's L = %s before the "
                + "step, %s after it", fixed(error * error), fixed(step.loss()), fixed(step.newLoss())),
                WIDTH / 2.0, HEIGHT - 22);
    }

    private static String fixed(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        return text.equals("-0.0000") ? "0.0000" : text;
    }
}
