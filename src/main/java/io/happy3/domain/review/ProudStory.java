package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import java.util.List;
import java.util.Optional;

/**
 * What the team can be proud of about one issue (or one nomination with no issue), told as one sentence
 * that names the people and the outcome: every nomination of that issue merged into one entry, and an
 * agent's own {@code /proud} words kept as written. Built by {@link ProudStories}.
 */
public record ProudStory(Optional<IssueId> issueId, Optional<UserRef> who, String text, Optional<String> link,
                         List<ProudMoment> moments) {
    public ProudStory {
        requireNonNull(issueId, "issueId == null");
        requireNonNull(who, "who == null");
        requireNonNull(text, "text == null");
        requireNonNull(link, "link == null");
        moments = List.copyOf(moments);
        if (moments.isEmpty()) {
            throw new IllegalArgumentException("a proud story needs at least one moment");
        }
    }

    /** True when a lead accepted any of its nominations (and so it belongs in the digest). */
    public boolean accepted() {
        return moments.stream().anyMatch(moment -> moment.decision() == ProudMoment.Decision.ACCEPTED);
    }

    /** True while none of its nominations has been decided (so it waits for a lead in {@code /review}). */
    public boolean undecided() {
        return moments.stream().allMatch(moment -> moment.decision() == ProudMoment.Decision.NOMINATED);
    }

    /** True when a person nominated it ({@code /proud}, ⭐, the weekly prompt), not only the bot. */
    public boolean byPeople() {
        return moments.stream().anyMatch(moment -> moment.source() == ProudMoment.Source.PROUD_COMMAND
                || moment.source() == ProudMoment.Source.STAR_REACTION
                || moment.source() == ProudMoment.Source.WEEKLY_PROMPT);
    }

    /** The lead's notes on its nominations, in order. */
    public List<String> notes() {
        return moments.stream().flatMap(moment -> moment.note().stream()).map(String::strip).distinct().toList();
    }
}
