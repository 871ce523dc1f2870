package io.happy3.domain.review;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.Evidence;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueState;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeKey;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.Recipient;
import io.happy3.domain.playbook.Step;
import io.happy3.domain.playbook.StepId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A hand-built fortnight of support history: 2026-W46 (9–15 Nov) and 2026-W47 (16–22 Nov), UTC.
 * ReviewCompilerTest lists the expected number for every scorecard line next to the events here.
 */
final class WeekFixture {
    static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
    static final UserRef ALICE = user("UALICE");
    static final UserRef BOB = user("UBOB");
    static final ReviewPeriod W47 = ReviewPeriod.isoWeek("2026-W47", ZoneOffset.UTC);
    static final ReviewPeriod W46 = W47.previous();

    private WeekFixture() {
    }

    static UserRef user(String id) {
        return new UserRef(Platform.SLACK, "T1", id);
    }

    /** 2026-11-{day} at {hhmm} UTC. */
    static Instant at(int day, String hhmm) {
        return Instant.parse(String.format("2026-11-%02dT%s:00Z", day, hhmm));
    }

    static Map<PlaybookId, Playbook> playbooks() {
        Step firstResponse = new Step(new StepId("first-response"), IssueEventType.ISSUE_OPENED,
                Optional.of(IssueEventType.AGENT_REPLIED), Duration.ofMinutes(10), Recipient.CHANNEL_AGENTS,
                "{customer} waits", List.of(NudgeAction.ON_IT, NudgeAction.SNOOZE), 1, Step.DEFAULT_EXPIRY);
        Step confirmResult = new Step(new StepId("confirm-result"), IssueEventType.RESOLUTION_PROPOSED,
                Optional.of(IssueEventType.CUSTOMER_CONFIRMED), Duration.ofHours(2), Recipient.ISSUE_AGENT,
                "confirmed?", List.of(NudgeAction.CUSTOMER_CONFIRMED, NudgeAction.ASKED_NOW, NudgeAction.SNOOZE), 2,
                Step.DEFAULT_EXPIRY);
        Step followUp = new Step(new StepId("follow-up"), IssueEventType.CUSTOMER_CONFIRMED, Optional.empty(), Duration.ofDays(3),
                Recipient.ISSUE_AGENT, "check in", List.of(NudgeAction.FOLLOWED_UP, NudgeAction.SKIP), 1,
                Step.DEFAULT_EXPIRY);
        Playbook playbook = new Playbook(PlaybookId.DEFAULT, "playbooks/default.yaml", List.of("C1"), Set.of("UALICE", "UBOB"),
                Set.of(), Optional.empty(), Optional.empty(), Map.of(), List.of(firstResponse, confirmResult, followUp),
                Duration.ofMinutes(15), Playbook.DEFAULT_STALE_AFTER, Playbook.DEFAULT_MAX_NUDGES_PER_AGENT_PER_DAY,
                Optional.empty());
        return Map.of(PlaybookId.DEFAULT, playbook);
    }

