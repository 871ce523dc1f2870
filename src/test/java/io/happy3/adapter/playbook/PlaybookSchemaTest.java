package io.happy3.adapter.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.happy3.domain.issue.IssueEventType;
import io.happy3.domain.playbook.NudgeAction;
import io.happy3.domain.playbook.Recipient;
import io.happy3.domain.signal.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlaybookSchemaTest {
    private static final Path SCHEMA = Path.of("playbooks/playbook.schema.json");
    private final ObjectMapper yaml = new YAMLMapper();
    private final JsonNode schemaJson = read(new ObjectMapper(), SCHEMA);
    private final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(schemaJson);

    @Test
    void validate_everyShippedPlaybook_conformsToTheSchema() throws IOException {
        List<Path> shipped;
        try (Stream<Path> files = Files.list(Path.of("playbooks"))) {
            shipped = files.filter(file -> file.toString().matches(".*\\.ya?ml")).sorted().toList();
        }

        assertThat(shipped).isNotEmpty();
        for (Path file : shipped) {
            assertThat(validate(file)).as(file.toString()).isEmpty();
        }
    }

    @Test
    void validate_designExample_conformsToTheSchema() {
        assertThat(validate(Path.of("src/test/resources/playbooks/design-example.yaml"))).isEmpty();
    }

    @Test
    void validate_unknownKeys_areRejectedByTheSchemaToo() {
        assertThat(validate(Path.of("src/test/resources/playbooks/broken/unknown-keys.yaml")))
                .anyMatch(message -> message.contains("chanels"))
                .anyMatch(message -> message.contains("nudg"));
    }

    @Test
    void schema_enums_matchTheNamesTheLoaderAccepts() {
        JsonNode defs = schemaJson.get("$defs");
        JsonNode step = defs.get("step").get("properties");

        assertThat(strings(defs.get("event").get("enum"))).containsExactlyElementsOf(
                Arrays.stream(IssueEventType.values()).filter(IssueEventType::playbookEvent)
                        .map(IssueEventType::wireName).toList());
        assertThat(strings(step.get("to").get("enum"))).containsExactlyElementsOf(
                Arrays.stream(Recipient.values()).map(Recipient::wireName).toList());
        assertThat(strings(step.get("actions").get("items").get("enum"))).containsExactlyElementsOf(
                Arrays.stream(NudgeAction.values()).map(NudgeAction::wireName).toList());
        assertThat(fieldNames(schemaJson.get("properties").get("signals").get("properties")))
                .containsExactlyElementsOf(Arrays.stream(Signal.values()).map(Signal::wireName).toList());
        assertThat(fieldNames(schemaJson.get("properties"))).containsExactlyInAnyOrderElementsOf(PlaybookReader.KEYS);
        assertThat(fieldNames(step)).containsExactlyInAnyOrderElementsOf(StepReader.KEYS);
    }

    private Set<String> validate(Path file) {
        return schema.validate(read(yaml, file)).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toSet());
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
