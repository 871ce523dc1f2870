package io.happy3.adapter.slack;

import io.happy3.app.ListCheckIns;
import io.happy3.domain.nudge.ChatGateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.customer.CustomerRecall;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeId;
import io.happy3.domain.nudge.NudgeInbox;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.SnoozeChoice;
import io.happy3.domain.playbook.NudgeAction;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Block Kit for nudges and the App Home, as JSON. Every button carries the nudge id in its {@code value}
 * and the action's wire name ({@code customer_confirmed}, …) as its {@code action_id}; the snooze menu's
 * option values are {@code nudgeId|choice} with the choices of {@link SnoozeChoice#MENU}, all written by
 * {@link SlackButtons}. Stateless.
 */
final class SlackBlocks {
    private static final int HOME_NUDGE_LIMIT = 15;
    private static final int HOME_LIST_LIMIT = 20;
    /** The most nudges of each kind the App Home shows. */
    static final int HOME_PAGE = Math.max(HOME_NUDGE_LIMIT, HOME_LIST_LIMIT);
    /** Three blocks a card: with the nudges and reminders above, the home stays under Slack's 100 blocks. */
    static final int HOME_CARD_LIMIT = 10;
    /** With every list at its limit the home is 100 blocks, the most Slack accepts (SlackBlocksHomeTest). */
    static final int HOME_CHECK_IN_LIMIT = 5;
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private SlackBlocks() {
    }

    /** The blocks of one nudge: its text and a row of its actions. */
    static ArrayNode nudge(NudgeMessage message) {
        ArrayNode blocks = SlackPayload.JSON.createArrayNode();
        addNudge(blocks, message);
        return blocks;
    }

    /** One nudge in a direct message: a link to its conversation, then the nudge. */
    static ArrayNode nudgeWithLink(NudgeMessage message, Optional<String> link) {
        ArrayNode blocks = SlackPayload.JSON.createArrayNode();
        link.ifPresent(url -> blocks.add(context("<" + url + "|Open the conversation>")));
        addNudge(blocks, message);
        return blocks;
    }

    /** Several nudges to one agent, coalesced into one message. */
    static ArrayNode nudges(List<NudgeMessage> messages, Function<NudgeMessage, Optional<String>> link) {
        ArrayNode blocks = SlackPayload.JSON.createArrayNode();
        blocks.add(section(":wave: You have " + messages.size() + " nudges waiting:"));
        for (NudgeMessage message : messages) {
            blocks.add(divider());
            link.apply(message).ifPresent(url -> blocks.add(context("<" + url + "|Open the conversation>")));
            addNudge(blocks, message);
        }
        return blocks;
    }

    private static void addNudge(ArrayNode blocks, NudgeMessage message) {
        String text = (message.late() ? ":hourglass: _(late)_ " : "") + message.text();
        blocks.add(section(text).put("block_id", SlackButtons.textBlockId(message)));
        boolean asks = CustomerRecall.asksForResult(message.text());
        if (!message.actions().isEmpty() || asks) {
            ObjectNode actions = blocks.addObject().put("type", "actions").put("block_id",
                    SlackButtons.actionsBlockId(message));
            ArrayNode elements = actions.putArray("elements");
            if (asks) {
                elements.add(opener(SlackCustomerForms.OPEN_RESULT, "Record result",
                        SlackButtons.value(message.channel().channel(), message.thread().id())));
            }
            for (NudgeAction action : message.actions()) {
                elements.add(action == NudgeAction.SNOOZE ? snoozeMenu(message) : button(message, action));
            }
        }
    }

    /** A button that opens one of {@link SlackCustomerForms}' modals. */
    static ObjectNode opener(String actionId, String label, String value) {
        ObjectNode button = SlackPayload.JSON.createObjectNode().put("type", "button").put("action_id", actionId)
                .put("value", value);
        button.set("text", plain(label));
        return button;
    }

    private static ObjectNode button(NudgeMessage message, NudgeAction action) {
        ObjectNode button = SlackPayload.JSON.createObjectNode().put("type", "button")
                .put("action_id", action.wireName()).put("value", SlackButtons.value(message.nudgeId().value()));
        button.set("text", plain(action.label()));
        if (action == NudgeAction.CUSTOMER_CONFIRMED || action == NudgeAction.FOLLOWED_UP
                || action == NudgeAction.ON_IT) {
            button.put("style", "primary");
        }
        return button;
    }

    private static ObjectNode snoozeMenu(NudgeMessage message) {
        ObjectNode menu = SlackPayload.JSON.createObjectNode().put("type", "static_select")
                .put("action_id", NudgeAction.SNOOZE.wireName());
        menu.set("placeholder", plain("Snooze"));
        ArrayNode options = menu.putArray("options");
        for (String choice : SnoozeChoice.MENU) {
            ObjectNode option = options.addObject();
            option.set("text", plain("Snooze " + SnoozeChoice.label(choice)));
            option.put("value", SlackButtons.value(message.nudgeId().value(), choice));
        }
        return menu;
    }

    /** A nudge after its answer: the text, then the outcome, without buttons. */
    static ArrayNode answered(NudgeMessage message, String outcome) {
        ArrayNode blocks = SlackPayload.JSON.createArrayNode();
        blocks.add(section(message.text()));
        blocks.add(context(":white_check_mark: " + outcome));
        return blocks;
    }

    /** The nudges whose renderings {@link #home} shows ("waiting on you"), so they can be read at once. */
    static List<NudgeId> shownRenderings(NudgeInbox inbox) {
        return inbox.waiting().stream().limit(HOME_NUDGE_LIMIT).map(Nudge::id).toList();
    }

    /**
     * The agent's App Home: nudges waiting for an answer (with their buttons), reminders coming up, and
     * a customer card for each of the open issues the agent is working on (the most recently active first;
     * {@code openCount} of them in all). {@code inbox} needs at most {@link #HOME_PAGE} of each kind.
     */
    static ObjectNode home(NudgeInbox inbox, Function<Nudge, Optional<NudgeMessage>> rendered,
                           List<SlackCustomerCards.Card> openIssues, int openCount,
                           Function<Issue, Optional<String>> link, Optional<ListCheckIns.Section> checkIns) {
        ObjectNode view = SlackPayload.JSON.createObjectNode().put("type", "home");
        ArrayNode blocks = view.putArray("blocks");
        blocks.addObject().put("type", "header").set("text", plain("Your Happy3 inbox"));
        List<Nudge> waiting = inbox.waiting();
        List<Nudge> upcoming = inbox.upcoming();
        blocks.add(section("*Waiting on you* (" + inbox.waitingCount() + ")"));
        if (waiting.isEmpty()) {
            blocks.add(context("Nothing is waiting on you. :sparkles:"));
        }
        for (Nudge nudge : waiting.stream().limit(HOME_NUDGE_LIMIT).toList()) {
            Optional<NudgeMessage> message = rendered.apply(nudge);
            if (message.isPresent()) {
                addNudge(blocks, message.get());
            } else {
                blocks.add(section("Step *" + nudge.stepId() + "* in <#" + nudge.channel().channel() + ">"));
            }
        }
        blocks.add(divider());
        blocks.add(section("*Follow-ups and reminders coming up* (" + inbox.upcomingCount() + ")"));
        for (Nudge nudge : upcoming.stream().limit(HOME_LIST_LIMIT).toList()) {
            blocks.add(context("• " + nudge.stepId() + " in <#" + nudge.channel().channel() + "> — due "
                    + DUE.format(nudge.dueAt())));
        }
        blocks.add(divider());
        blocks.add(section("*Open issues* (" + openCount + ")"));
        for (SlackCustomerCards.Card card : openIssues.stream().limit(HOME_CARD_LIMIT).toList()) {
            addCard(blocks, card, link.apply(card.issue()));
        }
        if (openCount > HOME_CARD_LIMIT) {
            blocks.add(context("…and " + (openCount - HOME_CARD_LIMIT) + " more, quieter ones."));
        }
        checkIns.ifPresent(section -> addCheckIns(blocks, section));
        return view;
    }

    /** This week's check-in list: each customer with why and the notes, and its three buttons. */
    private static void addCheckIns(ArrayNode blocks, ListCheckIns.Section section) {
        blocks.add(divider());
        blocks.add(section("*Check-ins this week* (" + section.toDo() + " to do, " + section.progress() + ")"));
        if (section.choices().isEmpty()) {
            blocks.add(context("Nobody is due for a check-in this week. :tada:"));
            return;
        }
        addChoiceGroups(blocks, section.choices(), HOME_CHECK_IN_LIMIT);
        if (section.toDo() > HOME_CHECK_IN_LIMIT) {
            blocks.add(context("…and " + (section.toDo() - HOME_CHECK_IN_LIMIT) + " more: /happy3 checkins"));
        }
    }

    /** One open issue as a customer card: who, the result they need, the latest notes, and the two forms. */
    private static void addCard(ArrayNode blocks, SlackCustomerCards.Card card, Optional<String> link) {
        Issue issue = card.issue();
        String state = issue.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String customer = "<@" + issue.customer().user() + ">";
        blocks.add(section("*" + customer + "* — " + link.map(url -> "<" + url + "|" + state + ">").orElse(state)
                + " in <#" + issue.channel().channel() + "> since " + DUE.format(issue.openedAt())));
        String result = card.result().map(found -> found.recorded() ? ":dart: Needs " + CustomerRecall.phrase(found)
                        : ":speech_balloon: Wrote: \"" + found.text() + "\" — the result they need?")
                .orElse(":grey_question: Result not asked yet: _" + CustomerRecall.ASK + "_");
        String notes = card.notes().isEmpty() ? "" : "\n:memo: Last time: " + String.join("; ",
                card.notes().stream().map(io.happy3.domain.customer.CustomerNote::text).toList());
        blocks.add(context(result + notes));
        ArrayNode buttons = blocks.addObject().put("type", "actions")
                .put("block_id", "card:" + issue.channel().channel() + ":" + issue.root().id())
                .putArray("elements");
        buttons.add(opener(SlackCustomerForms.OPEN_RESULT, card.result().filter(found -> found.recorded())
                .isPresent() ? "Change result" : "Record result",
                SlackButtons.value(issue.channel().channel(), issue.root().id())));
        buttons.add(opener(SlackCustomerForms.OPEN_NOTE, "Add note",
                SlackButtons.value(issue.channel().channel(), issue.customer().user())));
    }

    /**
     * A private answer with buttons (a lead's proud moments to accept or reject): the text, then per target
     * a line and its buttons, each button's {@code value} the target and {@code action_id} the action.
     */
    static ArrayNode choices(String text, List<ChatGateway.Choice> choices) {
        ArrayNode blocks = SlackPayload.JSON.createArrayNode();
        blocks.add(section(text.length() > 2900 ? text.substring(0, 2900) + "…" : text));
        addChoiceGroups(blocks, choices, HOME_LIST_LIMIT);
        return blocks;
    }

    /** The first {@code limit} targets of {@code choices}, each as a line and an actions block of its buttons. */
    private static void addChoiceGroups(ArrayNode blocks, List<ChatGateway.Choice> choices, int limit) {
        Map<String, List<ChatGateway.Choice>> byTarget = new LinkedHashMap<>();
        choices.forEach(choice -> byTarget.computeIfAbsent(choice.target(), key -> new ArrayList<>()).add(choice));
        for (List<ChatGateway.Choice> group : byTarget.values().stream().limit(limit).toList()) {
            String label = group.get(0).label();
            blocks.add(section("• " + label.substring(label.indexOf(':') + 1).strip()));
            ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
            for (ChatGateway.Choice choice : group) {
                ObjectNode button = buttons.addObject().put("type", "button").put("action_id", choice.action())
                        .put("value", SlackButtons.value(choice.target()));
                button.putObject("text").put("type", "plain_text")
                        .put("text", choice.label().substring(0, Math.max(1, choice.label().indexOf(':'))));
                if ("accept".equals(choice.action())) {
                    button.put("style", "primary");
                }
            }
        }
    }

    static ObjectNode section(String mrkdwn) {
        ObjectNode section = SlackPayload.JSON.createObjectNode().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
        return section;
    }

    static ObjectNode context(String mrkdwn) {
        ObjectNode context = SlackPayload.JSON.createObjectNode().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
        return context;
    }

    private static ObjectNode divider() {
        return SlackPayload.JSON.createObjectNode().put("type", "divider");
    }

    private static ObjectNode plain(String text) {
        return SlackPayload.JSON.createObjectNode().put("type", "plain_text").put("text", text).put("emoji", true);
    }
}
