package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode ({@code SLACK_APP_TOKEN}): the same Bolt {@link App} fed over an outbound WebSocket, so no
 * public URL is needed. Bolt's {@link SocketModeApp} opens the connection ({@code apps.connections.open}
 * with the app token, then the {@code wss://} URL it returns) over the Java-WebSocket backend, acks each
 * envelope with the listener's response, and sends no ack when the response is not 200 (the inbox is
 * down): Slack then delivers the envelope again. Its session monitor pings every 5 s and, when the socket
 * is gone, opens a new connection, waiting 10 s after a failed attempt.
 */
final class SlackSocketMode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);

    private static final int ATTEMPTS = 4;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    private final SocketModeApp socketMode;

    SlackSocketMode(String appToken, App app) {
        requireNonNull(appToken, "appToken == null");
        try {
            this.socketMode = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app);
        } catch (IOException e) {
            throw new IllegalStateException("Socket Mode: " + e.getMessage(), e);
        }
    }

    /**
     * Connects, trying {@value #ATTEMPTS} times with a doubling pause (a slow first call must not stop the
     * start); then throws with the reason (Slack refused the app token or cannot be reached).
     */
    void start() {
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                socketMode.startAsync();
                log.info("Slack Socket Mode connected");
                return;
            } catch (Exception e) {
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("Socket Mode could not connect (apps.connections.open with "
                            + "SLACK_APP_TOKEN failed: " + e.getMessage() + ")", e);
                }
                log.warn("Socket Mode connection attempt {} failed, retrying in {} ms: {}", attempt,
                        pause.toMillis(), e.toString());
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting over Socket Mode", e);
        }
    }

    @Override
    public void close() {
        try {
            socketMode.close();
        } catch (Exception e) {
            log.warn("closing the Socket Mode connection failed: {}", e.toString());
        }
    }
}