    static List<Issue> issues() {
        return List.of(
                // W46
                issue("p1", user("UC2"), at(10, "09:00")).agentReplied(ALICE, at(10, "09:30"))
                        .proposed(ALICE, at(10, "10:00")).confirmed(user("UC2"), at(10, "10:20"), Evidence.CUSTOMER_WORDS)
                        .followedUp(ALICE, at(13, "11:00")).build(),
                issue("i9", user("UC6"), at(9, "10:00")).agentReplied(BOB, at(9, "10:10"))
                        .proposed(BOB, at(9, "11:00")).closedStale(at(18, "11:00")).build(),
                // W47
                issue("i1", user("UC1"), at(16, "09:00")).agentReplied(ALICE, at(16, "09:05"))
                        .proposed(ALICE, at(16, "10:00")).confirmed(user("UC1"), at(16, "10:30"), Evidence.CUSTOMER_WORDS)
                        .gratitude(user("UC1"), at(16, "10:31")).followedUp(ALICE, at(19, "11:00")).build(),
                issue("i2", user("UC2"), at(16, "10:00")).agentReplied(BOB, at(16, "10:40"))
                        .customerReplied(at(16, "11:00")).agentReplied(BOB, at(16, "11:10"))
                        .proposed(BOB, at(16, "12:00")).confirmed(BOB, at(16, "12:30"), Evidence.AGENT_ATTESTED).build(),
                issue("i3", user("UC3"), at(17, "09:00")).agentReplied(ALICE, at(17, "09:20"))
                        .proposed(ALICE, at(17, "09:30")).confirmed(user("UC3"), at(17, "10:00"), Evidence.CUSTOMER_REACTION)
                        .followedUp(ALICE, at(20, "10:00")).customerReplied(at(20, "10:30")).reopened(at(20, "10:30"))
                        .agentReplied(ALICE, at(20, "10:35")).proposed(ALICE, at(20, "15:00")).build(),
                issue("i4", user("UC4"), at(18, "14:00")).agentReplied(BOB, at(18, "14:02"))
                        .promise(BOB, at(18, "14:05"), at(19, "12:00")).agentReplied(BOB, at(19, "11:00")).build(),
                issue("i5", user("UC5"), at(21, "22:00")).build(),
                issue("i6", user("UC6"), at(22, "23:50")).build(),
                issue("i7", user("UC1"), at(20, "09:00")).bounceBack(at(20, "09:00"))
                        .agentReplied(ALICE, at(20, "09:10")).build(),
                issue("i8", user("UC7"), at(17, "08:00")).rootDeleted(at(17, "08:01")).build());
    }

    static List<Nudge> nudges() {
        return List.of(
                nudge("i2", "first-response", BOB, at(16, "10:00"), at(16, "10:10")).answered("on_it", NudgeStatus.ACTED),
                nudge("i5", "first-response", ALICE, at(21, "22:00"), at(21, "22:10")),
                nudge("i3", "first-response", ALICE, at(17, "09:00"), at(17, "09:10"))
                        .snoozedUntil(at(17, "09:40"), at(18, "09:40")),
                nudge("i3", "confirm-result", ALICE, at(20, "15:00"), at(20, "17:00"))
                        .answered("dismiss", NudgeStatus.DISMISSED),
                nudge("i2", "follow-up", BOB, at(16, "12:30"), at(19, "12:30")).answered("skip", NudgeStatus.DISMISSED),
                nudge("i1", "follow-up", ALICE, at(16, "10:30"), at(19, "10:30"))
                        .answered("followed_up", NudgeStatus.ACTED),
                nudge("i3", "follow-up", ALICE, at(17, "10:00"), at(20, "10:00"))
                        .answered("followed_up", NudgeStatus.ACTED),
                Nudge.planned(new NudgeKey(issueId("i2"), new StepId("confirm-result"), 1, 0, BOB), CHANNEL, PlaybookId.DEFAULT,
                        at(16, "12:00"), at(16, "14:00"), at(17, "14:00"), at(16, "12:00"))
                        .withStatus(NudgeStatus.CANCELLED),
                nudge("i8", "first-response", ALICE, at(17, "08:00"), at(17, "08:10")),
                nudge("p1", "first-response", ALICE, at(10, "09:00"), at(10, "09:10"))
                        .answered("on_it", NudgeStatus.ACTED));
    }

    /** Names agents and customers as a platform shows them, finds the fixture's issues and i1's desired result. */
    static ProudStories.Lookup lookup() {
        return new ProudStories.Lookup() {
            @Override
            public String name(UserRef person) {
                return Map.of("UALICE", "Alice", "UBOB", "Bob", "UC1", "Priya (Northwind)", "UC3", "Jonas", "UC4", "Mei")
                        .getOrDefault(person.user(), person.user());
            }

            @Override
            public Optional<Issue> issue(io.happy3.domain.issue.IssueId id) {
                return issues().stream().filter(issue -> issue.id().equals(id)).findFirst();
            }

            @Override
            public Optional<String> desiredResult(io.happy3.domain.issue.IssueId id) {
                return id.equals(issueId("i1")) ? Optional.of("the nightly export in finance by 8:00")
                        : Optional.empty();
            }
        };
    }

