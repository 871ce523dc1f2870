package io.happy3.adapter.chart;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.review.WeekPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalDouble;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The digest's 8-week trend chart as a PNG: lines for the verified-resolution and follow-up rates
 * (left axis, percent) over bars for the median first response (right axis, minutes). A week with
 * nothing to measure leaves a gap. Stateless and thread-safe.
 */
public final class TrendChart {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 400;

    private static final String VERIFIED = "Verified resolution %";
    private static final String FOLLOW_UPS = "Follow-ups done %";
    private static final String FIRST_RESPONSE = "Median first response (min)";
    private static final Color GREEN = new Color(0x2E7D32);
    private static final Color BLUE = new Color(0x1565C0);
    private static final Color BAR = new Color(0xB0BEC5);

    private TrendChart() {
    }

    /** A {@value #WIDTH}×{@value #HEIGHT} PNG of {@code weeks} (oldest first). */
    public static byte[] render(List<WeekPoint> weeks) {
        return render(weeks, WIDTH, HEIGHT);
    }

    public static byte[] render(List<WeekPoint> weeks, int width, int height) {
        requireNonNull(weeks, "weeks == null");
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart too small: " + width + "x" + height);
        }
        // Servers have no display; without this AWT may try to reach one.
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = chart(weeks);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(png, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the trend chart failed", e);
        }
        return png.toByteArray();
    }

    private static JFreeChart chart(List<WeekPoint> weeks) {
        DefaultCategoryDataset rates = new DefaultCategoryDataset();
        DefaultCategoryDataset minutes = new DefaultCategoryDataset();
        for (WeekPoint week : weeks) {
            String label = shortLabel(week.label());
            rates.addValue(percent(week.verifiedResolution()), VERIFIED, label);
            rates.addValue(percent(week.followUps()), FOLLOW_UPS, label);
            minutes.addValue(week.medianFirstResponse().map(d -> d.toSeconds() / 60.0).orElse(null), FIRST_RESPONSE,
                    label);
        }
        Font labels = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        return finish(new JFreeChart(null, labels, plot(rates, minutes, labels), true), weeks, labels);
    }

    /** Rates as lines on the left axis, first-response minutes as bars on the right one. */
    private static CategoryPlot plot(DefaultCategoryDataset rates, DefaultCategoryDataset minutes, Font labels) {
        CategoryAxis weekAxis = new CategoryAxis();
        weekAxis.setTickLabelFont(labels);
        weekAxis.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        weekAxis.setCategoryMargin(0.25);
        NumberAxis percentAxis = new NumberAxis("Rate (%)");
        percentAxis.setRange(0, 100);
        percentAxis.setTickLabelFont(labels);
        percentAxis.setLabelFont(labels);
        NumberAxis minutesAxis = new NumberAxis("First response (min)");
        minutesAxis.setAutoRangeIncludesZero(true);
        minutesAxis.setTickLabelFont(labels);
        minutesAxis.setLabelFont(labels);
        LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
        lines.setSeriesPaint(0, GREEN);
        lines.setSeriesPaint(1, BLUE);
        lines.setSeriesStroke(0, new BasicStroke(3f));
        lines.setSeriesStroke(1, new BasicStroke(3f));
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, BAR);
        bars.setMaximumBarWidth(0.08);
        CategoryPlot plot = new CategoryPlot(rates, weekAxis, percentAxis, lines);
        plot.setDataset(1, minutes);
        plot.setRangeAxis(1, minutesAxis);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, bars);
        // Bars behind the lines.
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xE0E0E0));
        plot.setOutlineVisible(false);
        plot.setInsets(new RectangleInsets(8, 8, 8, 8));
        return plot;
    }

    private static JFreeChart finish(JFreeChart chart, List<WeekPoint> weeks, Font labels) {
        chart.setTitle(new TextTitle("Happy 3 — " + weeks.size() + "-week trend",
                new Font(Font.SANS_SERIF, Font.BOLD, 18)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(labels);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        return chart;
    }

    /** {@code 2026-W47} becomes {@code W47}: eight full labels do not fit under the bars. */
    private static String shortLabel(String label) {
        int week = label.indexOf('W');
        return week > 0 ? label.substring(week) : label;
    }

    private static Double percent(OptionalDouble share) {
        return share.isPresent() ? Math.round(share.getAsDouble() * 1000) / 10.0 : null;
    }
}
