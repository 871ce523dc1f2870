package io.happy3.adapter.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.app.ChannelContext;
import io.happy3.app.Engine;
import io.happy3.app.RunWeeklyRituals;
import io.happy3.app.Signals;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Reaction;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.issue.IssueEvent;
import io.happy3.domain.issue.Role;
import io.happy3.domain.issue.Transition;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.signal.DetectedSignal;
import io.happy3.domain.team.ChannelSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's behaviour: a person writes as one of {@link SandboxPeople}, reacts, presses a nudge's buttons,
 * runs commands, and moves the simulated clock; everything goes through the real engine (its router, its
 * scheduler tick, its weekly rituals, its stale sweep) for the sandbox tenant alone. One action at a time.
 */
public final class Sandbox {
    static final int MAX_TEXT = 4000;

    private final Engine engine;
    private final Engine.Stores stores;
    private final SandboxScheduler scheduler;
    private final SandboxClock clock;
    private final SandboxLog log;
    private final Runnable eraseTenant;
    private final Clock realClock;
    private final ZoneId teamZone;
    private final ObjectMapper json;
    private final Signals signals = new Signals();
    private final AtomicLong version;

    Sandbox(Engine engine, Engine.Stores stores, RunWeeklyRituals rituals, RunWeeklyRituals.Times times,
            SandboxClock clock, SandboxLog log,
            Runnable eraseTenant, Clock realClock, ZoneId teamZone, ObjectMapper json, AtomicLong version) {
        this.engine = requireNonNull(engine, "engine == null");
        this.stores = requireNonNull(stores, "stores == null");
        this.scheduler = new SandboxScheduler(engine, stores.nudges(), rituals, times, clock);
        this.clock = requireNonNull(clock, "clock == null");
        this.log = requireNonNull(log, "log == null");
        this.eraseTenant = requireNonNull(eraseTenant, "eraseTenant == null");
        this.realClock = requireNonNull(realClock, "realClock == null");
        this.teamZone = requireNonNull(teamZone, "teamZone == null");
        this.json = requireNonNull(json, "json == null");
        this.version = requireNonNull(version, "version == null");
    }

