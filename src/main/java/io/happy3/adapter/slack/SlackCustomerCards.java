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

    /** The cards of several issues, with two queries for all of them (the App Home's open issues). */
    List<Card> of(List<Issue> issues) {
        if (issues.isEmpty()) {
            return List.of();
        }
        java.util.Map<io.happy3.domain.issue.IssueId, DesiredResult> found = results == null ? java.util.Map.of()
                : results.findAll(issues.stream().map(Issue::id).toList());
        java.util.Map<String, java.util.Map<io.happy3.domain.chat.UserRef, List<CustomerNote>>> byTenant =
                new java.util.HashMap<>();
        if (notes != null) {
            issues.stream().collect(java.util.stream.Collectors.groupingBy(issue -> issue.channel().tenant(),
                    java.util.LinkedHashMap::new, java.util.stream.Collectors.mapping(Issue::customer,
                            java.util.stream.Collectors.toList())))
                    .forEach((tenant, customers) -> byTenant.put(tenant, notes.findAbout(tenant, customers)));
        }
        return issues.stream().map(issue -> new Card(issue, Optional.ofNullable(found.get(issue.id())),
                byTenant.getOrDefault(issue.channel().tenant(), java.util.Map.of())
                        .getOrDefault(issue.customer(), List.of()).stream().limit(NOTES_SHOWN).toList())).toList();
    }

    Card of(Issue issue) {
        Optional<DesiredResult> result = results == null ? Optional.empty() : results.find(issue.id());
        List<CustomerNote> latest = notes == null ? List.of()
                : notes.findAbout(issue.channel().tenant(), issue.customer()).stream().limit(NOTES_SHOWN).toList();
        return new Card(issue, result, latest);
    }
}
