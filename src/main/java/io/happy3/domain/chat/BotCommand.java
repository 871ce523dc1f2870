package io.happy3.domain.chat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one table of what people can ask the bot: the top-level command ({@code happy3}, {@code proud},
 * {@code review}), the word after it, and the line the help shows. {@code RunCommand} dispatches on it; the
 * Teams adapter reads it to tell a command ("@Happy3 follow") from a message that happens to mention the bot.
 */
public enum BotCommand {
    FOLLOW("happy3", "follow", "[playbook]", "follow this channel (default playbook unless named)"),
    UNFOLLOW("happy3", "unfollow", "", "stop following this channel"),
    AGENTS("happy3", "agents", "@user… | @usergroup", "set who the agents are in this channel"),
    LEADS("happy3", "leads", "@user…", "set the team leads of this channel"),
    MUTE("happy3", "mute", "<duration>|off", "pause your nudges (e.g. 2h, 1d)"),
    TZ("happy3", "tz", "<Area/City>", "set your time zone (e.g. Europe/Berlin)"),
    HOURS("happy3", "hours", "[mon-fri] 9-17 | off", "set your working hours (nudges wait outside them)"),
    INBOX("happy3", "inbox", "", "list your pending nudges"),
    NOTE("happy3", "note", "@customer <text> | edit <id> <text> | delete <id>",
            "keep a note on a customer (seen by agents and leads)"),
    NOTES("happy3", "notes", "@customer", "list the notes on a customer"),
    CHECKINS("happy3", "checkins", "", "your proactive check-in list for this week"),
    RESULT("happy3", "result", "@customer <the result they need> [by 2026-12-04]",
            "record what \"fixed\" means to the customer"),
    HELP("happy3", "help", "", ""),
    PROUD("proud", "", "<text>", "nominate something the team can be proud of"),
    REVIEW("review", "", "[last-week|2026-W47|@agent|#channel|export]", "the weekly Happy 3 review");

    private final String command;
    private final String verb;
    private final String arguments;
    private final String summary;

    BotCommand(String command, String verb, String arguments, String summary) {
        this.command = command;
        this.verb = verb;
        this.arguments = arguments;
        this.summary = summary;
    }

    /** The slash command it belongs to: {@code happy3}, {@code proud} or {@code review}. */
    public String command() {
        return command;
    }

    /** The command a person typed: {@code command} with, for {@code happy3}, its first word {@code verb}. */
    public static Optional<BotCommand> of(String command, String verb) {
        String lower = verb.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(candidate -> candidate.command.equals(command)
                && (candidate.verb.isEmpty() || candidate.verb.equals(lower))).findFirst();
    }

    /** The words that start a command when written after the bot's name: "follow", …, "proud", "review". */
    public static Set<String> words() {
        return Arrays.stream(values()).map(value -> value.verb.isEmpty() ? value.command : value.verb)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The help text: one line per command. */
    public static String help() {
        return "Happy3 commands:" + Arrays.stream(values()).filter(value -> !value.summary.isEmpty())
                .map(value -> "\n• /" + value.command + (value.verb.isEmpty() ? "" : " " + value.verb)
                        + (value.arguments.isEmpty() ? "" : " " + value.arguments) + " — " + value.summary)
                .collect(Collectors.joining());
    }
}
