package io.happy3.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local fake of Slack's Socket Mode server: accepts the client's WebSocket (the URL the fake Web API's
 * {@code apps.connections.open} returns), says {@code hello}, sends envelopes and collects what the client
 * answers (its acks). It can drop every connection, as Slack does on a refresh or an outage.
 */
final class FakeSocketModeServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<WebSocket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger envelopes = new AtomicInteger();
    private final Server server;

    FakeSocketModeServer() throws InterruptedException {
        server = new Server();
        server.setReuseAddr(true);
        server.start();
        for (int i = 0; i < 100 && server.getPort() == 0; i++) {
            Thread.sleep(20);
        }
    }

    String url() {
        return "ws://127.0.0.1:" + server.getPort() + "/link";
    }

    /** How many connections the client has opened so far. */
    int connections() {
        return connections.get();
    }

    /** Waits until a client is connected; false after {@code timeout}. */
    boolean awaitConnection(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (connections.get() >= count && !open.isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Sends one envelope of {@code type} ({@code events_api}, {@code slash_commands}, {@code interactive}). */
    String send(String type, JsonNode payload) {
        String id = "env-" + envelopes.incrementAndGet();
        ObjectNode envelope = JSON.createObjectNode().put("envelope_id", id).put("type", type)
                .put("accepts_response_payload", !type.equals("events_api")).put("retry_attempt", 0)
                .put("retry_reason", "");
        envelope.set("payload", payload);
        open.forEach(socket -> socket.send(envelope.toString()));
        return id;
    }

    /** The next answer the client sent for {@code envelopeId}, or empty after {@code timeout}. */
    Optional<JsonNode> answerTo(String envelopeId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            JsonNode answer = answers.poll(left, TimeUnit.NANOSECONDS);
            if (answer != null && envelopeId.equals(answer.path("envelope_id").asText())) {
                return Optional.of(answer);
            }
        }
        return Optional.empty();
    }

    /** Closes every connection from the server side. */
    void dropAll() {
        open.forEach(socket -> socket.closeConnection(1006, "dropped by the fake"));
        open.clear();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.stop(1000);
    }

    private final class Server extends WebSocketServer {
        Server() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
            open.add(socket);
            connections.incrementAndGet();
            socket.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0HAPPY3\"}}");
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            open.remove(socket);
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            try {
                answers.add(JSON.readTree(message));
            } catch (IOException e) {
                answers.add(JSON.createObjectNode().put("unreadable", message));
            }
        }

        @Override
        public void onError(WebSocket socket, Exception e) {
            // the test sees the missing ack
        }

        @Override
        public void onStart() {
        }

        @Override
        public void onWebsocketPing(WebSocket socket, org.java_websocket.framing.Framedata frame) {
            super.onWebsocketPing(socket, frame); // answers the pong
            pings.incrementAndGet();
        }
    }

    /** Pings received so far: the client checking its connection. */
    int pings() {
        return pings.get();
    }

    /** Waits until the client has pinged {@code more} times beyond {@code seen}; false after {@code timeout}. */
    boolean awaitPings(int seen, int more, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pings.get() >= seen + more) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
