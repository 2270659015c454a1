package org.backprop4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

import javax.imageio.ImageIO;

/**
 * A small x-y plot drawn with Java2D: axes with round tick values (linear, or logarithmic with 1-2-5
 * ticks), grid lines, lines and points, a legend, and hooks to paint under or over the data (the
 * heat maps use them). The examples' PNG pictures are made of these.
 *
 * <pre>{@code
 * BufferedImage image = new Plot("XOR: training loss", "epoch", "loss").logY()
 *         .line("loss", epochs, losses, Plot.BLUE).render(Plot.WIDTH, Plot.HEIGHT);
 * Plot.save(image, Path.of("plots/xor-loss.png"));
 * }</pre>
 */
public final class Plot {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Default width of one picture, in pixels. */
    public static final int WIDTH = 800;
    /** Default height of one picture, in pixels. */
    public static final int HEIGHT = 500;

    /** Colours of the series, in the order the examples use them. */
    public static final Color BLUE = new Color(31, 90, 200);
    public static final Color ORANGE = new Color(230, 120, 20);
    public static final Color GREEN = new Color(40, 150, 60);
    public static final Color RED = new Color(200, 40, 40);
    public static final Color GREY = new Color(120, 120, 120);

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /**
     * Where the data lands on the picture: the plot area and the two axes.
     *
     * @param area the plot area in pixels
     * @param x the horizontal axis
     * @param y the vertical axis
     */
    public record Frame(Rectangle area, Axis x, Axis y) {

        /** The pixel column of {@code value} on the x axis. */
        public double px(double value) {
            return area.x + x.fraction(value) * area.width;
        }

        /** The pixel row of {@code value} on the y axis (larger values higher up). */
        public double py(double value) {
            return area.y + (1 - y.fraction(value)) * area.height;
        }
    }

    /** A named line or set of points. */
    private record Series(String name, double[] xs, double[] ys, Color color, boolean points, float width,
                          boolean dashed) {
    }

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final List<Series> series = new ArrayList<>();
    private final List<BiConsumer<Graphics2D, Frame>> underlays = new ArrayList<>();
    private final List<BiConsumer<Graphics2D, Frame>> overlays = new ArrayList<>();
    private Double xMin;
    private Double xMax;
    private Double yMin;
    private Double yMax;
    private boolean logY;
    private boolean legendBelow;
    private boolean legendOutside;
    private int rightMargin = 20;

    public Plot(String title, String xTitle, String yTitle) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    /** Fixes the x range (otherwise: the data's). */
    public Plot xRange(double min, double max) {
        xMin = min;
        xMax = max;
        return this;
    }

    /** Fixes the y range (otherwise: the data's). */
    public Plot yRange(double min, double max) {
        yMin = min;
        yMax = max;
        return this;
    }

    /** A logarithmic y axis (every y value must be positive). */
    public Plot logY() {
        logY = true;
        return this;
    }

    /** Puts the legend in the lower right corner instead of the upper right (for rising curves). */
    public Plot legendBelow() {
        return legendBelow(true);
    }

    /** Puts the legend in the lower (true) or upper (false) right corner. */
    public Plot legendBelow(boolean below) {
        legendBelow = below;
        return this;
    }

    /**
     * Puts the legend to the right of the plot area, where it cannot cover data; leave room for it
     * with {@link #rightMargin(int)}.
     */
    public Plot legendOutside() {
        legendOutside = true;
        return this;
    }

    /** Room on the right of the plot area, e.g. for a colour bar (pixels). */
    public Plot rightMargin(int pixels) {
        rightMargin = pixels;
        return this;
    }

    /** A line through the points {@code (xs[i], ys[i])}; NaN values break it. */
    public Plot line(String name, double[] xs, double[] ys, Color color) {
        return add(new Series(name, xs, ys, color, false, 2f, false));
    }

    /** A dashed line, e.g. a boundary drawn over a heat map. */
    public Plot dashedLine(String name, double[] xs, double[] ys, Color color) {
        return add(new Series(name, xs, ys, color, false, 2.5f, true));
    }

