package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.happy3.app.CommandText;
import io.happy3.app.EventRouter;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.chat.ChatEvent;
import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.Reaction;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.inbox.InboxEntry;
import io.happy3.domain.inbox.InboxHandler;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a stored Slack payload into {@link ChatEvent}s for the {@link EventRouter}: messages (new, edited,
 * deleted), ✅/⭐ reactions, channel joins, slash commands, button presses and the customer modals' submissions.
 * Bot messages, the bot's own messages and events the core does not need are dropped; {@code app_home_opened}
 * publishes the App Home.
 * Idempotent like the core it feeds. Thread-safe.
 */
public final class SlackInboxHandler implements InboxHandler {
    private static final Logger log = LoggerFactory.getLogger(SlackInboxHandler.class);

    private final Consumer<ChatEvent> router;
    private final SlackChatGateway gateway;
    private final SlackBotIdentity bot;
    private final SlackFormSubmissions forms;

    /** {@code router} is {@link EventRouter#route} in production; tests may record the events instead. */
    SlackInboxHandler(Consumer<ChatEvent> router, SlackChatGateway gateway, SlackBotIdentity bot,
                      SlackFormSubmissions forms) {
        this.router = requireNonNull(router, "router == null");
        this.gateway = requireNonNull(gateway, "gateway == null");
        this.bot = requireNonNull(bot, "bot == null");
        this.forms = requireNonNull(forms, "forms == null");
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public void handle(InboxEntry entry) {
        handleUntilCommit(entry).run();
    }

    /** Handles the entry; the App Homes it refreshes are published by what it returns, once the entry committed. */
    @Override
    public Runnable handleUntilCommit(InboxEntry entry) {
        return gateway.collectingHomes(() -> handleNow(entry));
    }

    private void handleNow(InboxEntry entry) {
        if (entry.payload().isEmpty()) {
            return;
        }
        try {
            SlackPayload payload = SlackPayload.parse(entry.payload().get());
            switch (payload.kind()) {
                case EVENT -> event(entry.eventId(), payload.teamId(), payload.event());
                case COMMAND -> command(entry, payload.body());
                case INTERACTION -> interaction(entry, payload.body());
                default -> log.debug("ignored inbox entry {} of kind {}", entry.eventId(), payload.kind());
            }
        } catch (SlackPayload.MalformedPayloadException e) {
            // Retrying cannot make a payload whole (found by SlackPayloadFuzzTest: a command without user_id was
            // retried ten times, a stack trace each, then parked FAILED). Dropped once, with the reason.
            log.warn("dropped Slack inbox entry {} ({}): {}", entry.eventId(), entry.kind(), e.getMessage());
        }
    }

    private void event(String eventId, String team, JsonNode event) {
        switch (event.path("type").asText("")) {
            case "message" -> message(eventId, team, event);
            case "reaction_added" -> reaction(eventId, team, event);
            case "app_home_opened" -> {
                if ("home".equals(event.path("tab").asText("home"))) {
                    gateway.showHome(user(team, event.path("user").asText()));
                }
            }
            case "app_uninstalled" -> bot.forget(team);
            case "tokens_revoked" -> {
                if (!event.path("tokens").path("bot").isEmpty()) {
                    bot.forget(team);
                }
            }
            case "app_mention" -> gateway.hint(channel(team, event.path("channel").asText()),
                    user(team, event.path("user").asText()), threadRoot(event));
            default -> log.debug("ignored Slack event {} ({})", eventId, event.path("type").asText());
        }
    }

    private void message(String eventId, String team, JsonNode event) {
        String subtype = event.path("subtype").asText("");
        switch (subtype) {
            case "", "thread_broadcast", "file_share" -> {
                if (fromBot(team, event)) {
                    return;
                }
                if ("im".equals(event.path("channel_type").asText())) {
                    directMessage(eventId, team, event);
                    return;
                }
                route(new ChatEvent.MessagePosted(eventId, message(team, event.path("channel"), event.path("ts")),
                        user(team, event.path("user").asText()), external(team, event), threadRoot(event),
                        event.path("text").asText(""), instant(event.path("ts").asText())));
            }
            case "message_changed" -> {
                JsonNode message = event.path("message");
                boolean sameText = message.path("text").asText("")
                        .equals(event.path("previous_message").path("text").asText(""));
                if (sameText || fromBot(team, message)) {
                    return; // unfurls and reply counts also arrive as message_changed
                }
                route(new ChatEvent.MessageEdited(eventId, message(team, event.path("channel"), message.path("ts")),
                        user(team, message.path("user").asText()), external(team, message),
                        threadRoot(message), message.path("text").asText(""),
                        instant(event.path("ts").asText())));
            }
            case "message_deleted" -> route(new ChatEvent.MessageDeleted(eventId,
                    message(team, event.path("channel"), event.path("deleted_ts")),
                    threadRoot(event.path("previous_message")), instant(event.path("ts").asText())));
            default -> log.debug("ignored message subtype {} ({})", subtype, eventId);
        }
    }

    private static MessageRef message(String team, JsonNode channel, JsonNode ts) {
        return new MessageRef(channel(team, channel.asText()), ts.asText());
    }

    private void reaction(String eventId, String team, JsonNode event) {
        Reaction reaction = reactionOf(event.path("reaction").asText(""));
        JsonNode item = event.path("item");
        if (reaction == Reaction.OTHER || !"message".equals(item.path("type").asText())
                || user(team, event.path("user").asText()).user().equals(bot.userId(team).orElse(""))) {
            return;
        }
        route(new ChatEvent.ReactionAdded(eventId, message(team, item.path("channel"), item.path("ts")),
                user(team, event.path("user").asText()), external(team, event), Optional.empty(), reaction,
                instant(event.path("event_ts").asText())));
    }

    /** ✅ confirms, ⭐ nominates; skin tones ({@code ::skin-tone-2}) do not matter. */
    static Reaction reactionOf(String name) {
        String base = name.contains("::") ? name.substring(0, name.indexOf("::")) : name;
        return switch (base) {
            case "white_check_mark", "heavy_check_mark", "ballot_box_with_check" -> Reaction.CONFIRM;
            case "star", "star2", "glowing_star" -> Reaction.STAR;
            default -> Reaction.OTHER;
        };
    }

    private void command(InboxEntry entry, JsonNode form) {
        String team = form.path("team_id").asText();
        String command = form.path("command").asText("").replaceFirst("^/", "");
        route(new ChatEvent.CommandInvoked(entry.eventId(), channel(team, form.path("channel_id").asText()),
                user(team, form.path("user_id").asText()), command, form.path("text").asText(""),
                form.path("response_url").asText(""), entry.receivedAt()));
    }

    private void interaction(InboxEntry entry, JsonNode payload) {
        JsonNode person = payload.path("user");
        String team = SlackPayload.text(person, "team_id").or(() -> SlackPayload.text(payload.path("team"), "id"))
                .orElse(entry.tenant());
        String type = payload.path("type").asText();
        if ("view_submission".equals(type)) {
            forms.command(entry, payload, team).ifPresent(command -> {
                route(command);
                gateway.refreshHome(command.user());
            });
            return;
        }
        if (!"block_actions".equals(type)) {
            log.debug("ignored interaction {} of type {}", entry.eventId(), type);
            return;
        }
        pressed(entry, payload, team);
        if ("home".equals(payload.path("view").path("type").asText())) {
            // A press in the App Home (a check-in answered, a nudge acted on) has no message to replace: the
            // home itself shows the new state.
            gateway.showHome(user(team, person.path("id").asText()));
        }
    }

    /** Routes each button press or menu choice of a {@code block_actions} payload. */
    private void pressed(InboxEntry entry, JsonNode payload, String team) {
        JsonNode person = payload.path("user");
        JsonNode actions = payload.path("actions");
        for (int index = 0; index < actions.size(); index++) {
            JsonNode action = actions.get(index);
            if (SlackCustomerForms.OPENERS.contains(action.path("action_id").asText(""))) {
                continue; // opened a modal inside the ack; its submission is what counts
            }
            String chosen = action.has("selected_option") ? action.path("selected_option").path("value").asText("")
                    : action.path("value").asText("");
            Optional<SlackButtons.Value> value = SlackButtons.read(chosen);
            if (value.isEmpty()) {
                continue;
            }
            String eventId = actions.size() == 1 ? entry.eventId() : entry.eventId() + ":" + index;
            Instant at = SlackPayload.text(action, "action_ts").map(SlackInboxHandler::instant)
                    .orElse(entry.receivedAt());
            route(new ChatEvent.ActionChosen(eventId, user(team, person.path("id").asText()), value.get().target(),
                    action.path("action_id").asText(""), value.get().argument(),
                    payload.path("response_url").asText(""), at));
        }
    }

    /**
     * A direct message to the bot is answered like the command it names: {@code help}, {@code review …}
     * and the sender's own settings ({@code tz}, {@code hours}, {@code mute}, {@code inbox}); anything else gets the help.
     * The answer goes back into the DM (no response_url).
     */
    private void directMessage(String eventId, String team, JsonNode event) {
        String text = event.path("text").asText("").strip();
        String verb = CommandText.verb(text);
        ChannelRef dm = channel(team, event.path("channel").asText());
        UserRef sender = user(team, event.path("user").asText());
        Instant at = instant(event.path("ts").asText());
        boolean review = verb.equals("review");
        boolean own = Set.of("tz", "hours", "mute", "inbox", "help").contains(verb);
        route(new ChatEvent.CommandInvoked(eventId, dm, sender, review ? "review" : "happy3",
                review ? CommandText.rest(text) : own ? text : "help", "", at));
    }

    private boolean fromBot(String team, JsonNode message) {
        return message.hasNonNull("bot_id") || "bot_message".equals(message.path("subtype").asText())
                || !message.hasNonNull("user") || message.path("user").asText().equals(bot.userId(team).orElse(""));
    }

    /** Slack Connect: someone whose home team is not the event's team belongs to another organisation. */
    private static boolean external(String team, JsonNode message) {
        Optional<String> userTeam = SlackPayload.text(message, "user_team")
                .or(() -> SlackPayload.text(message.path("user_profile"), "team"));
        return userTeam.filter(home -> !home.equals(team)).isPresent()
                || message.path("user_profile").path("is_stranger").asBoolean(false)
                || message.path("is_stranger").asBoolean(false);
    }

    private static Optional<String> threadRoot(JsonNode message) {
        return SlackPayload.text(message, "thread_ts").filter(root -> !root.equals(message.path("ts").asText()));
    }

    /** Slack's {@code 1355517523.000005}: seconds and microseconds. */
    static Instant instant(String ts) {
        try {
            int dot = ts.indexOf('.');
            long seconds = Long.parseLong(dot < 0 ? ts : ts.substring(0, dot));
            long micros = dot < 0 ? 0 : Long.parseLong((ts.substring(dot + 1) + "000000").substring(0, 6));
            return Instant.ofEpochSecond(seconds, micros * 1_000);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new SlackPayload.MalformedPayloadException("not a Slack timestamp: '" + ts + "'");
        }
    }

    private static ChannelRef channel(String team, String channel) {
        if (team.isBlank() || channel.isBlank()) {
            throw new SlackPayload.MalformedPayloadException("no team or channel id");
        }
        return new ChannelRef(Platform.SLACK, team, channel);
    }

    private static UserRef user(String team, String user) {
        if (team.isBlank() || user.isBlank()) {
            throw new SlackPayload.MalformedPayloadException("no team or user id");
        }
        return new UserRef(Platform.SLACK, team, user);
    }

    private void route(ChatEvent event) {
        router.accept(event);
    }
}
