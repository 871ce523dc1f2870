package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.customer.CustomerNoteStore;
import io.happy3.domain.customer.CustomerRecall;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.playbook.Step;
import java.util.List;

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
        List<String> lines = CustomerRecall.lines(step.when(), customerName, results.find(issue.id()),
                notes.findAbout(issue.customer().tenant(), issue.customer()));
        return lines.isEmpty() ? text : text + "\n" + String.join("\n", lines);
    }
}