    /** Filled circles at {@code (xs[i], ys[i])}. */
    public Plot points(String name, double[] xs, double[] ys, Color color) {
        return add(new Series(name, xs, ys, color, true, 0f, false));
    }

    private Plot add(Series added) {
        if (added.xs().length != added.ys().length || added.xs().length == 0) {
            throw new IllegalArgumentException("Series '" + added.name() + "' of plot '" + title + "' needs as many x as y "
                    + "values, at least one; got " + added.xs().length + " and " + added.ys().length);
        }
        series.add(added);
        return this;
    }

    /** Paints under the grid and the data, e.g. a heat map filling the plot area. */
    public Plot underlay(BiConsumer<Graphics2D, Frame> painter) {
        underlays.add(painter);
        return this;
    }

    /** Paints over the data, e.g. a contour or a colour bar. */
    public Plot overlay(BiConsumer<Graphics2D, Frame> painter) {
        overlays.add(painter);
        return this;
    }

    /** Draws the plot on a new white image of the given size. */
    public BufferedImage render(int width, int height) {
        BufferedImage image = canvas(width, height);
        Graphics2D g = graphics(image);
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        centre(g, title, width / 2.0, 24);
        Rectangle area = new Rectangle(78, 40, width - 78 - rightMargin, height - 40 - 58);
        Frame frame = new Frame(area, axis(true), axis(false));
        for (BiConsumer<Graphics2D, Frame> painter : underlays) {
            painter.accept(g, frame);
        }
        drawAxes(g, frame);
        Graphics2D clipped = (Graphics2D) g.create();
        clipped.clip(area);
        for (Series s : series) {
            drawSeries(clipped, frame, s);
        }
        clipped.dispose();
        for (BiConsumer<Graphics2D, Frame> painter : overlays) {
            painter.accept(g, frame);
        }
        drawLegend(g, frame);
        g.dispose();
        return image;
    }

