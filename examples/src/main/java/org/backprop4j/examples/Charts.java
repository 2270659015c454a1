package org.backprop4j.examples;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.backprop4j.core.Sequential;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples' pictures, drawn with XChart and written as PNG files: per-epoch curves (loss,
 * accuracy) and the decision boundary of a 2-input classifier. Runs headless (no window, no
 * display needed).
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Width of one chart in pixels. */
    public static final int WIDTH = 800;
    /** Height of one chart in pixels. */
    public static final int HEIGHT = 500;

    private static final Color REGION_ONE = new Color(255, 214, 170);
    private static final Color REGION_ZERO = new Color(184, 214, 255);
    private static final Color POINT_ONE = new Color(214, 96, 0);
    private static final Color POINT_ZERO = new Color(0, 84, 190);

    private Charts() {
    }

    /**
     * A line chart with one line per entry of {@code series}, each value plotted against its epoch
     * (1, 2, ...), e.g. {@code Map.of("loss", history.get("loss"))}.
     *
     * @param logarithmic whether the y axis is logarithmic (good for losses that fall by decades)
     */
    public static XYChart epochChart(String title, String yTitle, Map<String, List<Double>> series, boolean logarithmic) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setMarkerSize(0);
        boolean falling = true;
        int longest = 1;
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
            chart.addSeries(entry.getKey(), epochs, ys).setMarker(SeriesMarkers.NONE);
            falling &= values.get(values.size() - 1) <= values.get(0);
            longest = Math.max(longest, values.size());
        }
        chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) longest);
        // keep the legend out of the curves' way: top right for falling curves, bottom right for rising ones
        chart.getStyler().setLegendPosition(falling ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideSE);
        return chart;
    }

    /**
     * The decision boundary of a model with 2 inputs and 1 sigmoid output over the square
     * [0, 1] x [0, 1]: a {@code grid x grid} lattice coloured by the rounded prediction (orange
     * where the model says 1, blue where it says 0), with the training points on top.
     *
     * @param points training inputs {@code (n, 2)}
     * @param labels their 0/1 targets, length n
     * @param grid lattice points per side, at least 2
     */
    public static XYChart decisionBoundary(String title, Sequential model, double[][] points, double[] labels, int grid) {
        if (grid < 2) {
            throw new IllegalArgumentException("grid must be at least 2, got " + grid);
        }
        double[][] lattice = new double[grid * grid][2];
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                lattice[i * grid + j][0] = i / (grid - 1.0);
                lattice[i * grid + j][1] = j / (grid - 1.0);
            }
        }
        INDArray predictions = model.predict(Nd4j.create(lattice));
        List<Double> oneX = new ArrayList<>();
        List<Double> oneY = new ArrayList<>();
        List<Double> zeroX = new ArrayList<>();
        List<Double> zeroY = new ArrayList<>();
        for (int k = 0; k < lattice.length; k++) {
            boolean one = predictions.getDouble(k, 0) >= 0.5;
            (one ? oneX : zeroX).add(lattice[k][0]);
            (one ? oneY : zeroY).add(lattice[k][1]);
        }

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        // squares a little wider than the lattice spacing of the ~560 pixel wide plot area, so they tile it
        chart.getStyler().setMarkerSize((int) Math.ceil((WIDTH - 240) / 1.1 / (grid - 1)) + 2);
        chart.getStyler().setXAxisMin(-0.05).setXAxisMax(1.05).setYAxisMin(-0.05).setYAxisMax(1.05);
        chart.getStyler().setPlotGridLinesVisible(false);
        addPoints(chart, "predicts 1", oneX, oneY, REGION_ONE);
        addPoints(chart, "predicts 0", zeroX, zeroY, REGION_ZERO);
        for (int target = 1; target >= 0; target--) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int n = 0; n < points.length; n++) {
                if (Math.round(labels[n]) == target) {
                    xs.add(points[n][0]);
                    ys.add(points[n][1]);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries("target " + target, xs, ys);
                series.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(target == 1 ? POINT_ONE : POINT_ZERO);
            }
        }
        return chart;
    }

    private static void addPoints(XYChart chart, String name, List<Double> xs, List<Double> ys, Color color) {
        if (!xs.isEmpty()) {
            chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.SQUARE).setMarkerColor(color);
        }
    }

    /**
     * Writes {@code chart} to {@code file} as a PNG of the chart's size, creating missing folders.
     *
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path savePng(XYChart chart, Path file) throws IOException {
        createParent(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }

    /**
     * Writes several charts side by side (one row) into one PNG of {@code charts.size() * WIDTH} by
     * {@code HEIGHT} pixels.
     *
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path savePng(List<XYChart> charts, Path file) throws IOException {
        createParent(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
