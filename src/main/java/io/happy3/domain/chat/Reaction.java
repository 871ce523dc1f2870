package io.happy3.domain.chat;

/** The reactions the bot understands; adapters map platform emoji names onto these. */
public enum Reaction {
    /** ✅ from the customer confirms the result. */
    CONFIRM,
    /** ⭐ from anyone nominates a proud moment. */
    STAR,
    OTHER
}
