package io.happy3.adapter.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox over HTTP: the page and its assets at {@code /}, a small JSON API under {@code /sandbox/api/},
 * and the event stream. Answers only connections that arrived on the configured address (loopback by
 * default): anyone else gets 404, as if there were no sandbox. Writes need a JSON body, which a page of
 * another site cannot send here without the browser asking first.
 */
final class SandboxServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(SandboxServlet.class);
    private static final int MAX_BODY = 256 * 1024;
    private static final Map<String, String> ASSETS = Map.of(
            "/", "sandbox/index.html",
            "/sandbox/app.js", "sandbox/app.js",
            "/sandbox/style.css", "sandbox/style.css");

    private final transient Sandbox sandbox;
    private final transient SandboxPlaybooks playbooks;
    private final transient SandboxEvents events;
    private final transient BindGuard guard;
    private final transient ObjectMapper json;

    SandboxServlet(Sandbox sandbox, SandboxPlaybooks playbooks, SandboxEvents events, BindGuard guard,
                   ObjectMapper json) {
        this.sandbox = sandbox;
        this.playbooks = playbooks;
        this.events = events;
        this.guard = guard;
        this.json = json;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!guard.allows(request.getLocalAddr())) {
            error(response, 404, "not found");
            return;
        }
        String path = request.getRequestURI();
        try {
            if ("GET".equals(request.getMethod())) {
                get(path, request, response);
            } else if ("POST".equals(request.getMethod())) {
                post(path, request, response);
            } else {
                error(response, 405, "method not allowed");
            }
        } catch (Sandbox.BadRequestException e) {
            error(response, 400, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("sandbox request {} {} failed", request.getMethod(), path, e);
            error(response, 500, "the sandbox could not do that (see the server log)");
        }
    }

    private void get(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (ASSETS.containsKey(path)) {
            asset(ASSETS.get(path), response);
        } else if (path.equals("/sandbox/api/state")) {
            write(response, 200, sandbox.state());
        } else if (path.equals("/sandbox/api/events")) {
            events.open(request.startAsync());
        } else if (path.equals("/sandbox/api/playbook")) {
            write(response, 200, playbooks.current());
        } else if (path.startsWith("/sandbox/api/files/")) {
            file(path.substring("/sandbox/api/files/".length()), response);
        } else {
            error(response, 404, "not found");
        }
    }

    private void post(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = Optional.ofNullable(request.getContentType()).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            error(response, 415, "send JSON (Content-Type: application/json)");
            return;
        }
        JsonNode body = body(request);
        String as = body.path("as").asText("");
        ObjectNode answer = json.createObjectNode().put("ok", true);
        switch (path) {
            case "/sandbox/api/messages" -> answer.put("id", sandbox.post(as, text(body, "thread"),
                    body.path("text").asText("")));
            case "/sandbox/api/reactions" -> sandbox.react(as, body.path("message").asText(""),
                    body.path("reaction").asText(""));
            case "/sandbox/api/actions" -> sandbox.press(as, body.path("target").asText(""),
                    body.path("action").asText(""), body.path("value").asText(""));
            case "/sandbox/api/commands" -> sandbox.command(as, body.path("text").asText(""));
            case "/sandbox/api/clock" -> sandbox.advance(body.path("by").asText(""));
            case "/sandbox/api/reset" -> sandbox.reset();
            case "/sandbox/api/playbook/check" -> answer = playbooks.check(body.path("text").asText(""));
            case "/sandbox/api/playbook/replay" -> answer = playbooks.replay(body.path("text").asText(""),
                    body.path("thread").asText(""));
            default -> {
                error(response, 404, "not found");
                return;
            }
        }
        write(response, 200, answer);
    }

    private static Optional<String> text(JsonNode body, String field) {
        return Optional.of(body.path(field).asText("")).filter(value -> !value.isBlank());
    }

    private JsonNode body(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new Sandbox.BadRequestException("the request is larger than " + MAX_BODY / 1024 + " KiB");
        }
        try {
            JsonNode body = json.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new Sandbox.BadRequestException("send a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new Sandbox.BadRequestException("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private void file(String seq, HttpServletResponse response) throws IOException {
        Optional<SandboxLog.Entry> entry;
        try {
            entry = sandbox.file(Long.parseLong(seq));
        } catch (NumberFormatException e) {
            entry = Optional.empty();
        }
        if (entry.isEmpty()) {
            error(response, 404, "no such file");
            return;
        }
        JsonNode body = entry.get().body();
        String name = body.path("fileName").asText("file").replaceAll("[^A-Za-z0-9._-]", "_");
        String mime = body.path("mimeType").asText("application/octet-stream");
        response.setStatus(200);
        response.setContentType(mime.startsWith("text/") ? mime + "; charset=utf-8" : mime);
        response.setHeader("Content-Disposition", (mime.startsWith("image/") ? "inline" : "attachment")
                + "; filename=\"" + name + "\"");
        response.getOutputStream().write(Base64.getDecoder().decode(body.path("bytes").asText("")));
    }

    private void asset(String resource, HttpServletResponse response) throws IOException {
        try (InputStream in = SandboxServlet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                error(response, 404, "not found");
                return;
            }
            response.setStatus(200);
            response.setContentType(resource.endsWith(".html") ? "text/html; charset=utf-8"
                    : resource.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                    + "frame-ancestors 'none'");
            in.transferTo(response.getOutputStream());
        }
    }

    private void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, json.createObjectNode().put("error", message));
    }
}
