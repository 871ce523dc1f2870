package io.happy3.adapter.sandbox;

import io.happy3.domain.signal.DetectedSignal;

/** Plain-language explanations of signals and their rules, as the page shows them under each message. */
final class Explanations {
    private Explanations() {
    }

    static String of(DetectedSignal signal) {
        String meaning = switch (signal.signal()) {
            case RESOLUTION_PROPOSED -> "The agent says it is fixed. That is a claim, not a result yet: "
                    + "the customer should confirm.";
            case CUSTOMER_CONFIRMED -> "The customer says it works: a verified result.";
            case STILL_BROKEN -> "The customer says it is still broken: the issue is open again.";
            case PROMISE_MADE -> "The agent promised to come back: it becomes a tracked follow-up.";
            case GRATITUDE -> "The customer thanked the team: a proud moment is nominated.";
        };
        return meaning + " Matched by " + rule(signal.rule()) + ".";
    }

    /** {@code playbook:default:works now} reads "the phrase “works now” of playbook default". */
    static String rule(String rule) {
        if (rule.startsWith("playbook:")) {
            String rest = rule.substring("playbook:".length());
            int colon = rest.indexOf(':');
            if (colon > 0) {
                return "the phrase “" + rest.substring(colon + 1).replace("\"", "") + "” of playbook "
                        + rest.substring(0, colon);
            }
        }
        if (rule.startsWith("builtin:")) {
            return "the built-in rule " + rule.substring("builtin:".length());
        }
        return rule;
    }
}
