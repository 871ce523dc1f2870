package io.happy3.config;

/** A configuration value is missing or invalid; the message names the variable and stops the start. */
public final class InvalidConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
