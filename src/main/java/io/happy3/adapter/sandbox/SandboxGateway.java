package io.happy3.adapter.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatMarkup;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.ChatGateway;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.SnoozeChoice;
import io.happy3.domain.playbook.NudgeAction;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox's {@link ChatGateway}: whatever the engine says (nudges with their buttons and snooze menu,
 * private replies, channel posts with the digest chart, direct messages, files) is written to the sandbox
 * history, which the page shows. The same port, called with the same texts and actions, as the Slack and
 * Teams gateways. Thread-safe.
 */
final class SandboxGateway implements ChatGateway {
    private static final ChatMarkup MARKUP = new SandboxMarkup();
    private final SandboxLog log;
    private final ObjectMapper json;
    private final Clock clock;
    private final Runnable changed;

    SandboxGateway(SandboxLog log, ObjectMapper json, Clock clock, Runnable changed) {
        this.log = requireNonNull(log, "log == null");
        this.json = requireNonNull(json, "json == null");
        this.clock = requireNonNull(clock, "clock == null");
        this.changed = requireNonNull(changed, "changed == null");
    }

    @Override
    public void deliver(UserRef recipient, List<NudgeMessage> nudges) {
        for (NudgeMessage nudge : nudges) {
            ObjectNode body = entry(recipient);
            body.put("nudge", nudge.nudgeId().value());
            body.put("thread", nudge.thread().id());
            body.put("step", nudge.stepId().value());
            body.put("text", nudge.text());
            body.put("late", nudge.late());
            ArrayNode actions = body.putArray("actions");
            for (NudgeAction action : nudge.actions()) {
                actions.addObject().put("action", action.wireName()).put("label", action.label());
            }
            ArrayNode snooze = body.putArray("snooze");
            for (String value : SnoozeChoice.MENU) {
                snooze.addObject().put("value", value).put("label", SnoozeChoice.label(value));
            }
            log.append("nudge", body);
        }
        changed.run();
    }

    @Override
    public void nudgeAnswered(NudgeMessage nudge, String outcome, String replyTo) {
        ObjectNode body = entry(nudge.recipient());
        body.put("nudge", nudge.nudgeId().value());
        body.put("thread", nudge.thread().id());
        body.put("step", nudge.stepId().value());
        body.put("text", outcome);
        append("answered", body);
    }

    @Override
    public void reply(String replyTo, UserRef user, String text) {
        ObjectNode body = entry(user);
        body.put("text", text);
        append("reply", body);
    }

    @Override
    public void replyWithChoices(String replyTo, UserRef user, String text, List<Choice> choices) {
        ObjectNode body = entry(user);
        body.put("text", text);
        ArrayNode buttons = body.putArray("choices");
        for (Choice choice : choices) {
            buttons.addObject().put("target", choice.target()).put("action", choice.action())
                    .put("label", choice.label());
        }
        append("reply", body);
    }

    @Override
    public void post(ChannelRef channel, String text, Optional<Attachment> image) {
        ObjectNode body = json.createObjectNode();
        body.put("at", clock.millis());
        body.put("channel", channel.channel());
        body.put("text", text);
        image.ifPresent(file -> attach(body, file));
        append("post", body);
    }

    @Override
    public void directMessage(UserRef user, String text) {
        ObjectNode body = entry(user);
        body.put("text", text);
        append("dm", body);
    }

    /** Logs one thing the bot said and tells the page to refresh. */
    private void append(String kind, ObjectNode body) {
        log.append(kind, body);
        changed.run();
    }

    @Override
    public void sendFile(UserRef user, String text, Attachment file) {
        ObjectNode body = entry(user);
        body.put("text", text);
        attach(body, file);
        append("file", body);
    }

    /** A link the page understands: it opens the thread. */
    @Override
    public ChatMarkup markup(Platform platform) {
        return MARKUP;
    }

    @Override
    public Optional<String> permalink(MessageRef message) {
        return Optional.of("#thread-" + message.id());
    }

    private ObjectNode entry(UserRef to) {
        ObjectNode body = json.createObjectNode();
        body.put("at", clock.millis());
        body.put("to", to.user());
        return body;
    }

    private static void attach(ObjectNode body, Attachment file) {
        body.put("fileName", file.fileName());
        body.put("mimeType", file.mimeType());
        body.put("bytes", Base64.getEncoder().encodeToString(file.bytes()));
    }
}
