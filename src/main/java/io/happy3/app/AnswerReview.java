package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.customer.CheckIn;
import io.happy3.domain.customer.CheckInReport;
import io.happy3.domain.customer.CheckInStore;
import io.happy3.domain.customer.DesiredResult;
import io.happy3.domain.customer.DesiredResultCounts;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.CheckInRules;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.review.CsvExport;
import io.happy3.domain.review.InvalidReviewRequestException;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.review.ProudMomentStore;
import io.happy3.domain.review.ProudStories;
import io.happy3.domain.review.ProudStory;
import io.happy3.domain.review.ReviewCompiler;
import io.happy3.domain.review.ReviewPeriod;
import io.happy3.domain.review.ReviewRequest;
import io.happy3.domain.review.ScorecardComparison;
import io.happy3.domain.review.ScorecardFormatter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: {@code /review …}. Answers the week's Happy 3 scorecard for the channel's team (or a named
 * channel), with per-agent detail only for leads and for the agent about themself, a CSV export (leads only: it
 * holds every agent's rows), and for
 * leads the week's nominated proud moments to accept or reject. Everything is scoped to the asking tenant.
 */
public final class AnswerReview {
    /** How far apart the nominations of one issue may be and still be decided together. */
    private static final Duration STORY_SPAN = Duration.ofDays(14);
    private final TeamDirectory team;
    private final IssueStore issues;
    private final NudgeStore nudges;
    private final ProudMomentStore proudMoments;
    private final ChatGateway gateway;
    private final DesiredResultStore desiredResults;
    private final CheckInStore checkIns;
    private final Clock clock;
    private final ProudStories stories;
    /** The weeks' stored tallies, when the stores keep them; else every review reads the fortnight's histories. */
    private final Optional<ReviewTallies> tallies;

    public AnswerReview(TeamDirectory team, IssueStore issues, NudgeStore nudges, ProudMomentStore proudMoments,
                        DesiredResultStore desiredResults, CheckInStore checkIns, ChatGateway gateway, Clock clock) {
        this(team, issues, nudges, proudMoments, desiredResults, checkIns, gateway, clock, Optional.empty());
    }

    public AnswerReview(TeamDirectory team, IssueStore issues, NudgeStore nudges, ProudMomentStore proudMoments,
                        DesiredResultStore desiredResults, CheckInStore checkIns, ChatGateway gateway, Clock clock,
                        Optional<ReviewTallies> tallies) {
        this.tallies = requireNonNull(tallies, "tallies == null");
        this.checkIns = requireNonNull(checkIns, "checkIns == null");
        this.desiredResults = requireNonNull(desiredResults, "desiredResults == null");
        this.team = requireNonNull(team, "team == null");
        this.issues = requireNonNull(issues, "issues == null");
        this.nudges = requireNonNull(nudges, "nudges == null");
        this.proudMoments = requireNonNull(proudMoments, "proudMoments == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.clock = requireNonNull(clock, "clock == null");
        this.stories = ProudStoryLookup.stories(team, issues, desiredResults);
    }

    /** Answers the command privately; returns the text sent. */
    public String answer(ChatEvent.CommandInvoked command) {
        String verb = CommandText.verb(command.arguments());
        if (verb.equals("accept") || verb.equals("reject")) {
            return reply(command, curateTyped(command, verb));
        }
        ZoneId zone = zoneFor(command.channel());
        Instant now = clock.instant();
        ReviewRequest request;
        try {
            request = ReviewRequest.parse(command.arguments(), zone, now, gateway.markup(command.user().platform()));
        } catch (InvalidReviewRequestException e) {
            return reply(command, e.getMessage() + "\n" + ReviewRequest.USAGE);
        }
        Optional<ChannelRef> scope = request.channel().flatMap(ReviewRequest.Mention::id)
                .map(id -> new ChannelRef(command.channel().platform(), command.tenant(), id))
                .or(() -> team.followed(command.channel()).map(ChannelContext::channel));
        Review review = compile(command.tenant(), request.period(), scope, now);
        boolean lead = isLead(command.user(), scope);
        if (request.export()) {
            return export(command, request, review, lead);
        }
        String text = render(review, request, command.user(), lead) + results(review, command.user(), lead)
                + checkIns(request.period(), scope, command.user(), lead) + warnings(command.tenant(), scope);
        List<ChatGateway.Choice> choices = lead ? choices(command.tenant(), request.period(), scope) : List.of();
        if (choices.isEmpty()) {
            gateway.reply(command.replyTo(), command.user(), text);
        } else {
            gateway.replyWithChoices(command.replyTo(), command.user(), text + "\n\n*Proud moments to curate:*",
                    choices);
        }
        return text;
    }

    private String reply(ChatEvent.CommandInvoked command, String text) {
        gateway.reply(command.replyTo(), command.user(), text);
        return text;
    }

    /** Sends the period's CSV to a lead; anyone else is told it is for leads. */
    private String export(ChatEvent.CommandInvoked command, ReviewRequest request, Review review, boolean lead) {
        if (!lead) {
            // The CSV names every agent with their response minutes: the per-agent detail only leads see.
            return reply(command, "The CSV export lists every agent's issues and response times, so it is for team"
                    + " leads. Ask a lead of this channel, or see your own numbers with /review.");
        }
        // The CSV lists each issue with its checkpoints: the only part of a review that reads the week's histories.
        List<Issue> week = review.histories() ? review.issues() : scopeIssues(command.tenant(), review.scope(),
                request.period().start(), request.period().end());
        String csv = CsvExport.write(request.period(), week, issue -> gateway.permalink(issue.root()).orElse(""));
        gateway.sendFile(command.user(), "Issues of " + request.period().label() + " with their checkpoints.",
                new ChatGateway.Attachment("happy3-" + request.period().label() + ".csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8)));
        return reply(command, "Sent you the CSV of " + request.period().label() + " (" + week.size()
                + (week.size() == 1 ? " issue)." : " issues)."));
    }

    /**
     * The week's scorecard beside the previous week's, and the issues active in the week ({@code histories}: with
     * their histories; else their heads only, when the scorecards came from the stored tallies).
     */
    private record Review(List<Issue> issues, boolean histories, String tenant, ReviewPeriod period,
                          Optional<ChannelRef> scope, ScorecardComparison comparison) {
    }

    private List<Issue> scopeIssues(String tenant, Optional<ChannelRef> scope, Instant from, Instant to) {
        return scope.map(channel -> issues.findActiveBetween(channel, from, to))
                .orElseGet(() -> issues.findActiveBetween(tenant, from, to));
    }

    private Review compile(String tenant, ReviewPeriod period, Optional<ChannelRef> scope, Instant now) {
        Instant from = period.previous().start();
        List<Nudge> sent = nudges.findDueBetween(tenant, from.minus(Duration.ofDays(7)),
                        period.end().plus(Duration.ofDays(7))).stream()
                .filter(nudge -> scope.map(channel -> channel.equals(nudge.channel())).orElse(true)).toList();
        Instant asOf = now.isBefore(period.end()) ? now : period.end();
        if (tallies.isPresent()) {
            Map<ReviewPeriod, Instant> weeks = new java.util.LinkedHashMap<>();
            weeks.put(period, ReviewTallies.cutoff(period, asOf));
            weeks.put(period.previous(), period.previous().end());
            List<io.happy3.domain.review.Scorecard> cards = tallies.get().scorecards(tenant, scope, weeks, sent);
            return new Review(List.of(), false, tenant, period, scope, new ScorecardComparison(cards.get(0),
                    cards.get(1)));
        }
        List<Issue> found = scopeIssues(tenant, scope, from, period.end());
        Map<PlaybookId, Playbook> playbooks = team.playbooksById();
        ScorecardComparison comparison = ReviewCompiler.compileWithPrevious(period, found, sent, playbooks, asOf);
        List<Issue> inPeriod = found.stream().filter(issue -> issue.lastActivityAt().isAfter(period.start())
                || issue.lastActivityAt().equals(period.start())).toList();
        return new Review(inPeriod, true, tenant, period, scope, comparison);
    }

    private String render(Review review, ReviewRequest request, UserRef user, boolean lead) {
        ScorecardFormatter formatter = new ScorecardFormatter(person -> team.profile(person).displayName());
        // The consistency headline names each agent only for leads; an agent sees the team's and their own.
        StringBuilder text = new StringBuilder(formatter.format(review.comparison(),
                agent -> lead || agent.equals(user)));
        Optional<UserRef> asked = request.agent().flatMap(ReviewRequest.Mention::id)
                .map(id -> new UserRef(user.platform(), user.tenant(), id));
        if (asked.isPresent()) {
            if (lead || asked.get().equals(user)) {
                text.append("\n\n").append(formatter.formatAgent(review.comparison(), asked.get()));
            } else {
                text.append("\n\nPer-agent detail is for team leads, and for each agent about themself.");
            }
        } else if (lead) {
            text.append("\n\n").append(formatter.formatAgents(review.comparison()));
        } else if (review.comparison().current().agent(user).isPresent()) {
            text.append("\n\n").append(formatter.formatAgent(review.comparison(), user));
        }
        return text.toString();
    }

    /** The desired-result numbers: the team's, then each agent's for a lead (or the asker's own line). */
    private String results(Review review, UserRef user, boolean lead) {
        DesiredResultCounts counts;
        if (review.histories()) {
            Map<IssueId, DesiredResult> known = desiredResults.findAll(review.issues().stream().map(Issue::id).toList());
            counts = DesiredResultCounts.of(review.issues(), id -> Optional.ofNullable(known.get(id)));
        } else {
            // Without the week's histories: the issues counted per agent, and read in full only those with a result.
            Instant from = review.period().start();
            Instant to = review.period().end();
            Map<Optional<UserRef>, Integer> perAgent = issues.countActiveBetweenByAgent(review.tenant(), review.scope(),
                    from, to);
            Map<IssueId, DesiredResult> known = desiredResults.findOfIssuesActiveBetween(review.tenant(),
                    review.scope(), from, to).orElseGet(() -> desiredResults.findAll(issues.findHeadsActiveBetween(
                            review.tenant(), review.scope(), from, to).stream().map(Issue::id).toList()));
            Map<IssueId, Issue> withResults = issues.findAll(known.values().stream().filter(DesiredResult::recorded)
                    .map(DesiredResult::issueId).toList());
            counts = DesiredResultCounts.of(perAgent, withResults.values(), id -> Optional.ofNullable(known.get(id)));
        }
        StringBuilder text = new StringBuilder("\n\n*The customer's result:* ")
                .append(DesiredResultCounts.line(counts.team()));
        counts.agents().entrySet().stream().filter(entry -> lead || entry.getKey().equals(user))
                .sorted(java.util.Comparator.comparing(entry -> team.profile(entry.getKey()).displayName()))
                .forEach(entry -> text.append("\n• ").append(team.profile(entry.getKey()).displayName())
                        .append(": ").append(DesiredResultCounts.line(entry.getValue())));
        return text.toString();
    }

    /**
     * Check-ins done against the playbook's quota, per agent (every agent for a lead, else the asker's own line),
     * and what they found; a regression caught or a thank-you is nominated as a proud moment (once per check-in).
     */
    private String checkIns(ReviewPeriod period, Optional<ChannelRef> scope, UserRef user, boolean lead) {
        Optional<CheckInRules> rules = scope.flatMap(team::playbookFor).or(team::defaultPlaybook)
                .flatMap(Playbook::checkIns);
        if (rules.isEmpty()) {
            return "";
        }
        int quota = rules.get().perAgentPerWeek();
        List<CheckIn> week = checkIns.findBetween(user.tenant(), period.start(), period.end());
        // What the check-ins found is read from the issues of the week and the days after: none to read without one.
        List<Issue> after = week.isEmpty() ? List.of() : issues.findActiveBetween(user.tenant(), period.start(),
                period.end().plus(CheckInReport.FINDS_WITHIN));
        CheckInReport report = CheckInReport.of(quota, week, after);
        report.findings().stream().filter(found -> found.kind() != CheckInReport.Finding.Kind.NEW_ISSUE)
                .forEach(this::nominate);
        StringBuilder text = new StringBuilder("\n\n*Check-ins* (quota " + quota + " per agent)");
        if (report.agents().isEmpty()) {
            text.append("\nNo check-ins recorded this week.");
        }
        report.agents().stream().filter(line -> lead || line.agent().equals(user)).forEach(line -> text
                .append("\n• ").append(team.profile(line.agent()).displayName()).append(": ").append(line.done())
                .append(" of ").append(quota).append(line.findings().isEmpty() ? "" : " · found " + String.join(", ",
                        line.findings().stream().map(found -> found.kind().label() + " ("
                                + team.profile(found.checkIn().customer()).displayName() + ")").toList())));
        return text.toString();
    }

    private void nominate(CheckInReport.Finding found) {
        String agent = team.profile(found.checkIn().agent()).displayName();
        String customer = team.profile(found.checkIn().customer()).displayName();
        String text = found.kind() == CheckInReport.Finding.Kind.REGRESSION_CAUGHT
                ? agent + "'s check-in with " + customer + " caught a regression before it grew."
                : agent + "'s check-in with " + customer + " brought a thank-you.";
        proudMoments.add(new ProudMoment("checkin:" + found.checkIn().id(), found.checkIn().tenant(),
                Optional.of(found.issue().channel()), Optional.of(found.issue().id()),
                Optional.of(found.checkIn().agent()), Optional.empty(), ProudMoment.Source.CHECK_IN, text,
                gateway.permalink(found.issue().root()), found.at(),
                ProudMoment.Decision.NOMINATED, Optional.empty()));
    }

    /** Warnings about channels the bot cannot fully see (a missing Teams consent), so numbers are read with care. */
    private String warnings(String tenant, Optional<ChannelRef> scope) {
        List<ChannelRef> channels = scope.map(List::of).orElseGet(() -> team.followedChannels(tenant));
        StringBuilder text = new StringBuilder();
        for (ChannelRef channel : channels) {
            gateway.channelWarning(channel).ifPresent(warning -> text.append("\n\n⚠️ ")
                    .append(channel.channel()).append(": ").append(warning));
        }
        return text.toString();
    }

    /** One accept/reject pair per proud story still undecided: the nominations of one issue are curated together. */
    private List<ChatGateway.Choice> choices(String tenant, ReviewPeriod period, Optional<ChannelRef> scope) {
        List<ProudMoment> moments = proudMoments.findBetween(tenant, period.start(), period.end()).stream()
                .filter(moment -> scope.isEmpty() || moment.channel().filter(scope.get()::equals).isPresent())
                .toList();
        List<ChatGateway.Choice> choices = new ArrayList<>();
        for (ProudStory story : stories.tell(moments)) {
            if (!story.undecided()) {
                continue;
            }
            String target = EventRouter.PROUD_TARGET_PREFIX + story.moments().get(0).id();
            String label = story.who().map(who -> team.profile(who).displayName() + " — ").orElse("")
                    + story.text();
            choices.add(new ChatGateway.Choice(target, "accept", "Accept: " + label,
                    "/review accept " + story.moments().get(0).id()));
            choices.add(new ChatGateway.Choice(target, "reject", "Reject: " + label,
                    "/review reject " + story.moments().get(0).id()));
        }
        return choices;
    }

    /** A lead's button press on a proud moment: accept or reject, with an optional note in the value. */
    public String curate(ChatEvent.ActionChosen action) {
        String id = action.target().substring(EventRouter.PROUD_TARGET_PREFIX.length());
        String text = decide(action.user(), id, action.action(), action.value());
        gateway.reply(action.replyTo(), action.user(), text);
        return text;
    }

    private String curateTyped(ChatEvent.CommandInvoked command, String verb) {
        String rest = CommandText.rest(command.arguments());
        String id = CommandText.verb(rest).isEmpty() ? "" : rest.split("\\s+")[0];
        String note = CommandText.rest(rest);
        if (id.isEmpty()) {
            return "Usage: /review " + verb + " <moment id> [note]";
        }
        return decide(command.user(), id, verb, note);
    }

    private String decide(UserRef user, String id, String verb, String note) {
        Optional<ProudMoment> moment = proudMoments.find(id);
        if (moment.isEmpty() || !moment.get().tenant().equals(user.tenant())) {
            return "No proud moment " + id + ".";
        }
        if (!isLead(user, moment.get().channel())) {
            return "Only team leads curate proud moments. Nominate one yourself with /proud.";
        }
        ProudMoment.Decision decision = "accept".equals(verb) ? ProudMoment.Decision.ACCEPTED
                : ProudMoment.Decision.REJECTED;
        Optional<String> lead = Optional.ofNullable(note).filter(text -> !text.isBlank());
        List<ProudMoment> story = sameStory(moment.get());
        story.forEach(each -> proudMoments.update(each.decided(decision, lead)));
        String told = stories.tell(story).get(0).text();
        return (decision == ProudMoment.Decision.ACCEPTED ? "Accepted for the digest: " : "Rejected: ") + told;
    }

    /** The moment and the other undecided nominations of its issue: one story, one decision. */
    private List<ProudMoment> sameStory(ProudMoment moment) {
        if (moment.issueId().isEmpty()) {
            return List.of(moment);
        }
        List<ProudMoment> story = new ArrayList<>(List.of(moment));
        proudMoments.findBetween(moment.tenant(), moment.at().minus(STORY_SPAN), moment.at().plus(STORY_SPAN)).stream()
                .filter(other -> other.issueId().equals(moment.issueId()) && !other.id().equals(moment.id())
                        && other.decision() == ProudMoment.Decision.NOMINATED)
                .forEach(story::add);
        return story;
    }

    private boolean isLead(UserRef user, Optional<ChannelRef> scope) {
        if (scope.isPresent()) {
            return team.isLead(scope.get(), user);
        }
        return team.followedChannels(user.tenant()).stream().anyMatch(channel -> team.isLead(channel, user));
    }

    private ZoneId zoneFor(ChannelRef channel) {
        return team.followed(channel).flatMap(context -> context.playbook().timezone()).orElse(team.teamZone());
    }
}
