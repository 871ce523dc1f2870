package io.happy3.adapter.sandbox;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.domain.team.ChannelSettingsStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Keeps the sandbox's simulated time apart from the real one. The sweeps that span every tenant (stale issues,
 * weekly rituals) run twice, once on the real clock and once on the sandbox clock; these views of the shared
 * stores let each see only its own side. Lookups by id or tenant pass through untouched.
 */
public final class SandboxPartition {
    private SandboxPartition() {
    }

    private static boolean inSandbox(ChannelRef channel) {
        return channel.equals(SandboxPeople.CHANNEL) || channel.platform() == SandboxPeople.CHANNEL.platform()
                && channel.tenant().equals(SandboxPeople.TENANT);
    }

    /** The issues as the real clock's sweeps should see them: without the sandbox's. */
    public static IssueStore withoutSandbox(IssueStore issues) {
        return new Issues(issues, channel -> !inSandbox(channel));
    }

    /** The channels as the real clock's rituals should see them: without the sandbox's. */
    public static ChannelSettingsStore withoutSandbox(ChannelSettingsStore settings) {
        return new Channels(settings, channel -> !inSandbox(channel));
    }

    static IssueStore onlySandbox(IssueStore issues) {
        return new Issues(issues, SandboxPartition::inSandbox);
    }

    static ChannelSettingsStore onlySandbox(ChannelSettingsStore settings) {
        return new Channels(settings, SandboxPartition::inSandbox);
    }

    private record Issues(IssueStore delegate, Predicate<ChannelRef> visible) implements IssueStore {
        Issues {
            requireNonNull(delegate, "delegate == null");
        }

        @Override
        public Optional<Issue> find(IssueId id) {
            return delegate.find(id);
        }

        @Override
        public java.util.Map<IssueId, Issue> findAll(java.util.Collection<IssueId> ids) {
            return delegate.findAll(ids);
        }

        @Override
        public List<Issue> findActiveBetween(String tenant, Instant from, Instant to, UserRef agent) {
            return delegate.findActiveBetween(tenant, from, to, agent);
        }

        @Override
        public java.util.Map<UserRef, Instant> findLatestActivity(String tenant, java.util.Collection<UserRef> customers,
                                                                 Instant before) {
            return delegate.findLatestActivity(tenant, customers, before);
        }

        @Override
        public void save(Issue issue) {
            delegate.save(issue);
        }

        @Override
        public Optional<Issue> findByMessage(MessageRef message) {
            return delegate.findByMessage(message);
        }

        @Override
        public List<Issue> findByCustomer(ChannelRef channel, UserRef customer, Instant since) {
            return delegate.findByCustomer(channel, customer, since);
        }

        @Override
        public List<Issue> findActiveBetween(String tenant, Instant from, Instant to) {
            return delegate.findActiveBetween(tenant, from, to);
        }

        @Override
        public List<Issue> findActiveBetween(ChannelRef channel, Instant from, Instant to) {
            return delegate.findActiveBetween(channel, from, to);
        }

        @Override
        public java.util.Map<Optional<UserRef>, Integer> countActiveBetweenByAgent(String tenant,
                                                                                  Optional<ChannelRef> channel,
                                                                                  Instant from, Instant to) {
            return delegate.countActiveBetweenByAgent(tenant, channel, from, to);
        }

        @Override
        public List<Issue> findHeadsActiveBetween(String tenant, Optional<ChannelRef> channel, Instant from,
                                                  Instant to) {
            return delegate.findHeadsActiveBetween(tenant, channel, from, to);
        }

        @Override
        public List<Issue> findActive() {
            return delegate.findActive().stream().filter(issue -> visible.test(issue.channel())).toList();
        }

        // The two below must reach the delegate's own query: the interface's defaults read every active issue
        // (with 100,000 open issues that ran the stale sweep and each App Home refresh out of heap).
        @Override
        public List<Issue> findActiveQuietSince(Instant quietSince) {
            return delegate.findActiveQuietSince(quietSince).stream().filter(issue -> visible.test(issue.channel()))
                    .toList();
        }

        @Override
        public List<Issue> findActiveOfAgent(UserRef agent) {
            return delegate.findActiveOfAgent(agent).stream().filter(issue -> visible.test(issue.channel())).toList();
        }
    }

    private record Channels(ChannelSettingsStore delegate, Predicate<ChannelRef> visible)
            implements ChannelSettingsStore {
        Channels {
            requireNonNull(delegate, "delegate == null");
        }

        @Override
        public Optional<ChannelSettings> find(ChannelRef channel) {
            return delegate.find(channel);
        }

        @Override
        public void save(ChannelSettings settings) {
            delegate.save(settings);
        }

        @Override
        public List<ChannelSettings> findFollowed(String tenant) {
            return delegate.findFollowed(tenant);
        }

        @Override
        public List<ChannelSettings> findAllFollowed() {
            return delegate.findAllFollowed().stream().filter(settings -> visible.test(settings.channel())).toList();
        }
    }
}