    private Axis axis(boolean horizontal) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : horizontal ? s.xs() : s.ys()) {
                if (Double.isFinite(v) && (horizontal || !logY || v > 0)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        Double fixedMin = horizontal ? xMin : yMin;
        Double fixedMax = horizontal ? xMax : yMax;
        min = fixedMin != null ? fixedMin : min;
        max = fixedMax != null ? fixedMax : max;
        if (!(min <= max)) {
            throw new IllegalStateException("Plot '" + title + "' has no finite data to scale its axes");
        }
        boolean log = !horizontal && logY;
        return fixedMin != null && fixedMax != null ? new Axis(min, max, log) : Axis.around(min, max, log);
    }

    private void drawAxes(Graphics2D g, Frame frame) {
        Rectangle area = frame.area();
        g.setFont(LABEL_FONT);
        FontMetrics metrics = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (Axis.Tick tick : frame.x().ticks()) {
            int px = (int) Math.round(frame.px(tick.value()));
            g.setColor(new Color(225, 225, 225, underlays.isEmpty() ? 255 : 90));
            g.drawLine(px, area.y, px, area.y + area.height);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(px, area.y + area.height, px, area.y + area.height + 4);
            centre(g, tick.label(), px, area.y + area.height + 6 + metrics.getAscent());
        }
        for (Axis.Tick tick : frame.y().ticks()) {
            int py = (int) Math.round(frame.py(tick.value()));
            g.setColor(new Color(225, 225, 225, underlays.isEmpty() ? 255 : 90));
            g.drawLine(area.x, py, area.x + area.width, py);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(area.x - 4, py, area.x, py);
            g.drawString(tick.label(), area.x - 7 - metrics.stringWidth(tick.label()), py + metrics.getAscent() / 2 - 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(area.x, area.y, area.width, area.height);
        centre(g, xTitle, area.x + area.width / 2.0, area.y + area.height + 44);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        centre(rotated, yTitle, -(area.y + area.height / 2.0), 18);
        rotated.dispose();
    }

    private static void drawSeries(Graphics2D g, Frame frame, Series s) {
        g.setColor(s.color());
        if (s.points()) {
            for (int i = 0; i < s.xs().length; i++) {
                double px = frame.px(s.xs()[i]);
                double py = frame.py(s.ys()[i]);
                g.fill(new Ellipse2D.Double(px - 6, py - 6, 12, 12));
                g.setColor(Color.DARK_GRAY);
                g.setStroke(new BasicStroke(1.5f));
                g.draw(new Ellipse2D.Double(px - 6, py - 6, 12, 12));
                g.setColor(s.color());
            }
            return;
        }
        g.setStroke(stroke(s));
        Path2D.Double path = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < s.xs().length; i++) {
            double x = s.xs()[i];
            double y = s.ys()[i];
            if (!Double.isFinite(x) || !Double.isFinite(y) || (frame.y().log() && y <= 0)) {
                pen = false;
                continue;
            }
            if (pen) {
                path.lineTo(frame.px(x), frame.py(y));
            } else {
                path.moveTo(frame.px(x), frame.py(y));
                pen = true;
            }
        }
        g.draw(path);
    }

    private void drawLegend(Graphics2D g, Frame frame) {
        List<Series> named = series.stream().filter(s -> s.name() != null).toList();
        if (named.isEmpty()) {
            return;
        }
        g.setFont(LABEL_FONT);
        FontMetrics metrics = g.getFontMetrics();
        int width = named.stream().mapToInt(s -> metrics.stringWidth(s.name())).max().orElse(0) + 44;
        int height = named.size() * 18 + 8;
        int x = legendOutside ? frame.area().x + frame.area().width + 10 : frame.area().x + frame.area().width - width - 8;
        int y = legendBelow && !legendOutside ? frame.area().y + frame.area().height - height - 8 : frame.area().y + 8;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(x, y, width, height);
        g.setColor(Color.GRAY);
        g.drawRect(x, y, width, height);
        for (int i = 0; i < named.size(); i++) {
            Series s = named.get(i);
            int row = y + 16 + i * 18;
            g.setColor(s.color());
            if (s.points()) {
                g.fill(new Ellipse2D.Double(x + 12, row - 9, 10, 10));
                g.setColor(Color.DARK_GRAY);
                g.setStroke(new BasicStroke(1.5f));
                g.draw(new Ellipse2D.Double(x + 12, row - 9, 10, 10));
            } else {
                g.setStroke(stroke(s));
                g.drawLine(x + 6, row - 4, x + 28, row - 4);
            }
            g.setColor(Color.BLACK);
            g.drawString(s.name(), x + 36, row);
        }
    }

    private static BasicStroke stroke(Series s) {
        return s.dashed()
                ? new BasicStroke(s.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 6f}, 0f)
                : new BasicStroke(s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    // ---- shared drawing helpers -----------------------------------------------------------------

    /** A white image with antialiasing on. */
    static BufferedImage canvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Graphics with antialiased shapes and text. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** {@code text} centred horizontally on {@code x}, baseline at {@code y}. */
    static void centre(Graphics2D g, String text, double x, double y) {
        g.drawString(text, (float) (x - g.getFontMetrics().stringWidth(text) / 2.0), (float) y);
    }

    /** Number format for labels: up to {@code decimals} decimals, trailing zeros dropped, thousands grouped. */
    static String number(double value, int decimals) {
        String text = String.format(Locale.ROOT, "%,." + decimals + "f", value);
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text.equals("-0") ? "0" : text;
    }

    /**
     * Writes {@code image} as a PNG, creating missing folders.
     *
     * @return {@code file}
     * @throws IOException if it cannot be written
     */
    public static Path save(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("No PNG writer available for " + file);
        }
        return file;
    }

    /** The images in one row, top-aligned, on white. */
    public static BufferedImage sideBySide(List<BufferedImage> images) {
        int width = images.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage row = canvas(Math.max(width, 1), height);
        Graphics2D g = row.createGraphics();
        int x = 0;
        for (BufferedImage image : images) {
            g.drawImage(image, x, 0, null);
            x += image.getWidth();
        }
        g.dispose();
        return row;
    }
}