    /** A request the sandbox refuses (unknown person, empty text…); the message says why. */
    static final class BadRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequestException(String message) {
            super(message);
        }
    }

    /** Restores the saved clock, or starts a fresh sandbox; follows the support channel either way. */
    synchronized void open() {
        Optional<Long> saved = log.clock();
        if (saved.isEmpty()) {
            clock.set(SandboxClock.startOfWeek(realClock.instant(), zone()));
            log.saveClock(clock.millis());
        } else {
            clock.set(Instant.ofEpochMilli(saved.get()));
        }
        follow();
    }

    /** Erases the sandbox tenant everywhere and starts again on Monday 9:00 of this week. */
    synchronized void reset() {
        eraseTenant.run();
        log.erase();
        clock.set(SandboxClock.startOfWeek(realClock.instant(), zone()));
        log.saveClock(clock.millis());
        follow();
        changed();
    }

    private void follow() {
        PlaybookId playbook = engine.team().defaultPlaybook().map(Playbook::id).orElse(PlaybookId.DEFAULT);
        Set<String> agents = SandboxPeople.ids("agent", "lead");
        stores.channelSettings().save(new ChannelSettings(SandboxPeople.CHANNEL, true, playbook, agents, Set.of(),
                SandboxPeople.ids("lead"), Optional.of(SandboxPeople.CHANNEL_NAME)));
    }

    /** Posts {@code text} as {@code personId}: a new thread when {@code thread} is empty, else a reply. */
    synchronized String post(String personId, Optional<String> thread, String text) {
        SandboxPeople.Person person = person(personId);
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new BadRequestException("write something first");
        }
        if (body.length() > MAX_TEXT) {
            throw new BadRequestException("a message has at most " + MAX_TEXT + " characters");
        }
        thread.ifPresent(this::requireThread);
        String id = "m" + (log.entries().stream().filter(entry -> entry.kind().equals("message")).count() + 1);
        Instant at = clock.instant();
        ObjectNode entry = json.createObjectNode();
        entry.put("id", id);
        entry.put("thread", thread.orElse(null));
        entry.put("author", person.id());
        entry.put("text", body);
        entry.put("at", at.toEpochMilli());
        ArrayNode found = entry.putArray("signals");
        Optional<ChannelContext> context = engine.team().followed(SandboxPeople.CHANNEL);
        if (context.isPresent()) {
            Role role = engine.team().roleOf(context.get(), person.user(), false);
            entry.put("role", role.name().toLowerCase(java.util.Locale.ROOT));
            for (DetectedSignal signal : signals.forPlaybook(context.get().playbook()).detect(body, role,
                    at.atZone(zone()))) {
                found.addObject().put("signal", signal.signal().wireName()).put("rule", signal.rule())
                        .put("explanation", Explanations.of(signal));
            }
        }
        Optional<Transition> transition = engine.follow().handle(new ChatEvent.MessagePosted("sandbox-" + id,
                new MessageRef(SandboxPeople.CHANNEL, id), person.user(), false, thread, body, at));
        events(entry, transition);
        log.append("message", entry);
        afterAction();
        return id;
    }

    /** {@code reaction} is {@code check} (✅) or {@code star} (⭐) on message {@code messageId}. */
    synchronized void react(String personId, String messageId, String reaction) {
        SandboxPeople.Person person = person(personId);
        Reaction kind = switch (reaction == null ? "" : reaction) {
            case "check" -> Reaction.CONFIRM;
            case "star" -> Reaction.STAR;
            default -> throw new BadRequestException("reaction must be check or star");
        };
        ObjectNode message = message(messageId);
        String root = message.path("thread").isTextual() ? message.get("thread").asText() : messageId;
        Instant at = clock.instant();
        ObjectNode entry = json.createObjectNode();
        entry.put("message", messageId);
        entry.put("thread", root);
        entry.put("author", person.id());
        entry.put("reaction", reaction);
        entry.put("at", at.toEpochMilli());
        Optional<Transition> transition = engine.follow().handle(new ChatEvent.ReactionAdded("sandbox-r"
                + version.get() + "-" + at.toEpochMilli(), new MessageRef(SandboxPeople.CHANNEL, messageId),
                person.user(), false, Optional.of(root), kind, at));
        events(entry, transition);
        log.append("reaction", entry);
        afterAction();
    }

    /** Presses {@code action} on a nudge (or a proud-moment choice) that was shown to {@code personId}. */
    synchronized void press(String personId, String target, String action, String value) {
        SandboxPeople.Person person = person(personId);
        if (target == null || action == null || target.isBlank() || action.isBlank()) {
            throw new BadRequestException("target and action are required");
        }
        boolean shown = log.entries().stream().anyMatch(entry -> person.id().equals(entry.body().path("to").asText())
                && (target.equals(entry.body().path("nudge").asText()) || entry.body().path("choices").findValuesAsText(
                "target").contains(target)));
        if (!shown) {
            throw new BadRequestException(person.name() + " was never shown " + target);
        }
        Instant at = clock.instant();
        ObjectNode entry = json.createObjectNode();
        entry.put("to", person.id());
        entry.put("target", target);
        entry.put("action", action);
        entry.put("value", value == null ? "" : value);
        entry.put("at", at.toEpochMilli());
        log.append("press", entry);
        engine.router().route(new ChatEvent.ActionChosen("sandbox-p" + at.toEpochMilli() + "-" + target, person.user(),
                target, action, value == null ? "" : value, "sandbox", at));
        afterAction();
    }

    /** Runs a slash command such as {@code /review} or {@code /proud Ana stayed late} as {@code personId}. */
    synchronized void command(String personId, String text) {
        SandboxPeople.Person person = person(personId);
        String line = text == null ? "" : text.strip();
        if (!line.startsWith("/") || line.length() < 2) {
            throw new BadRequestException("a command starts with /, e.g. /review");
        }
        if (line.length() > MAX_TEXT) {
            throw new BadRequestException("a command has at most " + MAX_TEXT + " characters");
        }
        String word = line.substring(1).split("\\s+", 2)[0];
        String arguments = line.substring(1 + word.length()).strip();
        Instant at = clock.instant();
        ObjectNode entry = json.createObjectNode();
        entry.put("to", person.id());
        entry.put("text", line);
        entry.put("at", at.toEpochMilli());
        log.append("command", entry);
        engine.router().route(new ChatEvent.CommandInvoked("sandbox-c" + at.toEpochMilli() + "-" + version.get(),
                SandboxPeople.CHANNEL, person.user(), word, arguments, "sandbox", at));
        changed();
    }

    /** Moves the clock: {@code 10m}, {@code 2h}, {@code 3d} (any duration) or {@code monday} (next Monday 9:00). */
    synchronized void advance(String step) {
        Instant target;
        if ("monday".equals(step)) {
            target = SandboxClock.nextMondayMorning(clock.instant(), zone());
        } else {
            Duration duration = io.happy3.domain.nudge.Durations.parse(step == null ? "" : step)
                    .filter(found -> !found.isNegative() && !found.isZero() && found.compareTo(Duration.ofDays(14)) <= 0)
                    .orElseThrow(() -> new BadRequestException("move the clock by 10m, 2h, 3d (up to 14d) or to monday"));
            target = clock.instant().plus(duration);
        }
        runUntil(target);
        log.saveClock(clock.millis());
        changed();
    }

    /** What the page shows, as JSON. */
    synchronized ObjectNode state() {
        return new SandboxView(json, log.entries(), stores, engine.team(), clock.instant(), zone(), version.get())
                .render();
    }

    /** The bytes of a file the bot sent (the CSV export, the digest chart), by history entry. */
    synchronized Optional<SandboxLog.Entry> file(long seq) {
        return log.entries().stream().filter(entry -> entry.seq() == seq && entry.body().has("bytes")).findFirst();
    }

    /** Bumped on every change; the page's event stream announces it. */
    long version() {
        return version.get();
    }

    void changed() {
        version.incrementAndGet();
    }

    Instant now() {
        return clock.instant();
    }

    ZoneId zone() {
        return engine.team().followed(SandboxPeople.CHANNEL).flatMap(context -> context.playbook().timezone())
                .or(() -> engine.team().defaultPlaybook().flatMap(Playbook::timezone)).orElse(teamZone);
    }

    SandboxLog log() {
        return log;
    }

    Engine engine() {
        return engine;
    }

    /** Each action takes a simulated minute, so the next one is strictly later and due nudges go out. */
    private void afterAction() {
        runUntil(clock.instant().plus(SandboxClock.ACTION));
        log.saveClock(clock.millis());
        changed();
    }

    private void runUntil(Instant target) {
        scheduler.runUntil(target, zone());
    }

    private void events(ObjectNode entry, Optional<Transition> transition) {
        ArrayNode events = entry.putArray("events");
        transition.ifPresent(found -> {
            entry.put("state", found.issue().state().name());
            for (IssueEvent event : found.events()) {
                ObjectNode item = events.addObject().put("type", event.type().wireName()).put("rule", event.rule());
                event.evidence().ifPresent(evidence -> item.put("evidence", evidence.name().toLowerCase(
                        java.util.Locale.ROOT)));
                event.due().ifPresent(due -> item.put("due", due.toEpochMilli()));
            }
        });
    }

    private SandboxPeople.Person person(String id) {
        return SandboxPeople.find(id == null ? "" : id)
                .orElseThrow(() -> new BadRequestException("no such person in the sandbox: " + id));
    }

    private ObjectNode message(String id) {
        return log.entries().stream().filter(entry -> entry.kind().equals("message")
                && entry.body().path("id").asText().equals(id)).map(SandboxLog.Entry::body).findFirst()
                .orElseThrow(() -> new BadRequestException("no such message: " + id));
    }

    private void requireThread(String root) {
        if (message(root).path("thread").isTextual()) {
            throw new BadRequestException(root + " is a reply; answer in its thread instead");
        }
    }

    UserRef user(String personId) {
        return person(personId).user();
    }
}
