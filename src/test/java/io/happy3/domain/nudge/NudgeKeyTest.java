package io.happy3.domain.nudge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.playbook.StepId;
import org.junit.jupiter.api.Test;

class NudgeKeyTest {
    private static final UserRef AGENT = new UserRef(Platform.TEAMS, "tenant", "29:agent");
    private static final IssueId ISSUE = IssueId.of(new MessageRef(new ChannelRef(Platform.TEAMS, "tenant", "19:abc/def"), "1/2"));

    @Test
    void fromStored_issueIdWithSlashes_readsBackTheSameKey() {
        NudgeKey key = new NudgeKey(ISSUE, new StepId("confirm-result"), 2, 1, AGENT);

        assertThat(NudgeKey.fromStored(key.value(), AGENT)).isEqualTo(key);
    }

    @Test
    void nextRepeat_keepsOccurrence_andGivesANewNudgeId() {
        NudgeKey first = new NudgeKey(ISSUE, new StepId("confirm-result"), 2, 0, AGENT);

        assertThat(first.nextRepeat()).isEqualTo(new NudgeKey(ISSUE, new StepId("confirm-result"), 2, 1, AGENT));
        assertThat(NudgeId.forKey(first.nextRepeat().value())).isNotEqualTo(NudgeId.forKey(first.value()));
    }

    @Test
    void fromStored_otherRecipientOrGarbage_isRefusedWithTheKey() {
        String stored = new NudgeKey(ISSUE, new StepId("s"), 0, 0, AGENT).value();

        assertThatThrownBy(() -> NudgeKey.fromStored(stored, new UserRef(Platform.TEAMS, "tenant", "29:other")))
                .hasMessageContaining(stored);
        assertThatThrownBy(() -> NudgeKey.fromStored("x/s/zero/0/29:agent", AGENT))
                .hasMessageContaining("non-numeric");
    }
}
