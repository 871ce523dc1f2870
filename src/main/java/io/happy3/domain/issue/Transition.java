package io.happy3.domain.issue;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The result of applying something that happened to an issue: the new issue and the events it recorded. */
public record Transition(Issue issue, List<IssueEvent> events) {
    public Transition {
        requireNonNull(issue, "issue == null");
        events = List.copyOf(events);
    }

    public boolean recorded(IssueEventType type) {
        return events.stream().anyMatch(event -> event.type() == type);
    }
}
