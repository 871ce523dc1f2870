package io.happy3.domain.chat;

/** The chat platform an event came from or a message goes to. */
public enum Platform {
    SLACK,
    TEAMS,
    /** The offline demo and the command line: no real platform behind it. */
    LOCAL
}
