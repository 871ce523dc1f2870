package io.happy3.adapter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.playbook.PlaybookId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sweeps' view without the sandbox asks the store's own queries for the stale candidates and an
 * agent's issues: with 100,000 open issues, falling back to reading every active issue (the interface's
 * default) ran the server out of heap in the stale sweep and on every App Home refresh.
 */
class SandboxPartitionTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C-SUPPORT");
    private static final UserRef CUSTOMER = new UserRef(Platform.SLACK, "T1", "U-CUSTOMER");
    private static final UserRef AGENT = new UserRef(Platform.SLACK, "T1", "U-AGENT");

    @Test
    void withoutSandbox_quietAndAgentQueries_useTheStoresOwnQueriesAndHideTheSandbox() {
        InMemoryIssueStore memory = new InMemoryIssueStore();
        Issue quiet = Issue.open(new MessageRef(CHANNEL, "m1"), CUSTOMER, PlaybookId.DEFAULT, T0);
        Issue answered = Issue.open(new MessageRef(CHANNEL, "m2"), CUSTOMER, PlaybookId.DEFAULT, T0.plus(Duration.ofDays(3))).record(
                IssueEvent.of(IssueEventType.AGENT_REPLIED, T0.plus(Duration.ofDays(3)), AGENT, "m3", "agent"),
                IssueState.ENGAGED);
        Issue sandbox = Issue.open(new MessageRef(SandboxPeople.CHANNEL, "s1"), CUSTOMER, PlaybookId.DEFAULT, T0);
        List.of(quiet, answered, sandbox).forEach(memory::save);

        IssueStore view = SandboxPartition.withoutSandbox(new NoFullScans(memory));

        assertThat(view.findActiveQuietSince(T0.plus(Duration.ofDays(1)))).extracting(Issue::id)
                .containsExactly(quiet.id());
        assertThat(view.findActiveOfAgent(AGENT)).extracting(Issue::id).containsExactly(answered.id());
    }

    /** A store whose full scan fails the test; its two narrow queries answer from memory. */
    private record NoFullScans(InMemoryIssueStore memory) implements IssueStore {
        @Override
        public List<Issue> findActive() {
            throw new AssertionError("read every active issue");
        }

        @Override
        public List<Issue> findActiveQuietSince(Instant quietSince) {
            return memory.findActiveQuietSince(quietSince);
        }

        @Override
        public List<Issue> findActiveOfAgent(UserRef agent) {
            return memory.findActiveOfAgent(agent);
        }

        @Override
        public Optional<Issue> find(IssueId id) {
            return memory.find(id);
        }

        @Override
        public void save(Issue issue) {
            memory.save(issue);
        }

        @Override
        public Optional<Issue> findByMessage(MessageRef message) {
            return memory.findByMessage(message);
        }

        @Override
        public List<Issue> findByCustomer(ChannelRef channel, UserRef customer, Instant since) {
            return memory.findByCustomer(channel, customer, since);
        }

        @Override
        public List<Issue> findActiveBetween(String tenant, Instant from, Instant to) {
            return memory.findActiveBetween(tenant, from, to);
        }
    }
}
