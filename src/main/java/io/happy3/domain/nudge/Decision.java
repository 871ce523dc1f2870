package io.happy3.domain.nudge;

import java.time.Instant;

/** What to do with a due nudge at send time, after re-checking its guard, expiry, caps and quiet hours. */
public sealed interface Decision {
    record Send(boolean late) implements Decision {
    }

    record Cancel(String reason) implements Decision {
    }

    record Expire(String reason) implements Decision {
    }

    record Defer(Instant until, String reason) implements Decision {
    }
}
