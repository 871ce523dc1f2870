package io.happy3.adapter.console;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.playbook.NudgeAction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A chat gateway that prints what the bot would say, as the agent would see it: used by the demo.
 * Not thread-safe (the demo runs on one thread).
 */
public final class ConsoleChatGateway implements ChatGateway {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final PrintStream out;
    private final Clock clock;
    private final ZoneId zone;
    private final Function<UserRef, String> names;
    private final Map<String, String> titlesByRoot;
    private final ChatMarkup markup;
    private int delivered;
    private Optional<Path> lastImage = Optional.empty();

    public ConsoleChatGateway(PrintStream out, Clock clock, ZoneId zone, Function<UserRef, String> names,
                              Map<String, String> titlesByRoot, ChatMarkup markup) {
        this.markup = markup;
        this.out = out;
        this.clock = clock;
        this.zone = zone;
        this.names = names;
        this.titlesByRoot = titlesByRoot;
    }

    @Override
    public void deliver(UserRef recipient, List<NudgeMessage> nudges) {
        for (NudgeMessage nudge : nudges) {
            delivered++;
            out.printf("  %s  🔔 nudge to %s · %s · \"%s\"%s%n", now(), names.apply(recipient), nudge.stepId(),
                    titlesByRoot.getOrDefault(nudge.thread().id(), nudge.thread().id()),
                    nudge.late() ? " (late)" : "");
            nudge.text().lines().forEach(line -> out.printf("         │ %s%n", line));
            out.printf("         │ %s%n", nudge.actions().stream().map(ConsoleChatGateway::button)
                    .collect(Collectors.joining(" ")));
        }
    }

    private static String button(NudgeAction action) {
        return action == NudgeAction.SNOOZE ? "[Snooze ▾]" : "[" + action.label() + "]";
    }

    @Override
    public void nudgeAnswered(NudgeMessage nudge, String outcome, String replyTo) {
        out.printf("         └ %s pressed a button: %s%n", names.apply(nudge.recipient()), outcome);
    }

    @Override
    public void reply(String replyTo, UserRef user, String text) {
        out.printf("         └ (only visible to %s) %s%n", names.apply(user), mentions(text).replace("\n", "\n           "));
    }

    /** The text, then each choice's subject with its buttons, as the Slack blocks and the Teams card show them. */
    @Override
    public void replyWithChoices(String replyTo, UserRef user, String text, List<Choice> choices) {
        StringBuilder body = new StringBuilder(text);
        java.util.Map<String, List<Choice>> byTarget = new java.util.LinkedHashMap<>();
        choices.forEach(choice -> byTarget.computeIfAbsent(choice.target(), key -> new java.util.ArrayList<>())
                .add(choice));
        for (List<Choice> group : byTarget.values()) {
            String label = group.get(0).label();
            body.append("\n• ").append(label.substring(label.indexOf(':') + 1).strip()).append("\n  ").append(String
                    .join(" ", group.stream().map(choice -> "[" + choice.label().substring(0, Math.max(1,
                            choice.label().indexOf(':'))) + "]").toList()));
        }
        reply(replyTo, user, body.toString().stripTrailing());
    }

    @Override
    public void post(ChannelRef channel, String text, Optional<Attachment> image) {
        out.printf("  %s  📣 posted in #%s:%n%s%n", now(), channel.channel(), indent(mentions(text)));
        image.ifPresent(file -> {
            Path saved = Path.of(System.getProperty("java.io.tmpdir"), file.fileName());
            try {
                Files.write(saved, file.bytes());
                lastImage = Optional.of(saved);
                out.printf("         🖼  %s (%d bytes) saved to %s%n", file.fileName(), file.bytes().length, saved);
            } catch (IOException e) {
                out.printf("         🖼  %s (%d bytes) could not be saved: %s%n", file.fileName(), file.bytes().length,
                        e.getMessage());
            }
        });
    }

    @Override
    public void directMessage(UserRef user, String text) {
        out.printf("  %s  ✉️  DM to %s: %s%n", now(), names.apply(user), text);
    }

    /** The markup the demo's script writes (Slack's mention forms), given by whoever builds the console. */
    @Override
    public ChatMarkup markup(Platform platform) {
        return markup;
    }

    @Override
    public Optional<String> permalink(MessageRef message) {
        return Optional.of("https://demo.happy3.example/" + message.channel().channel() + "/" + message.id());
    }

    /** Where the last posted image was saved. */
    public Optional<Path> lastImage() {
        return lastImage;
    }

    /** How many nudges were shown. */
    public int delivered() {
        return delivered;
    }

    /** Shows mentions ({@code <@U123>}) as the names a chat client would show. */
    private String mentions(String text) {
        return java.util.regex.Pattern.compile("<@([A-Za-z0-9._:-]+)(?:\\|[^>]*)?>").matcher(text)
                .replaceAll(match -> "@" + names.apply(new UserRef(io.happy3.domain.chat.Platform.LOCAL, "",
                        match.group(1))));
    }

    private String now() {
        return TIME.format(clock.instant().atZone(zone));
    }

    private static String indent(String text) {
        return text.lines().map(line -> "         " + line).collect(Collectors.joining("\n"));
    }
}
