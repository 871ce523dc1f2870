package io.happy3.adapter.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The page's playbook editor: loads the playbook in force, checks an edited version with the real loader
 * (problems with line and column), and replays a thread under both versions side by side. The edited version
 * never goes into force: that is what the playbook folder, reviewed in git, is for.
 */
final class SandboxPlaybooks {
    private final Sandbox sandbox;
    private final PlaybookChecker checker;
    private final PlaybookDryRun dryRun;
    private final ObjectMapper json;

    SandboxPlaybooks(Sandbox sandbox, PlaybookChecker checker, ObjectMapper json) {
        this.sandbox = requireNonNull(sandbox, "sandbox == null");
        this.checker = requireNonNull(checker, "checker == null");
        this.json = requireNonNull(json, "json == null");
        this.dryRun = new PlaybookDryRun(json);
    }

    ObjectNode current() {
        Optional<Playbook> playbook = inForce();
        ObjectNode answer = json.createObjectNode();
        answer.put("id", playbook.map(Playbook::id).map(PlaybookId::value).orElse(""));
        answer.put("source", playbook.map(Playbook::source).orElse(""));
        answer.put("text", playbook.flatMap(SandboxPlaybooks::text).orElse(""));
        return answer;
    }

    ObjectNode check(String text) {
        PlaybookChecker.Checked checked = checker.check("edited.yaml", text);
        ObjectNode answer = json.createObjectNode();
        answer.put("ok", checked.problems().isEmpty());
        checked.playbook().ifPresent(playbook -> answer.put("id", playbook.id().value()).put("steps", playbook.steps().size()));
        ArrayNode problems = answer.putArray("problems");
        for (PlaybookChecker.Problem problem : checked.problems()) {
            problems.addObject().put("line", problem.line()).put("column", problem.column())
                    .put("message", problem.message());
        }
        return answer;
    }

    ObjectNode replay(String text, String thread) {
        PlaybookChecker.Checked checked = checker.check("edited.yaml", text);
        if (checked.playbook().isEmpty()) {
            ObjectNode answer = check(text);
            answer.put("error", "fix the problems first: the edited playbook does not load");
            return answer;
        }
        Playbook current = inForce().orElseThrow(() -> new Sandbox.BadRequestException("no playbook is in force"));
        boolean known = sandbox.log().entries().stream().anyMatch(entry -> entry.kind().equals("message")
                && entry.body().path("id").asText().equals(thread) && !entry.body().path("thread").isTextual());
        if (!known) {
            throw new Sandbox.BadRequestException("pick a thread to replay (no thread " + thread + ")");
        }
        ObjectNode answer = dryRun.compare(sandbox.log().entries(), thread, current, checked.playbook().get(),
                sandbox.now(), sandbox.zone());
        answer.put("ok", true);
        return answer;
    }

    private Optional<Playbook> inForce() {
        return sandbox.engine().team().followed(SandboxPeople.CHANNEL).map(context -> context.playbook())
                .or(() -> sandbox.engine().team().defaultPlaybook());
    }

    /** The file the playbook came from, or the copy shipped in the jar under the same name. */
    private static Optional<String> text(Playbook playbook) {
        Path file = Path.of(playbook.source());
        try {
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.readString(file));
            }
            try (InputStream shipped = SandboxPlaybooks.class.getClassLoader().getResourceAsStream("playbooks/"
                    + file.getFileName())) {
                return shipped == null ? Optional.empty()
                        : Optional.of(new String(shipped.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
