package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.issue.Issue;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.NudgeText;
import io.happy3.domain.playbook.Step;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a nudge into the message an agent sees: the step's text with its placeholders filled (customer,
 * agent, channel, link, waited...), what it recalls about the customer (desired result, notes), and the step's
 * actions. Used for delivery and for re-rendering a nudge
 * in place once it was answered.
 */
public final class NudgeRenderer {
    private final TeamDirectory team;
    private final ChatGateway gateway;
    private final RecallCustomer recall;

    public NudgeRenderer(TeamDirectory team, ChatGateway gateway, RecallCustomer recall) {
        this.team = requireNonNull(team, "team == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.recall = requireNonNull(recall, "recall == null");
    }

    /** The message for {@code nudge} of {@code step}, with times shown in {@code zone}. */
    public NudgeMessage render(Nudge nudge, Issue issue, Step step, ZoneId zone, boolean late, Instant now) {
        return render(nudge, issue, step, zone, late, now, gateway.permalink(issue.root()),
                recall.about(List.of(issue)));
    }

    /** {@link #render} with the issue's link and recall already read, once for a scheduler round. */
    NudgeMessage render(Nudge nudge, Issue issue, Step step, ZoneId zone, boolean late, Instant now,
                        Optional<String> link, RecallCustomer.Known known) {
        String customer = team.profile(issue.customer()).displayName();
        String agent = team.profile(nudge.recipient()).displayName();
        String channel = "#" + team.channelName(issue.channel()).orElse(issue.channel().channel());
        Map<String, String> values = NudgeText.values(nudge, issue, customer, agent, channel, link, zone, now);
        return new NudgeMessage(nudge.id(), nudge.recipient(), issue.root(), step.id(),
                known.withRecall(NudgeText.render(step.nudge(), values), issue, step, customer), step.actions(),
                late);
    }

    /** What the nudges of {@code issues} recall about their customers, read at once. */
    RecallCustomer.Known recallAbout(java.util.Collection<Issue> issues) {
        return recall.about(issues);
    }
}
