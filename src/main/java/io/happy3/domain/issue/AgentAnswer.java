package io.happy3.domain.issue;

/** What an agent can tell the bot about an issue with one click on a nudge. */
public enum AgentAnswer {
    /** The customer confirmed it works (the agent attests it; reviews show it apart from verified ones). */
    CUSTOMER_CONFIRMED,
    /** The agent has just asked the customer to confirm. */
    ASKED_NOW,
    /** The agent's fix claim was premature: the issue is not resolved. */
    NOT_RESOLVED,
    /** The agent checked back with the customer after the confirmation. */
    FOLLOWED_UP
}
