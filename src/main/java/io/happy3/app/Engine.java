package io.happy3.app;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.customer.CustomerNoteStore;
import io.happy3.domain.customer.CheckInStore;
import io.happy3.domain.customer.DesiredResultStore;
import io.happy3.domain.issue.IssueStore;
import io.happy3.domain.review.TallyStore;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.NudgePlanner;
import io.happy3.domain.nudge.NudgeStore;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.review.ProudMomentStore;
import io.happy3.domain.review.RitualLedger;
import io.happy3.domain.review.TrendChartRenderer;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.team.AgentPreferenceStore;
import io.happy3.domain.team.ChannelSettingsStore;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The use cases wired over one set of ports: everything {@code serve}, the demo, the sandbox and the adapter
 * tests share, built once here so that they only choose adapters (stores, chat platforms, clock). Holds no
 * state of its own.
 */
public final class Engine {
    /** The durable state the engine works on. */
    public record Stores(IssueStore issues, NudgeStore nudges, ProudMomentStore proudMoments,
                         ChannelSettingsStore channelSettings, AgentPreferenceStore preferences,
                         CustomerNoteStore customerNotes, DesiredResultStore desiredResults,
                         CheckInStore checkIns, Optional<TallyStore> reviewTallies) {
        /** Without stored review tallies: every review reads the fortnight's histories. */
        public Stores(IssueStore issues, NudgeStore nudges, ProudMomentStore proudMoments,
                      ChannelSettingsStore channelSettings, AgentPreferenceStore preferences,
                      CustomerNoteStore customerNotes, DesiredResultStore desiredResults, CheckInStore checkIns) {
            this(issues, nudges, proudMoments, channelSettings, preferences, customerNotes, desiredResults, checkIns,
                    Optional.empty());
        }

        /** These stores, with the review's tallies kept in {@code tallies}. */
        public Stores withReviewTallies(TallyStore tallies) {
            return new Stores(issues, nudges, proudMoments, channelSettings, preferences, customerNotes,
                    desiredResults, checkIns, Optional.of(tallies));
        }

        public Stores {
            requireNonNull(reviewTallies, "reviewTallies == null");
            requireNonNull(issues, "issues == null");
            requireNonNull(nudges, "nudges == null");
            requireNonNull(proudMoments, "proudMoments == null");
            requireNonNull(channelSettings, "channelSettings == null");
            requireNonNull(preferences, "preferences == null");
            requireNonNull(customerNotes, "customerNotes == null");
            requireNonNull(desiredResults, "desiredResults == null");
            requireNonNull(checkIns, "checkIns == null");
        }
    }

    private final Stores stores;
    private final ChatGateway gateway;
    private final Clock clock;
    private final TeamDirectory team;
    private final FollowConversation follow;
    private final DeliverDueNudges delivery;
    private final AnswerNudge answers;
    private final RunCommand commands;
    private final KeepCustomerNotes notes;
    private final ListCheckIns checkIns;
    private final RecordDesiredResult results;
    private final EventRouter router;
    private final AnswerReview review;
    private final CloseQuietIssues quietIssues;
    private final Optional<ReviewTallies> tallies;

    /** {@code owner} names this replica in scheduler leases (host name + process id is a good choice). */
    public Engine(Stores stores, PlaybookSource playbooks, AgentDirectory directory, ChatGateway gateway,
                  Clock clock, ZoneId teamZone, String owner) {
        this(stores, playbooks, directory, gateway, clock, teamZone, owner, new Signals());
    }

    /** As above, with the signal detectors to use (for example with the trained model). */
    public Engine(Stores stores, PlaybookSource playbooks, AgentDirectory directory, ChatGateway gateway,
                  Clock clock, ZoneId teamZone, String owner, Signals signals) {
        requireNonNull(signals, "signals == null");
        this.stores = requireNonNull(stores, "stores == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.clock = requireNonNull(clock, "clock == null");
        team = new TeamDirectory(stores.channelSettings(), stores.preferences(), directory, playbooks, teamZone);
        NudgePlanner planner = new NudgePlanner(team::zoneOf, team::hoursOf);
        NudgeRenderer renderer = new NudgeRenderer(team, gateway,
                new RecallCustomer(stores.customerNotes(), stores.desiredResults()));
        IssueWriteLocks locks = new IssueWriteLocks();
        PlanNudges plan = new PlanNudges(stores.nudges(), planner, clock);
        RecordTransition record = new RecordTransition(stores.issues(), plan, stores.proudMoments(), gateway);
        follow = new FollowConversation(team, stores.issues(), record, plan, locks, stores.proudMoments(), gateway,
                signals);
        // Rounds of 2,000: with 200 agents due at once, ten nudges share each agent's message (at most 12 fit).
        delivery = new DeliverDueNudges(team, planner, renderer, stores.issues(), stores.nudges(), gateway, clock,
                owner, 2000);
        answers = new AnswerNudge(team, stores.issues(), stores.nudges(), gateway,
                new AnswerNudge.Parts(record, locks, planner, renderer), clock);
        tallies = stores.reviewTallies().map(store -> new ReviewTallies(stores.issues(), store, team::playbooksById));
        review = new AnswerReview(team, stores.issues(), stores.nudges(), stores.proudMoments(),
                stores.desiredResults(), stores.checkIns(), gateway, clock, tallies);
        notes = new KeepCustomerNotes(team, stores.customerNotes(), gateway, clock);
        results = new RecordDesiredResult(team, stores.issues(), stores.desiredResults(), gateway);
        checkIns = new ListCheckIns(team, stores.issues(), stores.customerNotes(), stores.checkIns(), gateway, clock);
        commands = new RunCommand(team, stores.channelSettings(), stores.preferences(), stores.nudges(),
                stores.proudMoments(), gateway, review::answer, new RunCommand.Customers(notes, results,
                        checkIns), clock);
        router = new EventRouter(follow, commands, answers, review::curate, checkIns::press, event -> {
            results.notice(event);
            checkIns.notice(event);
        });
        quietIssues = new CloseQuietIssues(team, stores.issues(), record, locks, clock);
    }

    /** The weekly rituals (proud prompt, digest) over this engine's stores and chat, recorded in {@code ledger}. */
    public RunWeeklyRituals rituals(RitualLedger ledger, TrendChartRenderer chart, RunWeeklyRituals.Times times) {
        return new RunWeeklyRituals(team, stores.issues(), stores.nudges(), stores.proudMoments(),
                stores.desiredResults(), ledger, gateway, chart, times, clock, tallies);
    }

    /** Reports every nudge the scheduler sends or settles to {@code telemetry} (the {@code /metrics} counters). */
    public void reportTo(Telemetry telemetry) {
        delivery.addListener(new DeliveryMetrics(telemetry));
    }

    public AnswerReview review() {
        return review;
    }

    public CloseQuietIssues quietIssues() {
        return quietIssues;
    }

    public EventRouter router() {
        return router;
    }

    public DeliverDueNudges delivery() {
        return delivery;
    }

    public FollowConversation follow() {
        return follow;
    }

    /** What the router runs after each conversation event; for callers that use {@link #follow()} directly. */
    public RecordDesiredResult desiredResults() {
        return results;
    }

    public ListCheckIns checkIns() {
        return checkIns;
    }

    public KeepCustomerNotes notes() {
        return notes;
    }

    public TeamDirectory team() {
        return team;
    }
}
