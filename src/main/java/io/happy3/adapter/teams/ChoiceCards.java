package io.happy3.adapter.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Serialization;
import io.happy3.domain.nudge.ChatGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders a reply with choices (the review's proud moments to curate, a check-in list) as one Adaptive Card
 * (v1.4): the text one line per TextBlock, then per target its label and an {@code Action.Execute} button per
 * action, whose data ({@code nudge} = target, {@code action}) {@link ActivityMapper} reads back as the press.
 * Also turns the core's Slack-style text into Teams markdown ({@link #markdown}).
 */
final class ChoiceCards {
    private static final Pattern LINK = Pattern.compile("<(https?://[^|>\\s]+)\\|([^>]+)>");
    private static final Pattern BARE_LINK = Pattern.compile("<(https?://[^|>\\s]+)>");
    private static final Pattern BOLD = Pattern.compile("(?<![\\w*])\\*(\\S(?:[^*\\n]*\\S)?)\\*(?![\\w*])");

    private ChoiceCards() {
    }

    /** {@code *bold*} as {@code **bold**}, {@code <url|label>} as {@code [label](url)}; the rest as written. */
    static String markdown(String text) {
        String linked = BARE_LINK.matcher(LINK.matcher(text).replaceAll("[$2]($1)")).replaceAll("$1");
        return BOLD.matcher(linked).replaceAll("**$1**");
    }

    static ObjectNode card(String text, List<ChatGateway.Choice> choices) {
        ObjectNode card = Serialization.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        // One TextBlock per line: Adaptive Card markdown joins single line breaks into one paragraph.
        text.strip().lines().filter(line -> !line.isBlank()).forEach(line -> body.addObject().put("type", "TextBlock")
                .put("text", markdown(line)).put("wrap", true));
        byTarget(choices).forEach((target, offered) -> {
            ObjectNode container = body.addObject().put("type", "Container").put("separator", true);
            ArrayNode items = container.putArray("items");
            items.addObject().put("type", "TextBlock").put("text", markdown(subject(offered.get(0))))
                    .put("wrap", true);
            ArrayNode actions = items.addObject().put("type", "ActionSet").putArray("actions");
            for (ChatGateway.Choice choice : offered) {
                ObjectNode button = actions.addObject().put("type", "Action.Execute")
                        .put("title", title(choice.action())).put("verb", choice.action());
                button.putObject("data").put("nudge", target).put("action", choice.action());
            }
        });
        return card;
    }

    private static Map<String, List<ChatGateway.Choice>> byTarget(List<ChatGateway.Choice> choices) {
        Map<String, List<ChatGateway.Choice>> byTarget = new LinkedHashMap<>();
        choices.forEach(choice -> byTarget.computeIfAbsent(choice.target(), key -> new ArrayList<>()).add(choice));
        return byTarget;
    }

    /** The label without its "Accept: " lead, which the button says: the subject is shown once per target. */
    private static String subject(ChatGateway.Choice choice) {
        String lead = title(choice.action()) + ": ";
        return choice.label().startsWith(lead) ? choice.label().substring(lead.length()) : choice.label();
    }

    private static String title(String action) {
        String words = action.replace('_', ' ');
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
