package io.happy3.domain.issue;

/** Who wrote a message in a support channel: a customer, or an agent of the support team. */
public enum Role {
    CUSTOMER,
    AGENT
}
