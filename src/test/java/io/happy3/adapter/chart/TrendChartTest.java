package io.happy3.adapter.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.domain.review.ReviewPeriod;
import io.happy3.domain.review.WeekPoint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TrendChartTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Eight plausible weeks, one of them without a measured follow-up. */
    static List<WeekPoint> sampleWeeks() {
        double[] verified = {0.52, 0.58, 0.55, 0.63, 0.70, 0.68, 0.74, 0.81};
        double[] followUps = {0.40, 0.45, -1, 0.60, 0.66, 0.72, 0.70, 0.83};
        int[] firstResponse = {34, 29, 31, 22, 18, 19, 14, 11};
        List<WeekPoint> weeks = new ArrayList<>();
        List<ReviewPeriod> periods = ReviewPeriod.isoWeek("2026-W47", ZoneId.of("Europe/Berlin")).weeksEndingHere(8);
        for (int i = 0; i < 8; i++) {
            weeks.add(new WeekPoint(periods.get(i).label(), OptionalDouble.of(verified[i]),
                    followUps[i] < 0 ? OptionalDouble.empty() : OptionalDouble.of(followUps[i]),
                    Optional.of(Duration.ofMinutes(firstResponse[i]))));
        }
        return weeks;
    }

    @Test
    void render_eightWeeks_realPngOfTheExpectedSize() throws IOException {
        byte[] png = TrendChart.render(sampleWeeks());

        assertThat(png).startsWith(PNG_MAGIC);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
        writeDocsImage(png);
    }

    @Test
    void render_verifiedRateRising_greenLineClimbsLeftToRightAndFallingDataDescends() throws IOException {
        List<WeekPoint> rising = sampleWeeks();
        List<WeekPoint> falling = new ArrayList<>();
        for (int i = 0; i < rising.size(); i++) {
            WeekPoint week = rising.get(i);
            falling.add(new WeekPoint(week.label(), rising.get(rising.size() - 1 - i).verifiedResolution(),
                    week.followUps(), week.medianFirstResponse()));
        }
        BufferedImage up = ImageIO.read(new ByteArrayInputStream(TrendChart.render(rising)));
        BufferedImage down = ImageIO.read(new ByteArrayInputStream(TrendChart.render(falling)));
        java.util.Set<java.awt.Point> greenUp = pixelsNear(up, VERIFIED_GREEN);
        java.util.Set<java.awt.Point> greenDown = pixelsNear(down, VERIFIED_GREEN);
        // What differs between the two pictures is the plotted line (the legend swatch is the same in both).
        java.util.Set<java.awt.Point> lineUp = new java.util.HashSet<>(greenUp);
        lineUp.removeAll(greenDown);
        java.util.Set<java.awt.Point> lineDown = new java.util.HashSet<>(greenDown);
        lineDown.removeAll(greenUp);

        assertThat(lineUp).as("green line pixels").hasSizeGreaterThan(300);
        assertThat(lineDown).hasSizeGreaterThan(300);
        int middle = up.getWidth() / 2;
        // Screen y grows downwards: a rising line sits lower (larger y) on the left.
        assertThat(meanY(lineUp, x -> x < middle) - meanY(lineUp, x -> x >= middle)).isGreaterThan(30);
        assertThat(meanY(lineDown, x -> x >= middle) - meanY(lineDown, x -> x < middle)).isGreaterThan(30);
        assertThat(pixelsNear(up, FOLLOW_UPS_BLUE)).as("the follow-up line is drawn too").hasSizeGreaterThan(300);
    }

    private static final java.awt.Color VERIFIED_GREEN = new java.awt.Color(0x2E7D32);
    private static final java.awt.Color FOLLOW_UPS_BLUE = new java.awt.Color(0x1565C0);

    private static java.util.Set<java.awt.Point> pixelsNear(BufferedImage image, java.awt.Color colour) {
        java.util.Set<java.awt.Point> found = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                java.awt.Color pixel = new java.awt.Color(image.getRGB(x, y));
                int distance = Math.abs(pixel.getRed() - colour.getRed()) + Math.abs(pixel.getGreen()
                        - colour.getGreen()) + Math.abs(pixel.getBlue() - colour.getBlue());
                if (distance < 40) {
                    found.add(new java.awt.Point(x, y));
                }
            }
        }
        return found;
    }

    private static double meanY(java.util.Set<java.awt.Point> points, java.util.function.IntPredicate column) {
        return points.stream().filter(point -> column.test(point.x)).mapToInt(point -> point.y).average()
                .orElseThrow();
    }

    @Test
    void render_weeksWithNothingMeasured_stillAPng() throws IOException {
        List<WeekPoint> empty = List.of(new WeekPoint("2026-W46", OptionalDouble.empty(), OptionalDouble.empty(),
                Optional.empty()), new WeekPoint("2026-W47", OptionalDouble.empty(), OptionalDouble.empty(),
                Optional.empty()));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(TrendChart.render(empty, 640, 320)));

        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(320);
    }

    @Test
    void render_tinySize_rejected() {
        assertThatThrownBy(() -> TrendChart.render(sampleWeeks(), 10, 10)).hasMessageContaining("10x10");
    }

    /** With -Dhappy3.docs=docs, writes the README's chart. */
    private static void writeDocsImage(byte[] png) throws IOException {
        String docs = System.getProperty("happy3.docs");
        if (docs != null) {
            Path file = Path.of(docs, "images", "digest-trend.png");
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        }
    }
}
