package io.happy3.testing;

import io.happy3.domain.time.ManualClock;
import java.time.Instant;

/** A clock tests move by hand: the main code's {@link ManualClock}, under the name the tests know. */
public final class MutableClock extends ManualClock {
    public MutableClock(Instant start) {
        super(start);
    }
}
