package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.customer.CustomerNoteStore;
import io.happy3.domain.customer.CustomerRecall;
import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.playbook.Step;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a nudge recalls about the customer of its issue: the desired result and the latest notes on them. */
public final class RecallCustomer {
    private final CustomerNoteStore notes;
    private final DesiredResultStore results;

    public RecallCustomer(CustomerNoteStore notes, DesiredResultStore results) {
        this.notes = requireNonNull(notes, "notes == null");
        this.results = requireNonNull(results, "results == null");
    }

    /** The nudge text of {@code step} for {@code issue}, followed by the recall lines, one per line. */
    String withRecall(String text, Issue issue, Step step, String customerName) {
        return withRecall(text, step, customerName, results.find(issue.id()),
                notes.findAbout(issue.customer().tenant(), issue.customer()));
    }

    private static String withRecall(String text, Step step, String customerName, Optional<DesiredResult> result,
                                     List<CustomerNote> notesOnCustomer) {
        List<String> lines = CustomerRecall.lines(step.when(), customerName, result, notesOnCustomer);
        return lines.isEmpty() ? text : text + "\n" + String.join("\n", lines);
    }

    /**
     * What is known about the customers of {@code issues}, read at once (one query for the results, one per
     * tenant for the notes) for a scheduler round.
     */
    Known about(Collection<Issue> issues) {
        Map<IssueId, DesiredResult> found = results.findAll(issues.stream().map(Issue::id).toList());
        Map<String, List<UserRef>> customersByTenant = new LinkedHashMap<>();
        issues.forEach(issue -> customersByTenant.computeIfAbsent(issue.customer().tenant(),
                tenant -> new java.util.ArrayList<>()).add(issue.customer()));
        Map<String, Map<UserRef, List<CustomerNote>>> notesByTenant = new HashMap<>();
        customersByTenant.forEach((tenant, customers) -> notesByTenant.put(tenant, notes.findAbout(tenant,
                customers)));
        return new Known(found, notesByTenant);
    }

    /** The recall of a round's issues, read once; answers like {@link #withRecall} without reading again. */
    record Known(Map<IssueId, DesiredResult> results, Map<String, Map<UserRef, List<CustomerNote>>> notes) {
        String withRecall(String text, Issue issue, Step step, String customerName) {
            List<CustomerNote> onCustomer = notes.getOrDefault(issue.customer().tenant(), Map.of())
                    .getOrDefault(issue.customer(), List.of());
            return RecallCustomer.withRecall(text, step, customerName, Optional.ofNullable(results.get(issue.id())),
                    onCustomer);
        }
    }
}
