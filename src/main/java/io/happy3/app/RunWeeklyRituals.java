package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.review.Digest;
import io.happy3.domain.review.DigestComposer;
import io.happy3.domain.review.ProudMoment;
import io.happy3.domain.review.ProudMomentStore;
import io.happy3.domain.review.ProudStories;
import io.happy3.domain.review.ReviewCompiler;
import io.happy3.domain.review.ReviewPeriod;
import io.happy3.domain.review.RitualLedger;
import io.happy3.domain.review.Scorecard;
import io.happy3.domain.review.TrendChartRenderer;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: the weekly rituals of each followed channel, in the team's zone (DST-correct): on the prompt
 * day every agent active that week is asked what they are proud of; on the digest day the channel gets
 * the "what are we proud of" digest with its 8-week trend chart. Each is sent once per channel and week
 * (across restarts and replicas, through the {@link RitualLedger}); one missed while the server was down
 * is sent late, once, within {@link #CATCH_UP}.
 */
public final class RunWeeklyRituals {
    private static final Logger log = LoggerFactory.getLogger(RunWeeklyRituals.class);
    /** How long after its time a missed ritual is still worth sending. */
    public static final Duration CATCH_UP = Duration.ofDays(3);
    public static final String PROMPT = "What's one thing you did this week that you're proud of? "
            + "Answer with /proud <what you did> — it goes into Friday's digest once a lead accepts it.";

    /** When the rituals happen, in local time of the team. */
    public record Times(DayOfWeek promptDay, LocalTime promptTime, DayOfWeek digestDay, LocalTime digestTime) {
        public static final Times DEFAULT = new Times(DayOfWeek.THURSDAY, LocalTime.of(15, 0), DayOfWeek.FRIDAY,
                LocalTime.of(15, 0));

        public Times {
            requireNonNull(promptDay, "promptDay == null");
            requireNonNull(promptTime, "promptTime == null");
            requireNonNull(digestDay, "digestDay == null");
            requireNonNull(digestTime, "digestTime == null");
        }
    }

    private final TeamDirectory team;
    private final IssueStore issues;
    private final NudgeStore nudges;
    private final ProudMomentStore proudMoments;
    private final ProudStories stories;
    private final RitualLedger ledger;
    private final ChatGateway gateway;
    private final TrendChartRenderer chart;
    private final Times times;
    private final Clock clock;

    /** The weeks' stored tallies, when the stores keep them (the trend's past weeks are read from them). */
    private final Optional<ReviewTallies> tallies;

    public RunWeeklyRituals(TeamDirectory team, IssueStore issues, NudgeStore nudges, ProudMomentStore proudMoments,
                            DesiredResultStore desiredResults, RitualLedger ledger, ChatGateway gateway,
                            TrendChartRenderer chart, Times times, Clock clock) {
        this(team, issues, nudges, proudMoments, desiredResults, ledger, gateway, chart, times, clock, Optional.empty());
    }

    public RunWeeklyRituals(TeamDirectory team, IssueStore issues, NudgeStore nudges, ProudMomentStore proudMoments,
                            DesiredResultStore desiredResults, RitualLedger ledger, ChatGateway gateway,
                            TrendChartRenderer chart, Times times, Clock clock, Optional<ReviewTallies> tallies) {
        this.tallies = requireNonNull(tallies, "tallies == null");
        this.team = requireNonNull(team, "team == null");
        this.issues = requireNonNull(issues, "issues == null");
        this.nudges = requireNonNull(nudges, "nudges == null");
        this.proudMoments = requireNonNull(proudMoments, "proudMoments == null");
        this.stories = ProudStoryLookup.stories(team, issues, desiredResults);
        this.ledger = requireNonNull(ledger, "ledger == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.chart = requireNonNull(chart, "chart == null");
        this.times = requireNonNull(times, "times == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    /** Sends whatever ritual is due; returns how many were sent. One failing channel never stops the others. */
    public int tick() {
        Instant now = clock.instant();
        int sent = 0;
        for (ChannelRef channel : team.allFollowedChannels()) {
            Optional<ChannelContext> context = team.followed(channel);
            if (context.isEmpty()) {
                continue;
            }
            ZoneId zone = context.get().playbook().timezone().orElse(team.teamZone());
            ReviewPeriod current = ReviewPeriod.containing(now, zone);
            for (ReviewPeriod week : List.of(current.previous(), current)) {
                try {
                    sent += ritual(context.get(), week, "prompt", at(week, times.promptDay(), times.promptTime(), zone),
                            now, () -> prompt(context.get(), week, now));
                    sent += ritual(context.get(), week, "digest", at(week, times.digestDay(), times.digestTime(), zone),
                            now, () -> digest(context.get(), week, now));
                } catch (RuntimeException e) {
                    log.warn("weekly ritual for {} {} failed: {}", channel.key(), week.label(),
                            e.toString(), e);
                }
            }
        }
        return sent;
    }

    private int ritual(ChannelContext context, ReviewPeriod week, String kind, Instant due, Instant now,
                       Runnable send) {
        if (now.isBefore(due) || now.isAfter(due.plus(CATCH_UP))) {
            return 0;
        }
        String tenant = context.channel().tenant();
        String name = kind + ":" + context.channel().key();
        boolean lastWeek = !week.contains(now);
        if (lastWeek && !ledger.everSent(tenant, name)) {
            // Catching up is for downtime: a channel that never had this ritual starts with the current week.
            return 0;
        }
        if (!ledger.markSent(tenant, name, week.label())) {
            return 0;
        }
        try {
            send.run();
        } catch (RuntimeException e) {
            ledger.release(tenant, name, week.label());
            throw e;
        }
        log.info("sent weekly {} for {} {}{}", kind, context.channel().key(), week.label(),
                now.isAfter(due.plus(Duration.ofHours(1))) ? " (late)" : "");
        return 1;
    }

    private static Instant at(ReviewPeriod week, DayOfWeek day, LocalTime time, ZoneId zone) {
        return week.monday().with(day).atTime(time).atZone(zone).toInstant();
    }

    /**
     * The trend's weeks, each as it stood at its end: the weeks over from the stored tallies (shared by every channel
     * of the tenant), a week still in progress from its own issues.
     */
    private List<Scorecard> trend(ChannelRef channel, ReviewPeriod week, Instant now, List<Nudge> sent,
                                  Map<PlaybookId, Playbook> playbooks) {
        List<ReviewPeriod> periods = week.weeksEndingHere(DigestComposer.TREND_WEEKS);
        Map<ReviewPeriod, Instant> over = new java.util.LinkedHashMap<>();
        periods.stream().filter(period -> !period.end().isAfter(now)).forEach(period -> over.put(period, period.end()));
        List<Scorecard> stored = over.isEmpty() ? List.of()
                : tallies.orElseThrow().scorecards(channel.tenant(), Optional.of(channel), over, sent);
        List<Scorecard> weeks = new java.util.ArrayList<>();
        int next = 0;
        for (ReviewPeriod period : periods) {
            if (over.containsKey(period)) {
                weeks.add(stored.get(next++));
            } else {
                weeks.add(ReviewCompiler.compile(period, issues.findActiveBetween(channel, period.previous().start(),
                        period.end()), sent, playbooks));
            }
        }
        return weeks;
    }

    private void prompt(ChannelContext context, ReviewPeriod week, Instant now) {
        Set<UserRef> active = new TreeSet<>((a, b) -> a.user().compareTo(b.user()));
        for (Issue issue : issues.findActiveBetween(context.channel(), week.start(), week.end())) {
            for (IssueEvent event : issue.history()) {
                if (event.type() == IssueEventType.AGENT_REPLIED && week.contains(event.at())
                        && !event.at().isAfter(now)) {
                    event.actor().filter(context::isAgent).ifPresent(active::add);
                }
            }
        }
        for (UserRef agent : active) {
            gateway.directMessage(agent, PROMPT);
        }
    }

    private void digest(ChannelContext context, ReviewPeriod week, Instant now) {
        ChannelRef channel = context.channel();
        ReviewPeriod first = week.weeksEndingHere(DigestComposer.TREND_WEEKS).get(0);
        List<Nudge> sent = nudges.findDueBetween(channel.tenant(), first.start().minus(Duration.ofDays(7)),
                week.end().plus(Duration.ofDays(7))).stream().filter(nudge -> nudge.channel().equals(channel)).toList();
        Map<PlaybookId, Playbook> playbooks = team.playbooksById();
        List<Scorecard> weeks;
        if (tallies.isPresent()) {
            weeks = trend(channel, week, now, sent, playbooks);
        } else {
            List<Issue> found = issues.findActiveBetween(channel, first.start(), week.end());
            weeks = ReviewCompiler.compileWeeks(week, DigestComposer.TREND_WEEKS, found, sent, playbooks);
        }
        List<ProudMoment> moments = proudMoments.findBetween(channel.tenant(), week.start(), week.end()).stream()
                .filter(moment -> moment.channel().map(channel::equals).orElse(true)).toList();
        Digest digest = new DigestComposer(person -> team.profile(person).displayName(),
                gateway.markup(channel.platform())).compose(weeks, stories.tell(moments));
        byte[] png = chart.render(digest.trend());
        gateway.post(channel, digest.text(), Optional.of(new ChatGateway.Attachment(
                "happy3-trend-" + week.label() + ".png", "image/png", png)));
    }
}
