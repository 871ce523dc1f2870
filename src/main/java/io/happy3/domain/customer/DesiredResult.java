package io.happy3.domain.customer;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The business result the customer of one issue is after ("the nightly export in finance by 8:00"), and by when.
 * {@link Status#SUGGESTED} is a customer's own sentence that seemed to state it, offered to the agent and not yet
 * taken; {@link Status#RECORDED} is what an agent recorded, which the confirm and follow-up nudges ask against.
 */
public record DesiredResult(IssueId issueId, String tenant, String text, Optional<LocalDate> by, Status status,
                            Optional<UserRef> recordedBy, Instant at) {
    public static final int MAX_LENGTH = 300;

    public enum Status { SUGGESTED, RECORDED }

    public DesiredResult {
        requireNonNull(issueId, "issueId == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(text, "text == null");
        requireNonNull(by, "by == null");
        requireNonNull(status, "status == null");
        requireNonNull(recordedBy, "recordedBy == null");
        requireNonNull(at, "at == null");
        text = text.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a desired result has 1 to " + MAX_LENGTH + " characters, got "
                    + text.length());
        }
    }

    public static DesiredResult recorded(IssueId issueId, String tenant, String text, Optional<LocalDate> by,
                                         UserRef agent, Instant at) {
        return new DesiredResult(issueId, tenant, text, by, Status.RECORDED, Optional.of(agent), at);
    }

    public static DesiredResult suggested(IssueId issueId, String tenant, String sentence, Instant at) {
        return new DesiredResult(issueId, tenant, sentence, Optional.empty(), Status.SUGGESTED, Optional.empty(), at);
    }

    public boolean recorded() {
        return status == Status.RECORDED;
    }
}
