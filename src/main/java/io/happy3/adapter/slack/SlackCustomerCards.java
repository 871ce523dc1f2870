package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.customer.CustomerNoteStore;
import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.issue.Issue;
import java.util.List;
import java.util.Optional;

/**
 * What the App Home's customer card says about an open issue's customer: the result they need (recorded, or
 * the suggestion taken from their own words) and the latest notes agents keep on them. Reads two per-issue
 * queries; thread-safe.
 */
final class SlackCustomerCards {
    static final int NOTES_SHOWN = 2;
    /** Before the stores are wired (and in tests that need no cards): the customer only. */
    static final SlackCustomerCards NONE = new SlackCustomerCards(null, null);

    private final CustomerNoteStore notes;
    private final DesiredResultStore results;

    SlackCustomerCards(CustomerNoteStore notes, DesiredResultStore results) {
        this.notes = notes;
        this.results = results;
    }

    /** One issue's card. */
    record Card(Issue issue, Optional<DesiredResult> result, List<CustomerNote> notes) {
        Card {
            requireNonNull(issue, "issue == null");
            requireNonNull(result, "result == null");
            notes = List.copyOf(notes);
        }
    }

    Card of(Issue issue) {
        Optional<DesiredResult> result = results == null ? Optional.empty() : results.find(issue.id());
        List<CustomerNote> latest = notes == null ? List.of()
                : notes.findAbout(issue.channel().tenant(), issue.customer()).stream().limit(NOTES_SHOWN).toList();
        return new Card(issue, result, latest);
    }
}
