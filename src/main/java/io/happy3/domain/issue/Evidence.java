package io.happy3.domain.issue;

/** How a confirmation is known: from the customer (verified) or from an agent's word (attested). */
public enum Evidence {
    CUSTOMER_WORDS,
    CUSTOMER_REACTION,
    AGENT_ATTESTED;

    public boolean verified() {
        return this != AGENT_ATTESTED;
    }
}
