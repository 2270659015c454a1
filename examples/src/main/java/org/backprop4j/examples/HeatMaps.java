package org.backprop4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.function.BiConsumer;

import org.backprop4j.core.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Heat maps for the examples' pictures, drawn with Java2D: the output of a model with two inputs and
 * one output as a colour field over a square, with a contour line where it crosses a level; and a
 * matrix of numbers as coloured cells with the numbers written in them.
 */
public final class HeatMaps {

    private HeatMaps() {
    }

    /**
     * The model's output on a {@code cells x cells} lattice over {@code [min, max]^2}, in one batch:
     * {@code values[i][j]} is the output at {@code x0 = min + i * step, x1 = min + j * step}.
     */
    public static double[][] outputGrid(Sequential model, double min, double max, int cells) {
        double step = (max - min) / (cells - 1);
        double[][] inputs = new double[cells * cells][2];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                inputs[i * cells + j][0] = min + i * step;
                inputs[i * cells + j][1] = min + j * step;
            }
        }
        INDArray outputs = model.predict(Nd4j.create(inputs));
        double[][] values = new double[cells][cells];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                values[i][j] = outputs.getDouble(i * cells + j, 0);
            }
        }
        return values;
    }

    /** Blue for 0, white for 0.5, orange for 1 (values outside [0, 1] are clamped). */
    public static Color blueWhiteOrange(double value) {
        double v = Math.max(0, Math.min(1, value));
        Color low = new Color(40, 100, 200);
        Color high = new Color(235, 125, 20);
        return v < 0.5 ? mix(low, Color.WHITE, v * 2) : mix(Color.WHITE, high, (v - 0.5) * 2);
    }

    /** White for 0, dark blue for 1 (clamped). */
    public static Color whiteToBlue(double value) {
        return mix(Color.WHITE, new Color(20, 60, 150), Math.max(0, Math.min(1, value)));
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    /** Paints {@code values} (from {@link #outputGrid}) over the plot area, each lattice point a small square. */
    public static BiConsumer<Graphics2D, Plot.Frame> field(double[][] values, double min, double max) {
        return (g, frame) -> {
            int cells = values.length;
            double step = (max - min) / (cells - 1);
            for (int i = 0; i < cells; i++) {
                for (int j = 0; j < cells; j++) {
                    double x = min + i * step;
                    double y = min + j * step;
                    int left = (int) Math.floor(frame.px(x - step / 2));
                    int right = (int) Math.ceil(frame.px(x + step / 2));
                    int top = (int) Math.floor(frame.py(y + step / 2));
                    int bottom = (int) Math.ceil(frame.py(y - step / 2));
                    g.setColor(blueWhiteOrange(values[i][j]));
                    g.fillRect(left, top, right - left, bottom - top);
                }
            }
        };
    }

    /**
     * The line where {@code values} crosses {@code level}, by marching squares with linear
     * interpolation along the cell edges, drawn in black.
     */
    public static BiConsumer<Graphics2D, Plot.Frame> contour(double[][] values, double min, double max, double level) {
        return (g, frame) -> {
            int cells = values.length;
            double step = (max - min) / (cells - 1);
            Graphics2D clipped = (Graphics2D) g.create();
            clipped.clip(frame.area());
            clipped.setColor(Color.BLACK);
            clipped.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int i = 0; i + 1 < cells; i++) {
                for (int j = 0; j + 1 < cells; j++) {
                    // corners counter-clockwise from the lower left: (i, j), (i+1, j), (i+1, j+1), (i, j+1)
                    double[] v = {values[i][j], values[i + 1][j], values[i + 1][j + 1], values[i][j + 1]};
                    double[][] corner = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}};
                    double[][] crossings = new double[4][];
                    int found = 0;
                    for (int e = 0; e < 4; e++) {
                        double a = v[e] - level;
                        double b = v[(e + 1) % 4] - level;
                        if ((a < 0) != (b < 0)) {
                            double t = a / (a - b);
                            double[] p = corner[e];
                            double[] q = corner[(e + 1) % 4];
                            crossings[found++] = new double[] {min + (p[0] + t * (q[0] - p[0])) * step,
                                min + (p[1] + t * (q[1] - p[1])) * step};
                        }
                    }
                    for (int k = 0; k + 1 < found; k += 2) {       // 2 crossings, or 4 at a saddle: pair them in order
                        clipped.draw(new Line2D.Double(frame.px(crossings[k][0]), frame.py(crossings[k][1]),
                                frame.px(crossings[k + 1][0]), frame.py(crossings[k + 1][1])));
                    }
                }
            }
            clipped.dispose();
        };
    }

    /** A vertical colour bar for {@link #blueWhiteOrange} to the right of the plot area, labelled 0 to 1. */
    public static BiConsumer<Graphics2D, Plot.Frame> colourBar(String label) {
        return (g, frame) -> {
            Rectangle area = frame.area();
            int x = area.x + area.width + 18;
            int height = area.height;
            for (int row = 0; row < height; row++) {
                g.setColor(blueWhiteOrange(1 - row / (double) (height - 1)));
                g.fillRect(x, area.y + row, 16, 1);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(x, area.y, 16, height);
            g.setFont(Plot.LABEL_FONT);
            FontMetrics metrics = g.getFontMetrics();
            for (double tick : new double[] {0, 0.25, 0.5, 0.75, 1}) {
                int y = (int) Math.round(area.y + (1 - tick) * height);
                g.drawLine(x + 16, y, x + 20, y);
                g.drawString(Plot.number(tick, 2), x + 23, y + metrics.getAscent() / 2 - 1);
            }
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(Math.PI / 2);
            Plot.centre(rotated, label, area.y + height / 2.0, -(x + 62));
            rotated.dispose();
        };
    }

    /**
     * A matrix as a grid of cells coloured by {@code |value| / largest |value|} (white to dark blue),
     * each cell showing its value with {@code decimals} decimals (or "0" when it is exactly 0).
     *
     * @param rowLabels one per row, drawn on the left
     * @param columnLabels one per column, drawn on top
     */
    public static BufferedImage matrix(String title, String subtitle, double[][] values, String[] rowLabels,
                                       String[] columnLabels, int decimals) {
        int rows = values.length;
        int columns = values[0].length;
        int cell = 72;
        int left = 90;
        int top = 92;
        int width = left + columns * cell + 30;
        int height = top + rows * cell + 30;
        double largest = 0;
        for (double[] row : values) {
            for (double value : row) {
                largest = Math.max(largest, Math.abs(value));
            }
        }
        BufferedImage image = Plot.canvas(width, height);
        Graphics2D g = Plot.graphics(image);
        g.setColor(Color.BLACK);
        g.setFont(Plot.TITLE_FONT);
        Plot.centre(g, title, width / 2.0, 24);
        g.setFont(Plot.LABEL_FONT);
        Plot.centre(g, subtitle, width / 2.0, 46);
        FontMetrics metrics = g.getFontMetrics();
        for (int c = 0; c < columns; c++) {
            Plot.centre(g, columnLabels[c], left + c * cell + cell / 2.0, top - 10);
        }
        for (int r = 0; r < rows; r++) {
            int y = top + r * cell;
            g.setColor(Color.BLACK);
            g.drawString(rowLabels[r], left - 10 - metrics.stringWidth(rowLabels[r]), y + cell / 2 + metrics.getAscent() / 2 - 1);
            for (int c = 0; c < columns; c++) {
                double share = largest == 0 ? 0 : Math.abs(values[r][c]) / largest;
                g.setColor(whiteToBlue(share));
                g.fillRect(left + c * cell, y, cell, cell);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(left + c * cell, y, cell, cell);
                g.setColor(share > 0.55 ? Color.WHITE : Color.BLACK);
                String text = values[r][c] == 0 ? "0" : String.format(java.util.Locale.ROOT, "%." + decimals + "f", values[r][c]);
                Plot.centre(g, text, left + c * cell + cell / 2.0, y + cell / 2.0 + metrics.getAscent() / 2.0 - 1);
            }
        }
        g.dispose();
        return image;
    }
}
