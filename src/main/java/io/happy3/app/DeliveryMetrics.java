package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.Issue;
import io.happy3.domain.nudge.DeliveryOutcome;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeMessage;
import java.time.Duration;
import java.util.Locale;

/**
 * Reports what the scheduler did to {@link Telemetry}: one count per nudge sent, the lag between a nudge
 * falling due and its sending, and one count per other outcome (cancelled, expired, failed…) by status.
 */
final class DeliveryMetrics implements DeliverDueNudges.DeliveryListener {
    private final Telemetry telemetry;

    DeliveryMetrics(Telemetry telemetry) {
        this.telemetry = requireNonNull(telemetry, "telemetry == null");
    }

    @Override
    public void delivered(NudgeMessage message, Issue issue) {
        telemetry.nudge("sent");
    }

    @Override
    public void settled(Nudge nudge, DeliveryOutcome outcome) {
        if (outcome.kind().sent()) {
            nudge.sentAt().ifPresent(sentAt -> telemetry.schedulerLag(
                    Math.max(0, Duration.between(nudge.dueAt(), sentAt).toMillis())));
        } else {
            telemetry.nudge(nudge.status().name().toLowerCase(Locale.ROOT));
        }
    }
}
