package io.happy3.adapter.storage;

import io.happy3.testing.MutableClock;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ConversationAddressStore;
import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.PermalinkStore;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.RenderedNudgeStore;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.StepId;
import io.happy3.domain.review.RitualLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract of {@link InstallationStore}, {@link ConversationAddressStore} and {@link RitualLedger}. */
class ChatStoresContractTest extends StoreContract {
    private final MutableClock clock = new MutableClock(T0);

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void installationSave_reinstall_replacesAndDeleteRemoves(Backend backend) {
        InstallationStore store = backend.installationStore();
        Installation first = new Installation(Platform.SLACK, "T1", Optional.of("B1"), Optional.of("xoxb-1"), "{}",
                T0);
        Installation again = new Installation(Platform.SLACK, "T1", Optional.of("B1"), Optional.of("xoxb-2"),
                "{\"scopes\":[\"chat:write\"]}", T0.plusSeconds(60));
        Installation teams = new Installation(Platform.TEAMS, "tenant-9", Optional.empty(), Optional.empty(), "{}",
                T0);
        store.save(first);
        store.save(teams);

        store.save(again);

        assertThat(store.find(Platform.SLACK, "T1")).contains(again);
        assertThat(store.findAll(Platform.SLACK)).containsExactly(again);
        store.delete(Platform.SLACK, "T1");
        assertThat(store.find(Platform.SLACK, "T1")).isEmpty();
        assertThat(store.findAll(Platform.TEAMS)).containsExactly(teams);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void conversationAddressSave_twice_findReturnsLatestPerTenant(Backend backend) {
        ConversationAddressStore store = backend.conversationAddressStore();
        store.save(Platform.TEAMS, "tenant-1", "user:29:abc", "{\"v\":1}");
        store.save(Platform.TEAMS, "tenant-1", "user:29:abc", "{\"v\":2}");

        assertThat(store.find(Platform.TEAMS, "tenant-1", "user:29:abc")).contains("{\"v\":2}");
        assertThat(store.find(Platform.TEAMS, "tenant-2", "user:29:abc")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void permalinkSave_thenFindAll_returnsEachKeptLinkAndTheFirstLinkStays(Backend backend) {
        PermalinkStore store = backend.permalinkStore();
        ChannelRef support = new ChannelRef(Platform.SLACK, "T1", "C1");
        List<MessageRef> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // more than one query's worth
            MessageRef message = new MessageRef(support, "1700000000." + i);
            store.save(message, "https://x.slack.com/archives/C1/p" + i);
            messages.add(message);
        }
        store.save(messages.get(0), "https://elsewhere.example/again");
        MessageRef otherTenant = new MessageRef(new ChannelRef(Platform.SLACK, "T2", "C1"), "1700000000.0");
        messages.add(otherTenant);

        Map<MessageRef, String> found = store.findAll(messages);

        assertThat(found).hasSize(300).doesNotContainKey(otherTenant);
        assertThat(found.get(messages.get(0))).isEqualTo("https://x.slack.com/archives/C1/p0");
        assertThat(found.get(messages.get(299))).isEqualTo("https://x.slack.com/archives/C1/p299");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void renderedSaveAll_oneRenderedBefore_findAllShowsEachLatestRendering(Backend backend) {
        RenderedNudgeStore store = backend.renderedNudgeStore();
        UserRef agent = new UserRef(Platform.SLACK, "T1", "U1");
        MessageRef thread = new MessageRef(new ChannelRef(Platform.SLACK, "T1", "C1"), "1700000000.1");
        java.util.function.BiFunction<String, String, NudgeMessage> rendering = (id, text) -> new NudgeMessage(
                new NudgeId(id), agent, thread, new StepId("confirm-result"), text,
                List.of(NudgeAction.CUSTOMER_CONFIRMED, NudgeAction.SNOOZE), false);
        store.save(rendering.apply("n1", "first text"));

        store.saveAll(List.of(rendering.apply("n1", "rendered again"), rendering.apply("n2", "second"),
                rendering.apply("n3", "third")));

        Map<NudgeId, NudgeMessage> found = store.findAll(List.of(new NudgeId("n1"), new NudgeId("n2"),
                new NudgeId("n3"), new NudgeId("n4")));
        assertThat(found).containsOnlyKeys(new NudgeId("n1"), new NudgeId("n2"), new NudgeId("n3"));
        assertThat(found.get(new NudgeId("n1"))).isEqualTo(rendering.apply("n1", "rendered again"));
        assertThat(found.get(new NudgeId("n3"))).isEqualTo(rendering.apply("n3", "third"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void markSent_samePeriodTwice_onlyFirstWins(Backend backend) {
        RitualLedger ledger = backend.ritualLedger(clock);

        assertThat(ledger.markSent("T1", "weekly-digest", "2026-W48")).isTrue();
        assertThat(ledger.markSent("T1", "weekly-digest", "2026-W48")).isFalse();
        assertThat(ledger.markSent("T2", "weekly-digest", "2026-W48")).isTrue();
        assertThat(ledger.markSent("T1", "weekly-digest", "2026-W49")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void release_afterFailedSend_allowsMarkingAgain(Backend backend) {
        RitualLedger ledger = backend.ritualLedger(clock);
        ledger.markSent("T1", "weekly-digest", "2026-W48");

        ledger.release("T1", "weekly-digest", "2026-W48");

        assertThat(ledger.markSent("T1", "weekly-digest", "2026-W48")).isTrue();
    }
}
