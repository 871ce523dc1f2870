package io.happy3.adapter.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.Recipient;
import io.happy3.domain.playbook.Step;
import io.happy3.domain.playbook.StepId;
import io.happy3.domain.playbook.WorkingHours;
import io.happy3.domain.signal.Signal;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class YamlPlaybookLoaderTest {
    private static final Path BROKEN = Path.of("src/test/resources/playbooks/broken");
    private final YamlPlaybookLoader loader = new YamlPlaybookLoader();

    @Test
    void load_designExample_hasExactlyTheValuesShown() {
        Path file = Path.of("src/test/resources/playbooks/design-example.yaml");

        Playbook playbook = loader.load(file);

        assertThat(playbook.id().value()).isEqualTo("default");
        assertThat(playbook.source()).isEqualTo(file.toString());
        assertThat(playbook.channels()).containsExactly("C0SUPPORT");
        assertThat(playbook.agents()).containsExactlyInAnyOrder("U0AGENT1", "U0AGENT2");
        assertThat(playbook.leads()).isEmpty();
        assertThat(playbook.timezone()).contains(ZoneId.of("Europe/Berlin"));
        assertThat(playbook.workingHours()).contains(new WorkingHours(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0)));
        assertThat(playbook.signals()).isEqualTo(Map.of(
                Signal.RESOLUTION_PROPOSED, List.of("deployed a fix", "should work now"),
                Signal.CUSTOMER_CONFIRMED, List.of("works now", "that did it"),
                Signal.STILL_BROKEN, List.of("still broken", "same error")));
        assertThat(playbook.steps()).containsExactly(
                new Step(new StepId("first-response"), IssueEventType.ISSUE_OPENED, Optional.of(IssueEventType.AGENT_REPLIED),
                        Duration.ofMinutes(10), Recipient.CHANNEL_AGENTS,
                        "{customer} has waited {waited} in {channel}. A quick hello now beats a perfect answer later.",
                        List.of(NudgeAction.ON_IT, NudgeAction.SNOOZE), 1, Step.DEFAULT_EXPIRY),
                new Step(new StepId("confirm-result"), IssueEventType.RESOLUTION_PROPOSED,
                        Optional.of(IssueEventType.CUSTOMER_CONFIRMED), Duration.ofHours(2), Recipient.ISSUE_AGENT,
                        "You said this is fixed. Has {customer} confirmed it works for them? "
                                + "Try asking: \"Could you check whether it works on your side now?\"",
                        List.of(NudgeAction.CUSTOMER_CONFIRMED, NudgeAction.ASKED_NOW, NudgeAction.NOT_RESOLVED,
                                NudgeAction.SNOOZE), 2, Step.DEFAULT_EXPIRY),
                new Step(new StepId("follow-up"), IssueEventType.CUSTOMER_CONFIRMED, Optional.empty(), Duration.ofDays(3),
                        Recipient.ISSUE_AGENT,
                        "{customer} confirmed the fix 3 days ago. Check in: is everything still working?",
                        List.of(NudgeAction.FOLLOWED_UP, NudgeAction.SKIP), 1, Step.DEFAULT_EXPIRY));
        assertThat(playbook.responseTarget()).isEqualTo(Playbook.DEFAULT_RESPONSE_TARGET);
        assertThat(playbook.staleAfter()).isEqualTo(Playbook.DEFAULT_STALE_AFTER);
        assertThat(playbook.maxNudgesPerAgentPerDay()).isEqualTo(Playbook.DEFAULT_MAX_NUDGES_PER_AGENT_PER_DAY);
    }

    @Test
    void load_shippedDefault_hasTheFiveHappy3Steps() {
        Playbook playbook = loader.load(Path.of("playbooks/default.yaml"));

        assertThat(playbook.steps()).extracting(step -> step.id().value())
                .containsExactly("first-response", "still-waiting", "confirm-result", "follow-up", "promise-due");
        assertThat(playbook.step(new StepId("confirm-result")).orElseThrow().max()).isEqualTo(2);
        assertThat(playbook.step(new StepId("follow-up")).orElseThrow().unless()).contains(IssueEventType.FOLLOWED_UP);
        Step promise = playbook.step(new StepId("promise-due")).orElseThrow();
        assertThat(promise.when()).isEqualTo(IssueEventType.PROMISE_MADE);
        assertThat(promise.after()).isZero();
        assertThat(playbook.workingHours()).isPresent();
    }

    @Test
    void parse_extraKeys_readsThemAndKeepsDefaultsOtherwise() {
        Playbook playbook = loader.parse("team.yaml", """
                id: team
                leads: [U0LEAD]
                response_target: 5m
                stale_after: 14d
                max_nudges_per_agent_per_day: 12
                steps:
                  - id: ping
                    when: issue_opened
                    after: 30s
                    to: issue_agent
                    nudge: "Hi {agent}"
                    expires: 2h
                """);

        assertThat(playbook.source()).isEqualTo("team.yaml");
        assertThat(playbook.leads()).isEqualTo(Set.of("U0LEAD"));
        assertThat(playbook.responseTarget()).isEqualTo(Duration.ofMinutes(5));
        assertThat(playbook.staleAfter()).isEqualTo(Duration.ofDays(14));
        assertThat(playbook.maxNudgesPerAgentPerDay()).isEqualTo(12);
        Step step = playbook.steps().get(0);
        assertThat(step.after()).isEqualTo(Duration.ofSeconds(30));
        assertThat(step.expires()).isEqualTo(Duration.ofHours(2));
        assertThat(step.max()).isEqualTo(1);
        assertThat(step.actions()).isEmpty();
        assertThat(playbook.timezone()).isEmpty();
        assertThat(playbook.workingHours()).isEmpty();
        assertThat(playbook.channels()).isEmpty();
    }

    @Test
    void load_unknownKeys_reportsEachWithDidYouMean() {
        assertThat(problems("unknown-keys.yaml")).containsExactly(
                "unknown-keys.yaml:2:1: unknown key 'chanels'; did you mean 'channels'?",
                "unknown-keys.yaml:4:3: working_hours is missing the required key 'from'",
                "unknown-keys.yaml:5:3: unknown key 'form'; did you mean 'from'?",
                "unknown-keys.yaml:8:5: step 'first-response' is missing the required key 'nudge'",
                "unknown-keys.yaml:12:5: unknown key 'nudg'; did you mean 'nudge'?",
                "unknown-keys.yaml:13:5: unknown key 'colour' in step 'first-response'; known keys: id, when, unless,"
                        + " after, to, nudge, actions, max, expires");
    }

    @Test
    void load_badDurations_reportsEachAtItsValue() {
        assertThat(problems("bad-durations.yaml")).containsExactly(
                "bad-durations.yaml:2:18: response_target: must be longer than 0",
                "bad-durations.yaml:3:14: stale_after: '1w' is not a duration; write a number and a unit: 30s, 10m,"
                        + " 2h or 3d",
                "bad-durations.yaml:7:12: after: '10 minutes' is not a duration; write a number and a unit: 30s, 10m,"
                        + " 2h or 3d",
                "bad-durations.yaml:13:14: expires: must be longer than 0",
                "bad-durations.yaml:18:12: after: '90' is not a duration; write a number and a unit: 30s, 10m, 2h"
                        + " or 3d");
    }

    @Test
    void load_unknownEventsRecipientActionAndSignal_reportsEachWithDidYouMean() {
        assertThat(problems("unknown-names.yaml")).containsExactly(
                "unknown-names.yaml:3:3: signals: unknown signal 'still_brokn'; did you mean 'still_broken'?",
                "unknown-names.yaml:7:11: when: unknown event 'issue_open'; did you mean 'issue_opened'?",
                "unknown-names.yaml:8:13: unless: unknown event 'agent_replyed'; did you mean 'agent_replied'?",
                "unknown-names.yaml:10:9: to: unknown recipient 'everyone'; use one of: channel_agents, issue_agent",
                "unknown-names.yaml:12:22: actions: unknown action 'snoze'; did you mean 'snooze'?");
    }

    @Test
    void load_badTimeZoneDayAndTime_reportsEach() {
        assertThat(problems("bad-time.yaml")).containsExactly(
                "bad-time.yaml:2:11: timezone: 'Europe/Berln' is not a time zone; did you mean 'Europe/Berlin'?",
                "bad-time.yaml:4:15: days: unknown day 'funday'; use mon, tue, wed, thu, fri, sat, sun",
                "bad-time.yaml:5:9: from: '9am' is not a time; write it as \"HH:MM\" on a 24-hour clock,"
                        + " e.g. \"09:00\"");
    }

    @Test
    void load_workingHoursEndBeforeStart_reportsTheEnd() {
        assertThat(problems("hours-reversed.yaml")).containsExactly(
                "hours-reversed.yaml:5:7: to: 09:00 is not after from 18:00; a working window must end on the day"
                        + " it starts");
    }

    @Test
    void load_undefinedPlaceholders_reportsEachAtTheBraceEvenInFoldedText() {
        assertThat(problems("placeholders.yaml")).containsExactly(
                "placeholders.yaml:7:31: nudge: unknown placeholder {wait}; did you mean {waited}?",
                "placeholders.yaml:13:35: nudge: unknown placeholder {custmer}; did you mean {customer}?",
                "placeholders.yaml:14:38: nudge: unknown placeholder {ticket_url}; use {customer}, {agent},"
                        + " {channel}, {waited}, {link}, {due}, {step}");
    }

    @Test
    void load_duplicateStepIds_reportsTheSecond() {
        assertThat(problems("duplicate-steps.yaml")).containsExactly(
                "duplicate-steps.yaml:8:9: id: duplicate step id 'first-response' (first at line 3)");
    }

    @Test
    void load_missingRequiredKeys_reportsEachAtItsMapping() {
        assertThat(problems("missing-keys.yaml")).containsExactly(
                "missing-keys.yaml:1:1: the playbook is missing the required key 'id'",
                "missing-keys.yaml:3:5: step 'first-response' is missing the required key 'to'",
                "missing-keys.yaml:3:5: step 'first-response' is missing the required key 'nudge'",
                "missing-keys.yaml:6:5: steps[2] is missing the required key 'id'");
    }

    @Test
    void load_unlessEqualsWhen_reportsTheGuard() {
        assertThat(problems("unless-equals-when.yaml")).containsExactly(
                "unless-equals-when.yaml:5:13: unless: is the same event as when, so the step could never nudge");
    }

    @Test
    void load_unterminatedQuote_reportsWhereTheQuoteStarts() {
        assertThat(problems("syntax-error.yaml")).containsExactly(
                "syntax-error.yaml:5:12: YAML syntax error: while scanning a quoted scalar: found unexpected end of"
                        + " stream (at line 7, column 1)");
    }

    @Test
    void load_colonInsidePlainValue_reportsItsLocation() {
        assertThat(problems("syntax-mapping.yaml")).singleElement().asString()
                .startsWith("syntax-mapping.yaml:4:23: YAML syntax error: ")
                .contains("mapping values are not allowed here");
    }

    @Test
    void load_wrongTypes_reportsWhatWasExpectedAndWhatWasFound() {
        assertThat(problems("wrong-types.yaml")).containsExactly(
                "wrong-types.yaml:2:11: channels: expected a list like [a, b], got a string",
                "wrong-types.yaml:4:3: agents: expected a list like [a, b], got a mapping",
                "wrong-types.yaml:7:11: when: expected a single value, got a list",
                "wrong-types.yaml:11:14: actions: expected a list like [a, b], got a string",
                "wrong-types.yaml:12:10: max: expected a whole number from 1 to 10, got 'two'",
                "wrong-types.yaml:13:5: steps[2]: expected a mapping of keys to values, got a string");
    }

    @Test
    void load_severalErrorsInOneFile_reportsAllOfThemInLineOrder() {
        assertThat(problems("several-errors.yaml")).containsExactly(
                "several-errors.yaml:2:11: timezone: 'Mars/Olympus' is not a time zone; use a region id like"
                        + " Europe/Berlin, America/New_York or UTC",
                "several-errors.yaml:6:12: after: 'soon' is not a duration; write a number and a unit: 30s, 10m, 2h"
                        + " or 3d",
                "several-errors.yaml:8:19: nudge: unknown placeholder {nobody}; use {customer}, {agent}, {channel},"
                        + " {waited}, {link}, {due}, {step}",
                "several-errors.yaml:14:28: actions: unknown action 'maybe'; use any of: on_it, customer_confirmed,"
                        + " asked_now, not_resolved, snooze, followed_up, skip, dismiss");
    }

    @Test
    void parse_repeatingStepWithZeroAfter_reportsMax() {
        assertThat(problemsOf("""
                id: loop
                steps:
                  - id: spam
                    when: issue_opened
                    after: 0m
                    to: issue_agent
                    nudge: Hello
                    max: 3
                """)).containsExactly("loop.yaml:8:10: max: a step repeats every 'after', so max above 1 needs an"
                + " 'after' longer than 0");
    }

    @Test
    void parse_duplicateKey_reportsTheSecondOccurrence() {
        assertThat(problemsOf("""
                id: twice
                steps: []
                id: again
                """)).containsExactly("loop.yaml:3:1: duplicate key 'id' (first at line 1); keep one");
    }

    @Test
    void parse_samePlaceholderTwice_reportsEachOccurrence() {
        assertThat(problemsOf("""
                id: twice
                steps: [{id: a, when: issue_opened, after: 1m, to: issue_agent, nudge: "{x} and {x}"}]
                """)).extracting(problem -> problem.substring(0, problem.indexOf(": nudge")))
                .containsExactly("loop.yaml:2:73", "loop.yaml:2:81");
    }

    @Test
    void parse_alias_isReportedAsUnsupported() {
        assertThat(problemsOf("""
                id: &name aliased
                steps: []
                channels: [*name]
                """)).containsExactly("loop.yaml:3:12: YAML aliases (*name) are not supported; write the value out");
    }

    @Test
    void parse_emptyFile_reportsWhatAPlaybookNeeds() {
        assertThat(problemsOf("# nothing yet\n"))
                .containsExactly("loop.yaml:1:1: the file is empty; a playbook needs at least 'id' and 'steps'");
    }

    @Test
    void parse_emptyValue_reportsTheKey() {
        assertThat(problemsOf("""
                id: empty
                timezone:
                steps: []
                """)).containsExactly("loop.yaml:2:10: timezone: has no value; give one or remove the key");
    }

    @Test
    void load_missingFile_reportsNoSuchFile() {
        assertThat(problems("does-not-exist.yaml"))
                .containsExactly("does-not-exist.yaml:1:1: no such file");
    }

    @Test
    void load_brokenFile_throwsWithEveryProblemInTheMessage() {
        InvalidPlaybookException thrown = catchThrowableOfType(InvalidPlaybookException.class,
                () -> loader.load(BROKEN.resolve("several-errors.yaml")));

        assertThat(thrown.problems()).hasSize(4);
        assertThat(thrown.getMessage()).startsWith("invalid playbook, 4 problems:\n")
                .contains(BROKEN.resolve("several-errors.yaml") + ":6:12: after: 'soon'");
    }

    @Test
    void playbookProblem_zeroLine_isRejected() {
        assertThatThrownBy(() -> new PlaybookProblem("f.yaml", 0, 1, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> problems(String fixture) {
        InvalidPlaybookException thrown = catchThrowableOfType(InvalidPlaybookException.class,
                () -> loader.load(BROKEN.resolve(fixture)));
        assertThat(thrown).as("problems of " + fixture).isNotNull();
        String prefix = BROKEN + "/";
        return thrown.problems().stream().map(problem -> problem.toString().replace(prefix, "")).toList();
    }

    private List<String> problemsOf(String yaml) {
        InvalidPlaybookException thrown = catchThrowableOfType(InvalidPlaybookException.class,
                () -> loader.parse("loop.yaml", yaml));
        assertThat(thrown).isNotNull();
        return thrown.problems().stream().map(PlaybookProblem::toString).toList();
    }
}
