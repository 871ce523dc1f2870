package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.bolt.App;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.handler.builtin.GlobalShortcutHandler;
import com.slack.api.bolt.handler.builtin.MessageShortcutHandler;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The listeners of the one Bolt {@link App}. By the time any of them runs, {@link SlackIngest} has stored
 * the request in the inbox, and the work is done later by the inbox worker; so the default listener of
 * every kind only acks. A feature that must answer inside the ack (open a modal with the trigger id,
 * validate a view submission) registers a listener for its id with one line, for example
 * {@code listeners.viewSubmission("desired_result", (req, ctx) -> ctx.ack())}. Bolt keeps its listeners
 * in hash maps by pattern, so a catch-all beside specific patterns would win at random; hence one
 * catch-all per kind here that looks the specific listener up by id. Events API events reach no listener:
 * over HTTP {@link SlackEventsServlet} stores and acks them without Bolt, so an event listener would need
 * that fast path removed. Thread-safe.
 */
public final class SlackListeners {
    private static final Pattern ANY = Pattern.compile(".*");

    private final Map<String, BlockActionHandler> blockActions = new ConcurrentHashMap<>();
    private final Map<String, ViewSubmissionHandler> viewSubmissions = new ConcurrentHashMap<>();
    private final Map<String, GlobalShortcutHandler> globalShortcuts = new ConcurrentHashMap<>();
    private final Map<String, MessageShortcutHandler> messageShortcuts = new ConcurrentHashMap<>();

    /** Runs {@code handler} for a button or menu with {@code actionId} (the first action of the payload). */
    public SlackListeners blockAction(String actionId, BlockActionHandler handler) {
        blockActions.put(requireNonNull(actionId, "actionId == null"), requireNonNull(handler, "handler == null"));
        return this;
    }

    /** Runs {@code handler} when a modal with {@code callbackId} is submitted. */
    public SlackListeners viewSubmission(String callbackId, ViewSubmissionHandler handler) {
        viewSubmissions.put(requireNonNull(callbackId, "callbackId == null"),
                requireNonNull(handler, "handler == null"));
        return this;
    }

    /** Runs {@code handler} for the global shortcut {@code callbackId}. */
    public SlackListeners globalShortcut(String callbackId, GlobalShortcutHandler handler) {
        globalShortcuts.put(requireNonNull(callbackId, "callbackId == null"),
                requireNonNull(handler, "handler == null"));
        return this;
    }

    /** Runs {@code handler} for the message shortcut {@code callbackId}. */
    public SlackListeners messageShortcut(String callbackId, MessageShortcutHandler handler) {
        messageShortcuts.put(requireNonNull(callbackId, "callbackId == null"),
                requireNonNull(handler, "handler == null"));
        return this;
    }

    /** Registers one listener per kind on {@code app}; unknown ids (and every command) are acked. */
    void registerOn(App app) {
        app.command(ANY, (req, ctx) -> ctx.ack());
        app.blockAction(ANY, (req, ctx) -> {
            BlockActionHandler handler = blockActions.get(firstActionId(req));
            return handler == null ? ctx.ack() : handler.apply(req, ctx);
        });
        app.viewSubmission(ANY, (req, ctx) -> {
            String callbackId = nullToEmpty(req.getPayload().getView().getCallbackId());
            ViewSubmissionHandler handler = viewSubmissions.get(callbackId);
            return handler == null ? ctx.ack() : handler.apply(req, ctx);
        });
        app.viewClosed(ANY, (req, ctx) -> ctx.ack());
        app.globalShortcut(ANY, (req, ctx) -> {
            GlobalShortcutHandler handler = globalShortcuts.get(nullToEmpty(req.getPayload().getCallbackId()));
            return handler == null ? ctx.ack() : handler.apply(req, ctx);
        });
        app.messageShortcut(ANY, (req, ctx) -> {
            MessageShortcutHandler handler = messageShortcuts.get(nullToEmpty(req.getPayload().getCallbackId()));
            return handler == null ? ctx.ack() : handler.apply(req, ctx);
        });
    }

    private static String firstActionId(BlockActionRequest req) {
        var actions = req.getPayload().getActions();
        return actions == null || actions.isEmpty() ? "" : nullToEmpty(actions.get(0).getActionId());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
