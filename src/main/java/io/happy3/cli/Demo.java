package io.happy3.cli;

import io.happy3.adapter.console.ConsoleChatGateway;
import io.happy3.adapter.playbook.YamlPlaybookLoader;
import io.happy3.adapter.slack.SlackMarkup;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.storage.JdbcAgentPreferenceStore;
import io.happy3.adapter.storage.JdbcChannelSettingsStore;
import io.happy3.adapter.storage.JdbcCustomerNoteStore;
import io.happy3.adapter.storage.JdbcDesiredResultStore;
import io.happy3.adapter.storage.JdbcIssueStore;
import io.happy3.adapter.storage.JdbcNudgeStore;
import io.happy3.adapter.storage.JdbcProudMomentStore;
import io.happy3.app.Engine;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.Reaction;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.issue.IssueId;
import io.happy3.domain.issue.Transition;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.team.AgentDirectory;
import io.happy3.domain.team.AgentProfile;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.domain.time.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code happy3 demo}: replays the shipped week through the real engine, on an embedded H2 database
 * and a simulated clock, printing each message, what it did to its issue, and each nudge as the agent
 * would see it; then the week's review and digest.
 */
public final class Demo {
    private static final Duration RITUAL_TICK = Duration.ofMinutes(15);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final PrintStream out;
    private final long paceMillis;
    private ZoneId zone = ZoneId.of("UTC");
    private io.happy3.app.RunWeeklyRituals rituals;

    public Demo(PrintStream out, long paceMillis) {
        this.out = out;
        this.paceMillis = paceMillis;
    }

    /** A scripted step at its instant, with the conversation it belongs to. */
    private record Timed(Instant at, int conversation, int order, DemoScript.Step step) {
    }

