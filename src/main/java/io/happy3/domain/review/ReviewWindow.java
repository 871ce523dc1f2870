package io.happy3.domain.review;

import java.time.Instant;

/** The part of a review period the numbers look at: [start, cutoff), cutoff being the period end or "now". */
record ReviewWindow(Instant start, Instant cutoff) {
    static ReviewWindow of(ReviewPeriod period, Instant asOf) {
        Instant end = period.end();
        Instant cutoff = asOf.isBefore(end) ? asOf : end;
        return new ReviewWindow(period.start(), cutoff.isBefore(period.start()) ? period.start() : cutoff);
    }

    boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(cutoff);
    }

    /** True when {@code at} is known by the cutoff. */
    boolean known(Instant at) {
        return at.isBefore(cutoff);
    }
}