    static io.happy3.domain.issue.IssueId issueId(String ts) {
        return io.happy3.domain.issue.IssueId.of(new MessageRef(CHANNEL, ts));
    }

    private static Nudge nudge(String ts, String step, UserRef to, Instant triggeredAt, Instant dueAt) {
        return Nudge.planned(new NudgeKey(issueId(ts), new StepId(step), 0, 0, to), CHANNEL, PlaybookId.DEFAULT, triggeredAt, dueAt,
                dueAt.plus(Duration.ofDays(1)), triggeredAt).sent(dueAt, false);
    }

    static IssueBuilder issue(String ts, UserRef customer, Instant openedAt) {
        return new IssueBuilder(Issue.open(new MessageRef(CHANNEL, ts), customer, PlaybookId.DEFAULT, openedAt)
                .record(IssueEvent.of(IssueEventType.ISSUE_OPENED, openedAt, customer, ts, "message"),
                        IssueState.OPEN));
    }

    /** Appends events to an issue in the order written. */
    static final class IssueBuilder {
        private Issue issue;

        IssueBuilder(Issue issue) {
            this.issue = issue;
        }

        IssueBuilder agentReplied(UserRef agent, Instant at) {
            return add(IssueEvent.of(IssueEventType.AGENT_REPLIED, at, agent, "m" + at.getEpochSecond(), "message"),
                    IssueState.ENGAGED);
        }

        IssueBuilder customerReplied(Instant at) {
            return add(IssueEvent.of(IssueEventType.CUSTOMER_REPLIED, at, issue.customer(), "c" + at.getEpochSecond(),
                    "message"), issue.state());
        }

        IssueBuilder proposed(UserRef agent, Instant at) {
            return add(IssueEvent.of(IssueEventType.RESOLUTION_PROPOSED, at, agent, null, "phrase"),
                    IssueState.RESOLUTION_PROPOSED);
        }

        IssueBuilder confirmed(UserRef actor, Instant at, Evidence evidence) {
            return add(IssueEvent.confirmed(at, actor, null, "phrase", evidence), IssueState.CONFIRMED);
        }

        IssueBuilder reopened(Instant at) {
            return add(IssueEvent.of(IssueEventType.REOPENED, at, issue.customer(), null, "still_broken"),
                    IssueState.REOPENED);
        }

        IssueBuilder followedUp(UserRef agent, Instant at) {
            return add(IssueEvent.of(IssueEventType.FOLLOWED_UP, at, agent, null, "followed_up"),
                    IssueState.FOLLOWED_UP);
        }

        IssueBuilder promise(UserRef agent, Instant at, Instant due) {
            return add(IssueEvent.promise(at, agent, null, "promise", due), issue.state());
        }

        IssueBuilder bounceBack(Instant at) {
            return add(IssueEvent.of(IssueEventType.BOUNCE_BACK, at, issue.customer(), null, "14d"), issue.state());
        }

        IssueBuilder gratitude(UserRef customer, Instant at) {
            return add(IssueEvent.of(IssueEventType.GRATITUDE, at, customer, null, "thanks"), issue.state());
        }

        IssueBuilder closedStale(Instant at) {
            return add(IssueEvent.of(IssueEventType.CLOSED_STALE, at, null, null, "stale"), IssueState.STALE);
        }

        IssueBuilder rootDeleted(Instant at) {
            return add(IssueEvent.of(IssueEventType.ROOT_DELETED, at, null, null, "deleted"), issue.state());
        }

        private IssueBuilder add(IssueEvent event, IssueState state) {
            issue = issue.record(event, state);
            return this;
        }

        Issue build() {
            return issue;
        }
    }
}
