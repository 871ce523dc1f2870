package io.happy3.adapter.storage;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import java.time.Duration;
import java.time.Instant;

/** Sample values for storage tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C-SUPPORT");
    static final UserRef CUSTOMER = new UserRef(Platform.SLACK, "T1", "U-CUSTOMER");
    static final UserRef AGENT = new UserRef(Platform.SLACK, "T1", "U-AGENT");

    private Fixtures() {
    }

    static Issue issue(String rootMessageId, Instant openedAt) {
        return Issue.open(CHANNEL, rootMessageId, CUSTOMER, "default", openedAt);
    }

    static Nudge nudge(String key, Instant dueAt) {
        return Nudge.planned(key, IssueId.of(CHANNEL, "m1"), CHANNEL, "default", "first-response", AGENT, T0, dueAt,
                dueAt.plus(Duration.ofDays(1)), 0, T0);
    }
}
