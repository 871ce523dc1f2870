package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode ({@code SLACK_APP_TOKEN}): the same Bolt {@link App} fed over an outbound WebSocket, so no
 * public URL is needed. Bolt's {@link SocketModeApp} opens the connection ({@code apps.connections.open}
 * with the app token, then the {@code wss://} URL it returns) over the Java-WebSocket backend, acks each
 * envelope with the listener's response, and sends no ack when the response is not 200 (the inbox is
 * down): Slack then delivers the envelope again. Reconnecting is ours, not Bolt's (its monitor retries every
 * 10 s, in step on every replica): a watchdog pings every {@link #CHECK_EVERY} and, once the socket is gone,
 * reconnects after an exponential pause with jitter ({@link SocketBackoff}) that resets once connected.
 */
final class SlackSocketMode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);

    private static final int ATTEMPTS = 4;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final SocketModeApp socketMode;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slack-socket-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SocketBackoff backoff = SocketBackoff.standard();
    private volatile Duration checkEvery = CHECK_EVERY;
    private volatile boolean closed;
    private int attempts;

    SlackSocketMode(String appToken, App app) {
        requireNonNull(appToken, "appToken == null");
        try {
            this.socketMode = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app);
        } catch (IOException e) {
            throw new IllegalStateException("Socket Mode: " + e.getMessage(), e);
        }
    }

    /** Replaces the reconnect pauses and the watchdog's interval (tests use milliseconds). */
    void reconnectWith(SocketBackoff newBackoff, Duration newCheckEvery) {
        this.backoff = requireNonNull(newBackoff, "newBackoff == null");
        this.checkEvery = requireNonNull(newCheckEvery, "newCheckEvery == null");
    }

    /** One watchdog round: a live socket resets the attempts; a dead one is reopened after the next pause. */
    private void check() {
        if (closed) {
            return;
        }
        SocketModeClient client = socketMode.getClient();
        client.setAutoReconnectEnabled(false); // a new session may switch Bolt's fixed-interval retry back on
        if (client.verifyConnection()) {
            attempts = 0;
            schedule(this::check, checkEvery);
            return;
        }
        attempts++;
        Duration pause = backoff.pause(attempts);
        log.warn("Slack Socket Mode connection lost; reconnect attempt {} in {} ms", attempts, pause.toMillis());
        schedule(() -> {
            reconnect(client);
            schedule(this::check, checkEvery);
        }, pause);
    }

    private void reconnect(SocketModeClient client) {
        if (closed) {
            return;
        }
        try {
            client.connectToNewEndpoint();
        } catch (Exception e) {
            log.warn("Slack Socket Mode reconnect attempt {} failed: {}", attempts, e.toString());
        }
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            watchdog.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Socket Mode watchdog round failed, trying again: {}", e.toString());
                    schedule(this::check, checkEvery);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Socket Mode watchdog stopped");
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
                socketMode.getClient().setAutoReconnectEnabled(false);
                log.info("Slack Socket Mode connected");
                schedule(this::check, checkEvery);
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
        closed = true;
        watchdog.shutdownNow();
        try {
            socketMode.close();
        } catch (Exception e) {
            log.warn("closing the Socket Mode connection failed: {}", e.toString());
        }
    }
}
