package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import java.time.Instant;
import java.util.Optional;

/**
 * Something the team is proud of: nominated by a person ({@code /proud}, ⭐, the weekly prompt) or by
 * the bot (customer gratitude, a long issue confirmed, a follow-up that caught a regression, a promise
 * kept, a proactive check-in that caught a regression or brought a thank-you). Leads accept or reject it in {@code /review}; the digest shows the accepted ones.
 * {@code text} is the nominator's own words or the bot's summary, never a customer's message.
 */
public record ProudMoment(String id, String tenant, Optional<ChannelRef> channel, Optional<IssueId> issueId,
                          Optional<UserRef> about, Optional<UserRef> nominatedBy, Source source, String text,
                          Optional<String> link, Instant at, Decision decision, Optional<String> note) {
    /** Where a nomination came from. */
    public enum Source {
        PROUD_COMMAND, STAR_REACTION, WEEKLY_PROMPT, CUSTOMER_GRATITUDE, LONG_ISSUE_CONFIRMED, REGRESSION_CAUGHT,
        PROMISE_KEPT, CHECK_IN
    }

    /** A lead's decision; NOMINATED until someone decides. */
    public enum Decision {
        NOMINATED, ACCEPTED, REJECTED
    }

    public ProudMoment {
        requireNonNull(id, "id == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(channel, "channel == null");
        requireNonNull(issueId, "issueId == null");
        requireNonNull(about, "about == null");
        requireNonNull(nominatedBy, "nominatedBy == null");
        requireNonNull(source, "source == null");
        requireNonNull(text, "text == null");
        requireNonNull(link, "link == null");
        requireNonNull(at, "at == null");
        requireNonNull(decision, "decision == null");
        requireNonNull(note, "note == null");
    }

    public ProudMoment decided(Decision newDecision, Optional<String> newNote) {
        return new ProudMoment(id, tenant, channel, issueId, about, nominatedBy, source, text, link, at, newDecision,
                newNote.isPresent() ? newNote : note);
    }
}
