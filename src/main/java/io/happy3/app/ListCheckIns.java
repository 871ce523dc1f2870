package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CheckIn;
import io.happy3.domain.customer.CheckInList;
import io.happy3.domain.customer.CheckInStore;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.customer.CustomerNoteStore;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.playbook.CheckInRules;
import io.happy3.domain.playbook.Playbook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Use case: {@code /happy3 checkins} — the asking agent's proactive check-in list for this week, built by the
 * playbook's {@code check_ins:} rules, each entry with why the customer is on it and what the notes say, and its
 * buttons; a press (or the agent's new thread with the customer) records a {@link CheckIn}.
 */
public final class ListCheckIns {
    private static final Duration LOOK_BACK = Duration.ofDays(120);
    private static final int NOTES_SHOWN = 2;
    private static final Duration WEEK = Duration.ofDays(7);
    /** Buttons whose target starts with this prefix answer a check-in list entry; the rest is the customer's id. */
    public static final String TARGET_PREFIX = "checkin:";
    private static final Map<String, String> BUTTONS = buttons();

    private final TeamDirectory team;
    private final TeamMembership membership;
    private final IssueStore issues;
    private final CustomerNoteStore notes;
    private final CheckInStore checkIns;
    private final ChatGateway gateway;
    private final Clock clock;

    public ListCheckIns(TeamDirectory team, IssueStore issues, CustomerNoteStore notes, CheckInStore checkIns,
                        ChatGateway gateway, Clock clock) {
        this.checkIns = requireNonNull(checkIns, "checkIns == null");
        this.team = requireNonNull(team, "team == null");
        this.membership = new TeamMembership(team);
        this.issues = requireNonNull(issues, "issues == null");
        this.notes = requireNonNull(notes, "notes == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /**
     * Sends the list privately, each entry with "Checked in", "Snooze" and "Not needed" buttons, leaving out the
     * customers this agent answered in the last week; returns a refusal or an empty list's text for the caller to
     * send, or "" when it sent the list itself.
     */
    public String answer(ChatEvent.CommandInvoked command) {
        if (!membership.agentOrLead(command.channel(), command.user())) {
            return "Check-ins are for this team's agents.";
        }
        Optional<CheckInRules> rules = team.playbookFor(command.channel()).or(team::defaultPlaybook)
                .flatMap(Playbook::checkIns);
        if (rules.isEmpty()) {
            return "No check-in rules: add `check_ins:` to the playbook (per_agent_per_week, quiet_after, "
                    + "after_confirmed, after_bounce_back).";
        }
        Section section = section(command.user(), rules.get());
        if (section.choices().isEmpty()) {
            return "No check-ins due this week (" + section.progress() + ").";
        }
        gateway.replyWithChoices(command.replyTo(), command.user(), "Your check-ins this week (" + section.toDo()
                + " to do, " + section.progress() + "):", section.choices());
        return "";
    }

    /**
     * This week's list as a section of the agent's home (Slack's App Home): the entries as choices with the three
     * buttons, as {@code /happy3 checkins} sends them; empty when no playbook the agent works under has
     * {@code check_ins:} rules.
     */
    public Optional<Section> homeSection(UserRef agent) {
        Optional<CheckInRules> rules = team.followedChannels(agent.tenant()).stream()
                .map(team::followed).flatMap(Optional::stream)
                .filter(context -> context.isAgent(agent) || context.leads().contains(agent.user()))
                .map(ChannelContext::playbook).map(Playbook::checkIns).flatMap(Optional::stream).findFirst()
                .or(() -> team.defaultPlaybook().flatMap(Playbook::checkIns));
        return rules.map(found -> section(agent, found));
    }

    /** A week's check-in list: {@code toDo} entries as their buttons, and the quota's {@code progress}. */
    public record Section(int toDo, String progress, List<ChatGateway.Choice> choices) {
        public Section {
            requireNonNull(progress, "progress == null");
            choices = List.copyOf(choices);
        }
    }

    private Section section(UserRef agent, CheckInRules rules) {
        Instant now = clock.instant();
        List<CheckIn> answered = checkIns.findBetween(agent.tenant(), now.minus(WEEK), now.plusSeconds(1)).stream()
                .filter(checkIn -> checkIn.agent().equals(agent)).toList();
        Set<UserRef> done = answered.stream().map(CheckIn::customer).collect(Collectors.toSet());
        // The agent's own issues, and their customers' latest activity with anyone: not every issue of the workspace
        // (an App Home is rebuilt from this; at 100,000 issues the whole workspace was 1.8 GB of heap).
        List<Issue> theirs = issues.findActiveBetween(agent.tenant(), now.minus(LOOK_BACK), now, agent);
        Map<UserRef, Instant> latest = issues.findLatestActivity(agent.tenant(),
                theirs.stream().map(Issue::customer).distinct().toList(), now);
        List<CheckInList.Entry> entries = CheckInList.build(rules, theirs, latest, now)
                .stream().filter(entry -> !done.contains(entry.customer())).toList();
        long checkedIn = answered.stream().filter(checkIn -> checkIn.kind() == CheckIn.Kind.CHECKED_IN).count();
        ChatMarkup markup = gateway.markup(agent.platform());
        List<ChatGateway.Choice> choices = new ArrayList<>();
        for (CheckInList.Entry entry : entries) {
            // The entries travel as the choices: Slack, Teams and the console show each with its buttons.
            String line = describe(agent.tenant(), entry, markup);
            String target = TARGET_PREFIX + entry.customer().user();
            BUTTONS.forEach((action, label) -> choices.add(new ChatGateway.Choice(target, action, label + ": " + line,
                    "/happy3 checkins")));
        }
        return new Section(entries.size(), "checked in " + checkedIn + " of your quota of " + rules.perAgentPerWeek(),
                choices);
    }

    private String describe(String tenant, CheckInList.Entry entry, ChatMarkup markup) {
        StringBuilder line = new StringBuilder(markup.mentionUser(entry.customer().user())).append(" — ")
                .append(String.join("; ", entry.reasons()));
        List<String> noted = notes.findAbout(tenant, entry.customer()).stream().limit(NOTES_SHOWN)
                .map(CustomerNote::text).toList();
        if (!noted.isEmpty()) {
            line.append("\n  Notes: ").append(String.join("; ", noted));
        }
        return line.toString();
    }

    /** A press on an entry's button: records the check-in (once per press) and says so privately. */
    public String press(ChatEvent.ActionChosen action) {
        UserRef customer = new UserRef(action.user().platform(), action.user().tenant(),
                action.target().substring(TARGET_PREFIX.length()));
        CheckIn.Kind kind = switch (action.action()) {
            case "checked_in" -> CheckIn.Kind.CHECKED_IN;
            case "snooze" -> CheckIn.Kind.SNOOZED;
            default -> CheckIn.Kind.NOT_NEEDED;
        };
        checkIns.record(new CheckIn("button:" + action.eventId(), action.user().tenant(), action.user(), customer,
                kind, CheckIn.Via.BUTTON, action.at()));
        String who = gateway.markup(customer.platform()).mentionUser(customer.user());
        String text = switch (kind) {
            case CHECKED_IN -> "Checked in with " + who + ". If they mention a problem, a thank-you or something new,"
                    + " it shows in this week's /review.";
            case SNOOZED -> who + " is off your list until next week.";
            case NOT_NEEDED -> who + " is off your list this week: not needed.";
        };
        gateway.reply(action.replyTo(), action.user(), text);
        return text;
    }

    /**
     * An agent's new thread in a followed channel that mentions customers counts as checking in with each of them,
     * once per message: that is how an agent writes to a customer where the bot can see it.
     */
    public void notice(ChatEvent event) {
        if (!(event instanceof ChatEvent.MessagePosted message) || message.threadRootId().isPresent()) {
            return;
        }
        Optional<ChannelContext> context = team.followed(message.channel());
        if (context.isEmpty() || message.authorExternal() || !context.get().isAgent(message.author())) {
            return;
        }
        for (String id : gateway.markup(message.author().platform()).users(message.text())) {
            UserRef customer = new UserRef(message.author().platform(), message.author().tenant(), id);
            if (!context.get().isAgent(customer)) {
                checkIns.record(new CheckIn("message:" + message.message().key() + ":" + id, message.author().tenant(), message.author(), customer, CheckIn.Kind.CHECKED_IN,
                        CheckIn.Via.MESSAGE, message.at()));
            }
        }
    }

    private static Map<String, String> buttons() {
        Map<String, String> buttons = new LinkedHashMap<>();
        buttons.put("checked_in", "Checked in");
        buttons.put("snooze", "Snooze");
        buttons.put("not_needed", "Not needed");
        return buttons;
    }
}
