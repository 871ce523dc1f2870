package io.happy3.adapter.storage;

import io.happy3.adapter.memory.InMemoryAgentPreferenceStore;
import io.happy3.adapter.memory.InMemoryChannelSettingsStore;
import io.happy3.adapter.memory.InMemoryConversationAddressStore;
import io.happy3.adapter.memory.InMemoryCustomerNoteStore;
import io.happy3.adapter.memory.InMemoryDesiredResultStore;
import io.happy3.adapter.memory.InMemoryInboxStore;
import io.happy3.adapter.memory.InMemoryInstallationStore;
import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.adapter.memory.InMemoryProudMomentStore;
import io.happy3.adapter.memory.InMemoryRitualLedger;
import io.happy3.adapter.storage.TestDatabases.TestDatabase;
import io.happy3.domain.chat.ConversationAddressStore;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.customer.CustomerNoteStore;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.inbox.InboxStore;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.review.ProudMomentStore;
import io.happy3.domain.review.RitualLedger;
import io.happy3.domain.team.AgentPreferenceStore;
import io.happy3.domain.team.ChannelSettingsStore;
import java.time.Clock;

/** One implementation family a contract test runs against: in-memory, or JDBC on a test database. */
record Backend(String name, TestDatabase database) {
    static Backend memory() {
        return new Backend("memory", null);
    }

    static Backend jdbc(TestDatabase database) {
        return new Backend(database.name(), database);
    }

    IssueStore issueStore() {
        return database == null ? new InMemoryIssueStore() : new JdbcIssueStore(database.database());
    }

    NudgeStore nudgeStore() {
        return database == null ? new InMemoryNudgeStore() : new JdbcNudgeStore(database.database());
    }

    InboxStore inboxStore(Clock clock) {
        return database == null ? new InMemoryInboxStore() : new JdbcInboxStore(database.database(), clock);
    }

    ChannelSettingsStore channelSettingsStore() {
        return database == null ? new InMemoryChannelSettingsStore()
                : new JdbcChannelSettingsStore(database.database());
    }

    AgentPreferenceStore agentPreferenceStore() {
        return database == null ? new InMemoryAgentPreferenceStore()
                : new JdbcAgentPreferenceStore(database.database());
    }

    ProudMomentStore proudMomentStore() {
        return database == null ? new InMemoryProudMomentStore() : new JdbcProudMomentStore(database.database());
    }

    CustomerNoteStore customerNoteStore() {
        return database == null ? new InMemoryCustomerNoteStore() : new JdbcCustomerNoteStore(database.database());
    }

    io.happy3.domain.customer.CheckInStore checkInStore() {
        return database == null ? new io.happy3.adapter.memory.InMemoryCheckInStore()
                : new JdbcCheckInStore(database.database());
    }

    DesiredResultStore desiredResultStore() {
        return database == null ? new InMemoryDesiredResultStore() : new JdbcDesiredResultStore(database.database());
    }

    InstallationStore installationStore() {
        return database == null ? new InMemoryInstallationStore() : new JdbcInstallationStore(database.database(),
                TokenCipher.of(java.util.Optional.of("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
                        java.util.Optional.empty()));
    }

    ConversationAddressStore conversationAddressStore() {
        return database == null ? new InMemoryConversationAddressStore()
                : new JdbcConversationAddressStore(database.database());
    }

    io.happy3.domain.chat.PermalinkStore permalinkStore() {
        return database == null ? new io.happy3.adapter.memory.InMemoryPermalinkStore()
                : new JdbcPermalinkStore(database.database());
    }

    io.happy3.domain.nudge.RenderedNudgeStore renderedNudgeStore() {
        return database == null ? new io.happy3.adapter.memory.InMemoryRenderedNudgeStore()
                : new JdbcRenderedNudgeStore(database.database());
    }

    RitualLedger ritualLedger(Clock clock) {
        return database == null ? new InMemoryRitualLedger() : new JdbcRitualLedger(database.database(), clock);
    }

    @Override
    public String toString() {
        return name;
    }
}
