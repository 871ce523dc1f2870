package io.happy3.domain.signal;

import io.happy3.domain.issue.Role;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Built-in rules that read several clauses of one message, where a single clause says too little. A fix step asked
 * as a question ("have you tried reinstalling it?") is a diagnostic question on its own, but followed by a request
 * to report back ("let us know", "keep us posted") it is the agent's suggested fix, {@code resolution_proposed}
 * (real sample E: how Twitter support agents offer a fix).
 */
final class MessageRules {
    static final String TRIED_AND_REPORT = "builtin:resolve.tried-and-report";
    private static final Pattern FIX_QUESTION = Pattern.compile(
            "^(?:\\w+ )?(?:have|did) you (?:already |also )?(?:tried|try) (?:to )?(?:\\w+ ){0,2}?(?:"
                    + BuiltInRules.FIX_STEP + "|a (?:restart|reset|reinstall|power cycle))");
    private static final Pattern REPORT_BACK = Pattern.compile(
            "^(?:please |and |then |pls )?(?:let (?:us|me) know(?: (?:if|whether|how|what happens|the results?|to get started|"
                    + "how it goes|the outcome)\\b.*)?|keep us (?:posted|updated)|report back|tell us (?:if|whether|how)\\b.*)$");

    private MessageRules() {
    }

    /** Adds what the message's clauses say together to the built-in rules' findings {@code found}. */
    static void apply(Map<Signal, String> found, Role role, List<TextNormalizer.Clause> clauses) {
        if (role != Role.AGENT || found.containsKey(Signal.RESOLUTION_PROPOSED)) {
            return;
        }
        for (int index = 0; index < clauses.size(); index++) {
            if (FIX_QUESTION.matcher(clauses.get(index).text()).find() && reportBackAfter(clauses, index)) {
                found.put(Signal.RESOLUTION_PROPOSED, TRIED_AND_REPORT);
                return;
            }
        }
    }

    private static boolean reportBackAfter(List<TextNormalizer.Clause> clauses, int index) {
        for (int later = index + 1; later < clauses.size(); later++) {
            if (REPORT_BACK.matcher(clauses.get(later).text().strip()).find()) {
                return true;
            }
        }
        return false;
    }
}
