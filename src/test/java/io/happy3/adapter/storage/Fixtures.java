package io.happy3.adapter.storage;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.StepId;
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
        return Issue.open(new MessageRef(CHANNEL, rootMessageId), CUSTOMER, PlaybookId.DEFAULT, openedAt);
    }

    /** A pending first-response nudge to {@link #AGENT} about the issue opened by message {@code rootMessageId}. */
    static Nudge nudge(String rootMessageId, Instant dueAt) {
        NudgeKey key = new NudgeKey(IssueId.of(new MessageRef(CHANNEL, rootMessageId)), new StepId("first-response"), 0, 0, AGENT);
        return Nudge.planned(key, CHANNEL, PlaybookId.DEFAULT, T0, dueAt, dueAt.plus(Duration.ofDays(1)), T0);
    }
}
