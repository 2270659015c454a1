package org.backprop4j.examples;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The examples' per-epoch charts (loss, accuracy, the training-health quantities), drawn with
 * {@link Plot} and written as PNG files. Runs headless (no window, no display needed).
 */
public final class Charts {

    /** Width of one chart in pixels. */
    public static final int WIDTH = Plot.WIDTH;
    /** Height of one chart in pixels. */
    public static final int HEIGHT = Plot.HEIGHT;

    /** The colours of the series of one chart, in order. */
    static final List<Color> COLOURS = List.of(Plot.BLUE, Plot.ORANGE, Plot.GREEN, Plot.RED, Plot.GREY);

    private Charts() {
    }

    /**
     * A line chart with one line per entry of {@code series} (in the map's order), each value plotted
     * against its epoch (1, 2, ...), e.g. {@code Map.of("loss", history.get("loss"))}. The epoch axis
     * runs from 0 to the last epoch with round ticks.
     *
     * @param logarithmic whether the y axis is logarithmic (good for losses that fall by decades)
     * @throws IllegalArgumentException if a series is empty
     */
    public static Plot epochChart(String title, String yTitle, Map<String, List<Double>> series, boolean logarithmic) {
        Plot plot = new Plot(title, "epoch", yTitle);
        if (logarithmic) {
            plot.logY();
        }
        int longest = 1;
        int index = 0;
        boolean falling = true;
        for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
            List<Double> values = entry.getValue();
            if (values.isEmpty()) {
                throw new IllegalArgumentException("Series '" + entry.getKey() + "' of chart '" + title + "' has no values");
            }
            double[] epochs = new double[values.size()];
            double[] ys = new double[values.size()];
            for (int i = 0; i < ys.length; i++) {
                epochs[i] = i + 1;
                ys[i] = values.get(i);
            }
            Color colour = COLOURS.get(index++ % COLOURS.size());
            if (values.size() == 1) {
                plot.points(entry.getKey(), epochs, ys, colour);
            } else {
                plot.line(entry.getKey(), epochs, ys, colour);
            }
            longest = Math.max(longest, values.size());
            falling &= values.get(values.size() - 1) <= values.get(0);
        }
        if (!falling) {
            plot.legendBelow();                         // keep the legend out of rising curves' way
        }
        return plot.xRange(0, longest);
    }

    /**
     * Writes {@code plot} as a PNG of {@link #WIDTH} by {@link #HEIGHT} pixels, creating missing folders.
     *
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path savePng(Plot plot, Path file) throws IOException {
        return Plot.save(plot.render(WIDTH, HEIGHT), file);
    }

    /**
     * Writes several charts side by side (one row) into one PNG of {@code plots.size() * WIDTH} by
     * {@code HEIGHT} pixels.
     *
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path savePng(List<Plot> plots, Path file) throws IOException {
        List<java.awt.image.BufferedImage> images = new ArrayList<>();
        for (Plot plot : plots) {
            images.add(plot.render(WIDTH, HEIGHT));
        }
        return Plot.save(Plot.sideBySide(images), file);
    }
}
