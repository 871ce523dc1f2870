package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.customer.CheckInList;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.customer.CustomerNoteStore;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.playbook.CheckInRules;
import io.happy3.domain.playbook.Playbook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Use case: {@code /happy3 checkins} — the asking agent's proactive check-in list for this week, built by the
 * playbook's {@code check_ins:} rules, each entry with why the customer is on it and what the notes say.
 */
public final class ListCheckIns {
    private static final Duration LOOK_BACK = Duration.ofDays(120);
    private static final int NOTES_SHOWN = 2;

    private final TeamDirectory team;
    private final TeamMembership membership;
    private final IssueStore issues;
    private final CustomerNoteStore notes;
    private final ChatGateway gateway;
    private final Clock clock;

    public ListCheckIns(TeamDirectory team, IssueStore issues, CustomerNoteStore notes, ChatGateway gateway,
                        Clock clock) {
        this.team = requireNonNull(team, "team == null");
        this.membership = new TeamMembership(team);
        this.issues = requireNonNull(issues, "issues == null");
        this.notes = requireNonNull(notes, "notes == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    public String answer(ChatEvent.CommandInvoked command) {
        if (!membership.agentOrLead(command.channel(), command.user())) {
            return "Check-in lists are for this team's agents.";
        }
        Optional<CheckInRules> rules = team.playbookFor(command.channel()).or(team::defaultPlaybook)
                .flatMap(Playbook::checkIns);
        if (rules.isEmpty()) {
            return "No check-in rules: add `check_ins:` to the playbook (per_agent_per_week, quiet_after, "
                    + "after_confirmed, after_bounce_back).";
        }
        Instant now = clock.instant();
        List<CheckInList.Entry> entries = CheckInList.build(rules.get(),
                issues.findActiveBetween(command.tenant(), now.minus(LOOK_BACK), now), command.user(), now);
        if (entries.isEmpty()) {
            return "No check-ins due this week (quota " + rules.get().perAgentPerWeek() + ").";
        }
        ChatMarkup markup = gateway.markup(command.user().platform());
        StringBuilder text = new StringBuilder("Your check-ins this week (" + entries.size() + ", quota "
                + rules.get().perAgentPerWeek() + "):");
        for (CheckInList.Entry entry : entries) {
            text.append("\n• ").append(markup.mentionUser(entry.customer().user())).append(" — ")
                    .append(String.join("; ", entry.reasons()));
            List<String> noted = notes.findAbout(command.tenant(), entry.customer()).stream().limit(NOTES_SHOWN)
                    .map(CustomerNote::text).toList();
            if (!noted.isEmpty()) {
                text.append("\n  Notes: ").append(String.join("; ", noted));
            }
        }
        return text.toString();
    }
}