    public int run() {
        DemoScript script = DemoScript.load(resource("demo/week.yaml"));
        zone = script.zoneId();
        ManualClock clock = new ManualClock(script.weekStart());
        Playbook playbook = new YamlPlaybookLoader().parse("playbooks/default.yaml", text(resource(
                "playbooks/default.yaml")));
        String tenant = script.tenant();
        ChannelRef channel = new ChannelRef(Platform.LOCAL, tenant, script.channel().id());
        Map<String, String> titles = new HashMap<>();
        Map<String, String> names = script.people().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().name()));
        ConsoleChatGateway gateway = new ConsoleChatGateway(out, clock, zone,
                user -> names.getOrDefault(user.user(), user.user()), titles, new SlackMarkup());
        try (Database database = Database.open("jdbc:h2:mem:happy3-demo-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1", "", "")) {
            Engine.Stores stores = new Engine.Stores(new JdbcIssueStore(database), new JdbcNudgeStore(database),
                    new JdbcProudMomentStore(database), new JdbcChannelSettingsStore(database),
                    new JdbcAgentPreferenceStore(database), new JdbcCustomerNoteStore(database),
                new JdbcDesiredResultStore(database),
                new io.happy3.adapter.storage.JdbcCheckInStore(database));
            Engine engine = new Engine(stores, PlaybookSource.of(List.of(playbook)), directory(names, zone),
                    gateway, clock, zone, "demo"); // rules alone, as serve by default
            rituals = engine.rituals(new io.happy3.adapter.storage.JdbcRitualLedger(database, clock),
                    io.happy3.adapter.chart.TrendChart::render, io.happy3.app.RunWeeklyRituals.Times.DEFAULT);
            follow(stores, channel, script);
            header(script, playbook);
            replay(script, engine, stores, channel, clock, titles, names);
            out.printf("%n══ The week's review, as team lead %s sees it on Sunday night (/review) ══%n",
                    names.get(leadOf(script)));
            engine.router().route(new ChatEvent.CommandInvoked("demo-final-review", channel, user(channel,
                    leadOf(script)), "review", "", "console", clock.instant()));
            checkInList(engine, channel, clock, script);
            out.printf("%n%d nudges delivered this week; the digest chart is in %s%n", gateway.delivered(),
                    gateway.lastImage().map(Object::toString).orElse("(no chart)"));
        }
        return 0;
    }

    /**
     * Two weeks on, the first agent opens their check-in list: the fixes confirmed this week are due for an "is it
     * still working?" (the playbook's {@code after_confirmed: [14d, 30d]}), with the notes on each customer.
     */
    private void checkInList(Engine engine, ChannelRef channel, ManualClock clock, DemoScript script) {
        String agent = script.people().entrySet().stream().filter(entry -> entry.getValue().agent())
                .map(Map.Entry::getKey).sorted().findFirst().orElseThrow();
        clock.set(script.weekStart().plus(java.time.Duration.ofDays(14)).plus(java.time.Duration.ofHours(9)));
        out.printf("%n══ Two weeks later, Monday 09:00: %s's check-in list (/happy3 checkins) ══%n",
                script.people().get(agent).name());
        engine.router().route(new ChatEvent.CommandInvoked("demo-checkins", channel, user(channel, agent), "happy3",
                "checkins", "console", clock.instant()));
    }

    private void header(DemoScript script, Playbook playbook) {
        long agents = script.people().values().stream().filter(DemoScript.Person::agent).count();
        out.printf("Happy3 demo — week %s in #%s (%s), %d agents, %d conversations, playbook '%s' (%d steps)%n",
                script.week(), script.channel().name(), script.zone(), agents, script.conversations().size(),
                playbook.id(), playbook.steps().size());
        out.println("Every message below runs through the real engine; nudges show as the agent would see them.");
        out.println("Signals come from the built-in phrase rules and the playbook's phrases, each message read in its "
                + "thread (as serve does by default; the trained model is opt-in, HAPPY3_SIGNAL_MODEL=true).");
    }

    private static void follow(Engine.Stores stores, ChannelRef channel, DemoScript script) {
        Set<String> agents = new HashSet<>();
        Set<String> leads = new HashSet<>();
        script.people().forEach((id, person) -> {
            if (person.agent()) {
                agents.add(id);
            }
            if (person.lead()) {
                leads.add(id);
            }
        });
        ChannelSettings settings = new ChannelSettings(channel, true, PlaybookId.DEFAULT, agents, Set.of(), leads,
                Optional.of(script.channel().name()));
        stores.channelSettings().save(settings);
    }

    private static String leadOf(DemoScript script) {
        return script.people().entrySet().stream().filter(entry -> entry.getValue().lead()).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalStateException("the demo script names no lead"));
    }

    private static AgentDirectory directory(Map<String, String> names, ZoneId zone) {
        return new AgentDirectory() {
            @Override
            public AgentProfile profile(UserRef user) {
                return new AgentProfile(user, names.getOrDefault(user.user(), user.user()), Optional.of(zone),
                        Optional.empty());
            }

            @Override
            public Set<String> groupMembers(String tenant, String groupId) {
                return Set.of();
            }
        };
    }

    private void replay(DemoScript script, Engine engine, Engine.Stores stores, ChannelRef channel,
                        ManualClock clock, Map<String, String> titles, Map<String, String> names) {
        Map<Integer, String> roots = new HashMap<>();
        Map<Integer, String> lastAgentMessage = new HashMap<>();
        String day = "";
        int sequence = 0;
        for (Timed timed : timeline(script)) {
            runUntil(engine, stores, clock, timed.at(), script.zoneId(), day);
            day = DAY.format(clock.instant().atZone(script.zoneId()));
            DemoScript.Step step = timed.step();
            String eventId = "demo-" + (++sequence);
            if (step.curate() != null || step.command() != null || step.press() != null) {
                act(engine, stores, channel, roots.get(timed.conversation()), step, eventId, timed.at(), names);
                continue;
            }
            UserRef author = user(channel, step.from());
            if (step.react() != null) {
                String target = lastAgentMessage.getOrDefault(timed.conversation(), roots.get(timed.conversation()));
                react(engine, new MessageRef(channel, target), Optional.ofNullable(roots.get(timed.conversation())),
                        author, step, eventId, timed.at(), names);
                continue;
            }
            String messageId = "m" + sequence;
            Optional<String> root = Optional.ofNullable(roots.get(timed.conversation()));
            if (root.isEmpty()) {
                roots.put(timed.conversation(), messageId);
                titles.put(messageId, script.conversations().get(timed.conversation()).title());
            }
            if (script.people().get(step.from()).agent()) {
                lastAgentMessage.put(timed.conversation(), messageId);
            }
            post(engine, new ChatEvent.MessagePosted(eventId, new MessageRef(channel, messageId), author, false, root,
                    step.text(), timed.at()), names.get(step.from()));
        }
        runUntil(engine, stores, clock, script.weekStart().plus(Duration.ofDays(7)).minusSeconds(60), script.zoneId(), day);
    }

    private void post(Engine engine, ChatEvent.MessagePosted message, String author) {
        line(message.at(), author, "“" + message.text() + "”");
        engine.follow().handle(message).ifPresent(this::describe);
        engine.desiredResults().notice(message);
    }

    /** Every step of every conversation, in the order they happen (by time, then conversation, then step). */
    private static List<Timed> timeline(DemoScript script) {
        List<Timed> timeline = new ArrayList<>();
        for (int c = 0; c < script.conversations().size(); c++) {
            List<DemoScript.Step> steps = script.conversations().get(c).events();
            for (int s = 0; s < steps.size(); s++) {
                timeline.add(new Timed(script.instant(steps.get(s).at()), c, s, steps.get(s)));
            }
        }
        timeline.sort(Comparator.comparing(Timed::at).thenComparing(Timed::conversation).thenComparing(Timed::order));
        return timeline;
    }

    /** A step that is not a message: a lead curating, a command, or an agent pressing a nudge's button. */
    private void act(Engine engine, Engine.Stores stores, ChannelRef channel, String root, DemoScript.Step step,
                     String eventId, Instant at, Map<String, String> names) {
        if (step.curate() != null) {
            curate(engine, stores, channel, step, eventId, at, names);
        } else if (step.command() != null) {
            command(engine, channel, step, eventId, at, names);
        } else {
            press(engine, stores, channel, root, step, eventId, at, names);
        }
    }

    private void command(Engine engine, ChannelRef channel, DemoScript.Step step, String eventId, Instant at,
                         Map<String, String> names) {
        String text = step.text() == null ? "" : step.text();
        line(at, names.get(step.by()), "/" + step.command() + " " + text);
        engine.router().route(new ChatEvent.CommandInvoked(eventId, channel, user(channel, step.by()), step.command(),
                text, "console", at));
    }

    private void react(Engine engine, MessageRef target, Optional<String> root, UserRef author, DemoScript.Step step,
                       String eventId, Instant at, Map<String, String> names) {
        line(at, names.get(step.from()), "reacts :" + step.react() + ":");
        Reaction reaction = step.react().contains("check") ? Reaction.CONFIRM
                : step.react().contains("star") ? Reaction.STAR : Reaction.OTHER;
        engine.follow().handle(new ChatEvent.ReactionAdded(eventId, target, author, false, root, reaction, at))
                .ifPresent(this::describe);
    }

    private void press(Engine engine, Engine.Stores stores, ChannelRef channel, String root, DemoScript.Step step,
                       String eventId, Instant at, Map<String, String> names) {
        UserRef agent = user(channel, step.by());
        Optional<Nudge> nudge = stores.nudges().findByIssue(IssueId.of(new MessageRef(channel, root))).stream()
                .filter(found -> found.stepId().value().equals(step.step()) && found.recipient().equals(agent))
                .filter(found -> found.sentAt().isPresent())
                .max(Comparator.comparing(found -> found.sentAt().get()));
        if (nudge.isEmpty()) {
            out.printf("  %s  (%s had no %s nudge to answer)%n", TIME.format(at), names.get(step.by()), step.step());
            return;
        }
        engine.router().route(new ChatEvent.ActionChosen(eventId, agent, nudge.get().id().value(), step.press(),
                step.value() == null ? "" : step.value(), "console", at));
    }

    private void curate(Engine engine, Engine.Stores stores, ChannelRef channel, DemoScript.Step step, String eventId,
                        Instant at, Map<String, String> names) {
        UserRef lead = user(channel, step.by());
        io.happy3.domain.review.ReviewPeriod week = io.happy3.domain.review.ReviewPeriod.containing(at, zone);
        int index = 0;
        for (io.happy3.domain.review.ProudMoment moment : stores.proudMoments().findBetween(channel.tenant(),
                week.start(), week.end())) {
            // One press decides a whole story (every nomination of its issue), so later ones may be decided already.
            if (stores.proudMoments().find(moment.id()).map(io.happy3.domain.review.ProudMoment::decision)
                    .filter(io.happy3.domain.review.ProudMoment.Decision.NOMINATED::equals).isPresent()) {
                line(at, names.get(step.by()), "presses [" + step.curate() + "]");
                engine.router().route(new ChatEvent.ActionChosen(eventId + "-" + (++index), lead,
                        io.happy3.app.EventRouter.PROUD_TARGET_PREFIX + moment.id(), step.curate(), "", "console", at));
            }
        }
    }

    /**
     * Moves the clock to {@code target}, stopping at every moment a nudge falls due and at every quarter hour
     * (for the weekly rituals), letting the scheduler do its work there: the same ticks a server would run,
     * without idling through empty minutes.
     */
    private void runUntil(Engine engine, Engine.Stores stores, ManualClock clock, Instant target, ZoneId zone,
                          String lastDay) {
        String day = lastDay;
        while (clock.instant().isBefore(target)) {
            Instant now = clock.instant();
            Instant nextRitual = Instant.ofEpochSecond((now.getEpochSecond() / RITUAL_TICK.getSeconds() + 1)
                    * RITUAL_TICK.getSeconds());
            Instant next = stores.nudges().nextDue().filter(due -> due.isAfter(now)).orElse(target);
            next = earliest(earliest(next, nextRitual), target);
            clock.advance(Duration.between(now, next));
            String today = DAY.format(clock.instant().atZone(zone));
            if (!today.equals(day)) {
                out.printf("%n%s%n", today);
                day = today;
            }
            engine.delivery().tick();
            if (clock.instant().getEpochSecond() % RITUAL_TICK.getSeconds() == 0) {
                rituals.tick();
            }
        }
    }

    private static Instant earliest(Instant first, Instant second) {
        return first.isBefore(second) ? first : second;
    }

    private void describe(Transition transition) {
        for (IssueEvent event : transition.events()) {
            String what = switch (event.type()) {
                case ISSUE_OPENED -> "issue opened";
                case AGENT_REPLIED -> transition.issue().events(IssueEventType.AGENT_REPLIED).size() == 1
                        ? "first response after " + io.happy3.domain.nudge.Durations.human(
                        transition.issue().firstResponseTime().orElse(Duration.ZERO)) : null;
                case CUSTOMER_REPLIED -> null;
                case RESOLUTION_PROPOSED -> "fix claimed (" + event.rule() + ")";
                case CUSTOMER_CONFIRMED -> "CONFIRMED — " + event.evidence().map(evidence -> switch (evidence) {
                    case CUSTOMER_WORDS -> "in the customer's words";
                    case CUSTOMER_REACTION -> "by the customer's ✅";
                    case AGENT_ATTESTED -> "attested by the agent";
                }).orElse("") + " (" + event.rule() + ")";
                case REOPENED -> "REOPENED: still broken (" + event.rule() + ")";
                case PROMISE_MADE -> "promise tracked, due " + event.due().map(due -> TIME.format(due.atZone(
                        zone))).orElse("?") + " (" + event.rule() + ")";
                case FOLLOWED_UP -> "followed up (" + event.rule() + ")";
                case GRATITUDE -> "customer thanked the team (" + event.rule() + ")";
                case BOUNCE_BACK -> "bounce-back: same customer again within 14 days";
                default -> event.type().wireName().replace('_', ' ');
            };
            if (what != null) {
                out.printf("         → %s%n", what);
            }
        }
        pace();
    }

    private void line(Instant at, String who, String what) {
        out.printf("  %s  %s: %s%n", TIME.format(at.atZone(zone)), who, what);
        pace();
    }

    private void pace() {
        if (paceMillis > 0) {
            try {
                Thread.sleep(paceMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static UserRef user(ChannelRef channel, String id) {
        return new UserRef(Platform.LOCAL, channel.tenant(), id);
    }

    private static InputStream resource(String name) {
        InputStream stream = Demo.class.getClassLoader().getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException("missing resource " + name + " in the jar");
        }
        return stream;
    }

    private static String text(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a bundled resource", e);
        }
    }
}
