package io.happy3.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.app.ListCheckIns;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeInbox;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.StepId;
import io.happy3.domain.issue.IssueId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The App Home of the busiest agent stays a view Slack accepts: at most 100 blocks, every list at its limit. */
class SlackBlocksHomeTest {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final UserRef AGENT = new UserRef(Platform.SLACK, "T1", "UAGENT");
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void home_busiestAgent_hasAtMostAHundredBlocks_andPointsToTheFullLists() {
        List<Nudge> inbox = new ArrayList<>();
        for (int index = 0; index < 40; index++) {
            inbox.add(nudge(index));
        }
        NudgeInbox page = new NudgeInbox(inbox.subList(0, 15), 15, inbox.subList(15, 35), inbox.size() - 15);
        List<SlackCustomerCards.Card> cards = new ArrayList<>();
        for (int index = 0; index < 12; index++) {
            cards.add(new SlackCustomerCards.Card(issue(index), Optional.empty(), List.of()));
        }
        List<ChatGateway.Choice> choices = new ArrayList<>();
        for (int index = 0; index < 8; index++) {
            for (String action : List.of("checked_in", "snooze", "not_needed")) {
                choices.add(new ChatGateway.Choice("checkin:UC" + index, action, action + ": <@UC" + index
                        + "> — quiet for 21 days", "/happy3 checkins"));
            }
        }

        ObjectNode view = SlackBlocks.home(page, nudge -> Optional.of(message(nudge)), cards, 12,
                issue -> Optional.empty(), Optional.of(new ListCheckIns.Section(8, "checked in 0 of 25", choices)));

        JsonNode blocks = view.path("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(100);
        assertThat(blocks.get(blocks.size() - 1).toString()).contains("…and 3 more: /happy3 checkins");
    }

    private static Nudge nudge(int index) {
        return Nudge.planned(new NudgeKey(IssueId.of(root(index)), new StepId("confirm-result"), 0, 0, AGENT),
                CHANNEL, PlaybookId.DEFAULT, NOW, NOW.plusSeconds(60L * index), NOW.plusSeconds(86_400), NOW);
    }

    private static NudgeMessage message(Nudge nudge) {
        return new NudgeMessage(nudge.id(), AGENT, root(0), nudge.stepId(), "Has the customer confirmed?",
                List.of(NudgeAction.CUSTOMER_CONFIRMED, NudgeAction.SNOOZE), false);
    }

    private static Issue issue(int index) {
        return Issue.open(root(index), new UserRef(Platform.SLACK, "T1", "UC" + index), PlaybookId.DEFAULT, NOW);
    }

    private static MessageRef root(int index) {
        return new MessageRef(CHANNEL, "1700000000." + String.format("%06d", index));
    }
}
