package io.happy3.domain.review;

import java.util.List;

/** Port: draws the digest's trend chart as a PNG image. */
@FunctionalInterface
public interface TrendChartRenderer {
    byte[] render(List<WeekPoint> weeks);
}
