package io.happy3.adapter.slack;

import io.happy3.domain.nudge.NudgeMessage;
import java.util.Optional;

/**
 * The one place that writes and reads what Slack carries back on a button press: a button's or menu
 * option's {@code value} is {@code target} or {@code target|argument} (a nudge id, and a snooze choice),
 * and a nudge's actions block id is {@code nudge:<nudge id>:<channel>:<thread root>} so the press is
 * processed in order with its issue's messages. Stateless.
 */
final class SlackButtons {
    private static final char SEPARATOR = '|';
    private static final String NUDGE_BLOCK = "nudge";

    private SlackButtons() {
    }

    /** What a press chose: the target it acts on and an optional argument. */
    record Value(String target, String argument) {
    }

    /** A button value for {@code target} without an argument. */
    static String value(String target) {
        return target;
    }

    /** A button or option value for {@code target} with {@code argument}. */
    static String value(String target, String argument) {
        return target + SEPARATOR + argument;
    }

    /** Reads a value back; empty when it names no target. */
    static Optional<Value> read(String value) {
        int separator = value.indexOf(SEPARATOR);
        String target = separator < 0 ? value : value.substring(0, separator);
        return target.isEmpty() ? Optional.empty()
                : Optional.of(new Value(target, separator < 0 ? "" : value.substring(separator + 1)));
    }

    /** The block id of {@code message}'s actions. */
    static String actionsBlockId(NudgeMessage message) {
        return String.join(":", NUDGE_BLOCK, message.nudgeId().value(), message.channel().channel(),
                message.thread().id());
    }

    /** The block id of {@code message}'s text. */
    static String textBlockId(NudgeMessage message) {
        return NUDGE_BLOCK + ":" + message.nudgeId().value() + ":text";
    }

    /** The inbox ordering key (channel + thread root) of a press in a nudge's actions block, if it is one. */
    static Optional<String> issueKey(String blockId) {
        String[] parts = blockId.split(":");
        return parts.length == 4 && parts[0].equals(NUDGE_BLOCK) ? Optional.of(parts[2] + ":" + parts[3])
                : Optional.empty();
    }
}
