package io.happy3.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.happy3.adapter.http.HttpServer;
import io.happy3.adapter.metrics.MetricsServlet;
import io.happy3.adapter.metrics.MicrometerTelemetry;
import io.happy3.adapter.process.GracefulShutdown;
import io.happy3.config.AppConfig;
import io.happy3.config.ConfigFile;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads every file under deploy/ and checks it against the code and the other files (no Docker needed). */
class DeployFilesTest {
    /** A Dockerfile {@code ENV} assignment's name. */
    private static final Pattern ENV_NAME = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=");
    private static final String JVM_OPTIONS = "JDK_JAVA_OPTIONS";

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int DEFAULT_PORT = AppConfig.fromEnv(Map.of()).port();
    private static Map<Path, List<JsonNode>> documents;

    @BeforeAll
    static void parseEveryYamlFile() throws Exception {
        documents = new HashMap<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(path -> path.toString().matches(".*\\.ya?ml")).toList()) {
                try (var parser = YAML.getFactory().createParser(file.toFile())) {
                    documents.put(file, YAML.readValues(parser, JsonNode.class).readAll());
                }
            }
        }
        assertThat(documents).containsKeys(DEPLOY.resolve("docker-compose.yml"), K8S.resolve("deployment.yaml"));
    }

    @Test
    void envNames_inEveryDeployFile_areAppConfigConstants() throws Exception {
        Set<String> known = appConfigConstants();
        Set<String> used = new HashSet<>();
        used.addAll(envNames());
        used.addAll(fieldNames(kind("ConfigMap", "happy3-config").path("data")));
        used.addAll(fieldNames(kind("Secret", "happy3-secrets").path("stringData")));
        used.addAll(fieldNames(composeService().path("environment")));
        used.addAll(ConfigFile.read(DEPLOY.resolve(".env.example")).keySet());
        used.addAll(dockerfile("ENV").stream().flatMap(line -> ENV_NAME.matcher(line).results())
                .map(match -> match.group(1)).toList());
        // The java launcher's own variable (the JVM options of `serve`), not Happy3's.
        used.remove(JVM_OPTIONS);

        assertThat(used).hasSizeGreaterThan(10);
        assertThat(known).containsAll(used);
    }

    @Test
    void jvmDefaults_imageAndPodCapTheHeap_andThePodLimitLeavesRoomForTheRest() {
        String image = dockerfile("ENV").stream().flatMap(line -> Pattern.compile(JVM_OPTIONS + "=\"([^\"]*)\"")
                .matcher(line).results()).map(match -> match.group(1)).findFirst().orElseThrow();
        String pod = StreamSupport.stream(container().path("env").spliterator(), false)
                .filter(entry -> entry.path("name").asText().equals(JVM_OPTIONS)).map(entry -> entry.path("value")
                        .asText()).findFirst().orElseThrow();
        Matcher heap = Pattern.compile("-Xmx(\\d+)m").matcher(image);

        assertThat(heap.find()).as(image).isTrue();
        assertThat(pod).isEqualTo(image);
        assertThat(dockerfile("ENTRYPOINT")).singleElement().asString().contains("-XX:SharedArchiveFile=")
                .contains("-XX:+ExitOnOutOfMemoryError");
        String limit = container().path("resources").path("limits").path("memory").asText();
        assertThat(limit).endsWith("Mi");
        // Metaspace, code cache, threads and the class-data archive take about 110 MiB beside the heap.
        assertThat(Integer.parseInt(limit.replace("Mi", ""))).isGreaterThanOrEqualTo(Integer.parseInt(heap.group(1))
                + 160);
    }

    @Test
    void ports_containerConfigServiceComposeAndDockerfile_allMatchTheDefault() {
        JsonNode port = container().path("ports").get(0);
        assertThat(port.path("containerPort").asInt()).isEqualTo(DEFAULT_PORT);
        assertThat(kind("ConfigMap", "happy3-config").path("data").path(AppConfig.PORT).asText())
                .isEqualTo(String.valueOf(DEFAULT_PORT));
        assertThat(kind("Service", "happy3").path("spec").path("ports").get(0).path("targetPort").asText())
                .isEqualTo(port.path("name").asText());
        assertThat(composeService().path("ports").get(0).asText()).endsWith(":" + DEFAULT_PORT);
        assertThat(dockerfile("EXPOSE")).containsExactly(String.valueOf(DEFAULT_PORT));
    }

    @Test
    void probesAndHealthchecks_pointAtPathsTheServerAnswers() throws Exception {
        JsonNode container = container();
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        List<String> paths = new ArrayList<>(container.findValuesAsText("path"));
        paths.add(kind("Deployment", "happy3").path("spec").path("template").path("metadata").path("annotations")
                .path("prometheus.io/path").asText());
        paths.add(urlPath(String.join(" ", dockerfile("HEALTHCHECK"))));
        paths.add(urlPath(composeService().path("healthcheck").path("test").toString()));
        for (JsonNode probe : List.of(container.path("readinessProbe"), container.path("livenessProbe"))) {
            assertThat(probe.path("httpGet").path("port").asText()).isEqualTo("http");
        }

        try (MicrometerTelemetry telemetry = MicrometerTelemetry.prometheus();
             HttpServer server = new HttpServer("127.0.0.1", 0,
                     List.of(new HttpServer.Mount("/metrics", MetricsServlet.of(telemetry))), Optional::empty)) {
            server.start();
            HttpClient client = HttpClient.newHttpClient();
            for (String path : paths) {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void secretKeyRefs_nameTheSecretAndItsKeys() {
        JsonNode secret = kind("Secret", "happy3-secrets");
        List<JsonNode> refs = container().findValues("secretKeyRef");

        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref.path("name").asText()).isEqualTo("happy3-secrets");
            assertThat(secret.path("stringData").has(ref.path("key").asText())).as(ref.toString()).isTrue();
        });
        assertThat(refs.stream().map(ref -> ref.path("key").asText()).toList()).contains(AppConfig.DB_PASSWORD,
                AppConfig.SLACK_SIGNING_SECRET, AppConfig.SLACK_BOT_TOKEN, AppConfig.SLACK_CLIENT_ID,
                AppConfig.SLACK_CLIENT_SECRET, AppConfig.TEAMS_APP_PASSWORD);
        assertThat(envNames()).doesNotHaveDuplicates();
    }

    @Test
    void kubernetesSettings_areValidForAppConfigAndMountThePlaybooks() {
        JsonNode data = kind("ConfigMap", "happy3-config").path("data");
        Map<String, String> env = new HashMap<>();
        data.fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        String playbookPath = env.put(AppConfig.PLAYBOOKS, K8S.resolve("playbooks").toString());
        env.put(AppConfig.DB_PASSWORD, "x");

        assertThat(AppConfig.fromEnv(env).dbUrl()).startsWith("jdbc:postgresql://");
        assertThat(container().path("volumeMounts").findValuesAsText("mountPath")).contains(playbookPath);
        JsonNode kustomization = documents.get(K8S.resolve("kustomization.yaml")).get(0);
        String generated = kustomization.path("configMapGenerator").get(0).path("name").asText();
        assertThat(kind("Deployment", "happy3").path("spec").path("template").path("spec").path("volumes")
                .findValuesAsText("name")).contains("playbooks");
        assertThat(kind("Deployment", "happy3").findValues("configMap").stream()
                .map(node -> node.path("name").asText())).contains(generated);
        kustomization.path("resources").forEach(resource -> assertThat(K8S.resolve(resource.asText())).exists());
    }

    @Test
    void kubernetesPlaybookCopy_matchesTheShippedPlaybook() throws Exception {
        assertThat(Files.readString(K8S.resolve("playbooks/default.yaml")))
                .isEqualTo(Files.readString(Path.of("playbooks/default.yaml")));
    }

    @Test
    void deployment_hasReplicasSelectorsBudgetAndGracePeriod() {
        JsonNode spec = kind("Deployment", "happy3").path("spec");
        JsonNode labels = spec.path("template").path("metadata").path("labels");
        JsonNode pdb = kind("PodDisruptionBudget", "happy3").path("spec");

        assertThat(spec.path("replicas").asInt()).isEqualTo(2);
        assertThat(spec.path("selector").path("matchLabels")).isEqualTo(labels);
        assertThat(kind("Service", "happy3").path("spec").path("selector")).isEqualTo(labels);
        assertThat(pdb.path("selector").path("matchLabels")).isEqualTo(labels);
        assertThat(pdb.path("minAvailable").asInt()).isEqualTo(1);
        assertThat(spec.path("template").path("spec").path("terminationGracePeriodSeconds").asLong())
                .isGreaterThan(GracefulShutdown.DEFAULT_TOTAL.toSeconds() + 5);
        assertThat(container().path("resources").path("requests").has("memory")).isTrue();
    }

    @Test
    void dockerfile_buildsOnMavenRunsOnJreAsNonRoot() throws Exception {
        List<String> from = dockerfile("FROM");
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).startsWith("maven:3.9-eclipse-temurin-17");
        assertThat(from.get(1)).isEqualTo("eclipse-temurin:17-jre");
        assertThat(dockerfile("USER")).singleElement().asString().doesNotStartWith("0").doesNotStartWith("root");
        assertThat(String.join(" ", dockerfile("ENV"))).contains("HAPPY3_PLAYBOOKS=/app/playbooks");
        assertThat(dockerfile("COPY")).anyMatch(copy -> copy.endsWith("/app/playbooks/"));
    }

    @Test
    void compose_waitsForAHealthyPostgresAndKeepsItsData() {
        JsonNode compose = documents.get(DEPLOY.resolve("docker-compose.yml")).get(0);
        JsonNode postgres = compose.path("services").path("postgres");

        assertThat(postgres.path("image").asText()).isEqualTo("postgres:16");
        assertThat(postgres.path("healthcheck").isObject()).isTrue();
        assertThat(composeService().path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        String volume = postgres.path("volumes").get(0).asText().split(":")[0];
        assertThat(compose.path("volumes").has(volume)).isTrue();
        assertThat(postgres.path("environment").path("POSTGRES_PASSWORD").asText()).contains(AppConfig.DB_PASSWORD);
        assertThat(composeService().path("environment").path(AppConfig.DB_URL).asText())
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.path("environment").path("POSTGRES_DB")
                        .asText());
    }

    private static JsonNode container() {
        return kind("Deployment", "happy3").path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static List<String> envNames() {
        List<String> names = new ArrayList<>();
        container().path("env").forEach(entry -> names.add(entry.path("name").asText()));
        return names;
    }

    private static JsonNode composeService() {
        return documents.get(DEPLOY.resolve("docker-compose.yml")).get(0).path("services").path("happy3");
    }

    private static JsonNode kind(String kind, String name) {
        return documents.entrySet().stream().filter(entry -> entry.getKey().startsWith(K8S))
                .flatMap(entry -> entry.getValue().stream())
                .filter(doc -> doc.path("kind").asText().equals(kind))
                .filter(doc -> doc.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " under " + K8S));
    }

    /** The arguments of every {@code INSTRUCTION} line of the Dockerfile (continuation lines joined). */
    private static List<String> dockerfile(String instruction) {
        try {
            String text = Files.readString(DEPLOY.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
            return text.lines().map(String::strip).filter(line -> line.startsWith(instruction + " "))
                    .map(line -> line.substring(instruction.length()).strip().replaceAll("\\s+", " ")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String urlPath(String text) {
        Matcher matcher = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/[a-z]+)").matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        assertThat(Integer.parseInt(matcher.group(1))).isEqualTo(DEFAULT_PORT);
        return matcher.group(2);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> appConfigConstants() throws IllegalAccessException {
        Set<String> names = new HashSet<>();
        for (Field field : AppConfig.class.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }
}
