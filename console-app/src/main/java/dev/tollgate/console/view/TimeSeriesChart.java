package dev.tollgate.console.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A line chart drawn on a canvas, for up to 900 points per series redrawn every second: a canvas
 * repaint costs far less than a {@code LineChart} with thousands of data nodes. The x axis is a
 * fixed window ending at the newest sample; a click reports the instant under the pointer.
 */
public final class TimeSeriesChart extends Region {

    /** One line: {@code times} and {@code values} have the same length, oldest first. */
    public record Series(String name, Color color, Instant[] times, double[] values) {}

    private static final double LEFT = 56;
    private static final double RIGHT = 24;
    private static final double TOP = 26;
    private static final double BOTTOM = 24;

    private final Canvas canvas = new Canvas();
    private final String unit;
    private final Duration window;
    private List<Series> series = List.of();
    private Instant end = Instant.EPOCH;
    private Instant marker;
    private Color textColor = Color.gray(0.35);
    private Color gridColor = Color.gray(0.85);
    private Consumer<Instant> onMomentClicked = moment -> { };

    public TimeSeriesChart(String unit, Duration window, String accessibleName) {
        this.unit = unit;
        this.window = window;
        getStyleClass().add("time-series-chart");
        getChildren().add(canvas);
        setAccessibleText(accessibleName);
        setMinHeight(160);
        setPrefHeight(240);
        canvas.setOnMouseClicked(event -> {
            double plotWidth = canvas.getWidth() - LEFT - RIGHT;
            if (event.getX() < LEFT || plotWidth <= 0) {
                return;
            }
            double fraction = Math.min(1, (event.getX() - LEFT) / plotWidth);
            Instant moment = end.minus(window).plusMillis((long) (fraction * window.toMillis()));
            marker = moment;
            redraw();
            onMomentClicked.accept(moment);
        });
    }

    public void setOnMomentClicked(Consumer<Instant> handler) {
        this.onMomentClicked = handler;
    }

    public void setColors(Color text, Color grid) {
        this.textColor = text;
        this.gridColor = grid;
        redraw();
    }

    public void setSeries(List<Series> newSeries) {
        this.series = List.copyOf(newSeries);
        Instant newest = Instant.EPOCH;
        for (Series line : series) {
            if (line.times().length > 0 && line.times()[line.times().length - 1].isAfter(newest)) {
                newest = line.times()[line.times().length - 1];
            }
        }
        this.end = newest.equals(Instant.EPOCH) ? Instant.now() : newest;
        redraw();
    }

    @Override
    protected void layoutChildren() {
        double width = snapSizeX(getWidth());
        double height = snapSizeY(getHeight());
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            redraw();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 600;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        g.clearRect(0, 0, width, height);
        double plotWidth = width - LEFT - RIGHT;
        double plotHeight = height - TOP - BOTTOM;
        if (plotWidth <= 10 || plotHeight <= 10) {
            return;
        }
        double max = niceMax(maxValue());
        drawGrid(g, plotWidth, plotHeight, max);
        Instant start = end.minus(window);
        for (Series line : series) {
            drawLine(g, line, start, plotWidth, plotHeight, max);
        }
        drawLegend(g);
        if (marker != null && !marker.isBefore(start)) {
            double x = LEFT + plotWidth * Duration.between(start, marker).toMillis() / window.toMillis();
            g.setStroke(textColor);
            g.setLineDashes(4, 4);
            g.strokeLine(x, TOP, x, TOP + plotHeight);
            g.setLineDashes();
        }
        if (series.stream().allMatch(line -> line.values().length == 0)) {
            g.setFill(textColor);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("Waiting for the live stream…", LEFT + plotWidth / 2, TOP + plotHeight / 2);
        }
    }

    private void drawGrid(GraphicsContext g, double plotWidth, double plotHeight, double max) {
        g.setFont(Font.font(11));
        g.setLineWidth(1);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotHeight - plotHeight * i / 4;
            g.setStroke(gridColor);
            g.strokeLine(LEFT, y, LEFT + plotWidth, y);
            g.setFill(textColor);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(formatValue(max * i / 4), LEFT - 6, y);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        long minutes = window.toMinutes();
        for (long m = 0; m <= minutes; m += Math.max(1, minutes / 5)) {
            double x = LEFT + plotWidth * (window.toMinutes() - m) / (double) minutes;
            g.setStroke(gridColor);
            g.strokeLine(x, TOP, x, TOP + plotHeight);
            g.setFill(textColor);
            g.fillText(m == 0 ? "now" : "−" + m + " min", x, TOP + plotHeight + 6);
        }
    }

    private void drawLine(GraphicsContext g, Series line, Instant start, double plotWidth, double plotHeight, double max) {
        g.setStroke(line.color());
        g.setLineWidth(1.6);
        g.beginPath();
        boolean started = false;
        for (int i = 0; i < line.values().length; i++) {
            if (line.times()[i].isBefore(start)) {
                continue;
            }
            double x = LEFT + plotWidth * Duration.between(start, line.times()[i]).toMillis() / window.toMillis();
            double y = TOP + plotHeight - plotHeight * Math.min(1, line.values()[i] / max);
            if (started) {
                g.lineTo(x, y);
            } else {
                g.moveTo(x, y);
                started = true;
            }
        }
        g.stroke();
    }

    private void drawLegend(GraphicsContext g) {
        double x = LEFT;
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        for (Series line : series) {
            g.setFill(line.color());
            g.fillRect(x, 9, 14, 4);
            g.setFill(textColor);
            String label = line.name() + (line.values().length == 0 ? "" : " " + formatValue(line.values()[line.values().length - 1]));
            g.fillText(label, x + 18, 11);
            x += 30 + label.length() * 7;
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(unit, canvas.getWidth() - RIGHT, 11);
    }

    private double maxValue() {
        double max = 0;
        for (Series line : series) {
            for (double value : line.values()) {
                max = Math.max(max, value);
            }
        }
        return max;
    }

    static double niceMax(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String formatValue(double value) {
        return value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Copies a subset of samples into arrays, for {@link Series}. */
    public static <S> Series series(String name, Color color, List<S> samples, java.util.function.Function<S, Instant> time,
            java.util.function.ToDoubleFunction<S> value) {
        List<Instant> times = new ArrayList<>(samples.size());
        double[] values = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            times.add(time.apply(samples.get(i)));
            values[i] = value.applyAsDouble(samples.get(i));
        }
        return new Series(name, color, times.toArray(Instant[]::new), values);
    }
}
