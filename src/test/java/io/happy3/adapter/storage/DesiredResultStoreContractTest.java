package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.AGENT;
import static io.happy3.adapter.storage.Fixtures.CHANNEL;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.issue.IssueId;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DesiredResultStoreContractTest extends StoreContract {
    private static final IssueId ISSUE = IssueId.of(new MessageRef(CHANNEL, "m1"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void save_suggestionThenRecorded_keepsTheRecordedOneWithItsDate(Backend backend) {
        DesiredResultStore store = backend.desiredResultStore();
        store.save(DesiredResult.suggested(ISSUE, "T1", "we need the nightly export in finance by 8am", T0));
        assertThat(store.find(ISSUE).orElseThrow().recorded()).isFalse();

        DesiredResult recorded = DesiredResult.recorded(ISSUE, "T1", "the nightly export in finance by 8:00",
                Optional.of(LocalDate.of(2026, 11, 25)), AGENT, T0.plusSeconds(60));
        store.save(recorded);

        assertThat(store.find(ISSUE)).contains(recorded);
        assertThat(store.find(IssueId.of(new MessageRef(CHANNEL, "m2")))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findAll_severalIssues_returnsTheResultOfEachIssueThatHasOne(Backend backend) {
        DesiredResultStore store = backend.desiredResultStore();
        IssueId second = IssueId.of(new MessageRef(CHANNEL, "m2"));
        IssueId without = IssueId.of(new MessageRef(CHANNEL, "m3"));
        DesiredResult recorded = DesiredResult.recorded(ISSUE, "T1", "export by 8:00", Optional.empty(), AGENT, T0);
        DesiredResult suggested = DesiredResult.suggested(second, "T1", "we need it all", T0);
        store.save(recorded);
        store.save(suggested);

        assertThat(store.findAll(java.util.List.of(ISSUE, second, without)))
                .containsOnly(java.util.Map.entry(ISSUE, recorded), java.util.Map.entry(second, suggested));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findRecordedBetween_week_returnsOnlyRecordedOfThatTenant(Backend backend) {
        DesiredResultStore store = backend.desiredResultStore();
        store.save(DesiredResult.recorded(ISSUE, "T1", "export by 8:00", Optional.empty(), AGENT, T0));
        store.save(DesiredResult.suggested(IssueId.of(new MessageRef(CHANNEL, "m2")), "T1", "we need it all", T0));
        store.save(DesiredResult.recorded(IssueId.of(new MessageRef(CHANNEL, "m3")), "T1", "later", Optional.empty(), AGENT,
                T0.plus(Duration.ofDays(8))));

        assertThat(store.findRecordedBetween("T1", T0, T0.plus(Duration.ofDays(7))))
                .extracting(DesiredResult::issueId).containsExactly(ISSUE);
        assertThat(store.findRecordedBetween("T2", T0, T0.plus(Duration.ofDays(7)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findAll_manyIssues_returnsTheResultOfEachIssueThatHasOne(Backend backend) {
        DesiredResultStore store = backend.desiredResultStore();
        java.util.List<IssueId> asked = new java.util.ArrayList<>();
        java.util.Map<IssueId, DesiredResult> expected = new java.util.HashMap<>();
        for (int index = 0; index < 2_500; index++) {
            IssueId issue = IssueId.of(new MessageRef(CHANNEL, "m" + index));
            asked.add(issue);
            if (index % 400 == 7) {
                DesiredResult result = DesiredResult.recorded(issue, "T1", "export " + index, Optional.empty(), AGENT, T0);
                store.save(result);
                expected.put(issue, result);
            }
        }
        store.save(DesiredResult.recorded(IssueId.of(new MessageRef(CHANNEL, "not-asked")), "T1", "other",
                Optional.empty(), AGENT, T0));

        assertThat(store.findAll(asked)).isEqualTo(expected).hasSize(7);
        assertThat(store.findAll(java.util.List.of())).isEmpty();
    }
}
