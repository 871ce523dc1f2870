package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.review.ProudStories;
import java.util.Optional;

/** What proud stories look up, from the team directory and the stores: names, issues, desired results. */
record ProudStoryLookup(TeamDirectory team, IssueStore issues, DesiredResultStore desiredResults)
        implements ProudStories.Lookup {
    ProudStoryLookup {
        requireNonNull(desiredResults, "desiredResults == null");
    }

    static ProudStories stories(TeamDirectory team, IssueStore issues, DesiredResultStore desiredResults) {
        return new ProudStories(new ProudStoryLookup(team, issues, desiredResults));
    }

    @Override
    public String name(UserRef person) {
        return team.profile(person).displayName();
    }

    @Override
    public Optional<Issue> issue(IssueId id) {
        return issues.find(id);
    }

    @Override
    public Optional<String> desiredResult(IssueId id) {
        return desiredResults.find(id).filter(DesiredResult::recorded).map(DesiredResult::text);
    }
}
