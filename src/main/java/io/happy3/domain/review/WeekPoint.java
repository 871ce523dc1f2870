package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One week of the digest's trend chart: the three headline numbers, each empty when the week had
 * nothing to measure. Rates are shares between 0 and 1.
 */
public record WeekPoint(String label, OptionalDouble verifiedResolution, OptionalDouble followUps,
                        Optional<Duration> medianFirstResponse) {
    public WeekPoint {
        requireNonNull(label, "label == null");
        requireNonNull(verifiedResolution, "verifiedResolution == null");
        requireNonNull(followUps, "followUps == null");
        requireNonNull(medianFirstResponse, "medianFirstResponse == null");
    }

    public static WeekPoint of(Scorecard scorecard) {
        return new WeekPoint(scorecard.period().label(), scorecard.result().verifiedResolution().value(),
                scorecard.after().followUps().value(), scorecard.interaction().medianFirstResponse());
    }
}
