package io.happy3.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the hexagon honest (STYLE.md, docs/architecture.md): the domain is pure Java and writes no platform
 * syntax, use cases know no adapter and hand out no store, and adapters never import each other. Reads the
 * source files, so a violation names its file and line.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/io/happy3");
    private static final int MAX_METHOD_LINES = 40;
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)");
    private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.happy3\\.(adapter\\.\\w+|cli|config)\\.");

    /** Mention, channel and link markup of Slack ({@code <@U1>}, {@code <#C1>}, {@code <!here>}, {@code <https://…|…>}) or Teams. */
    private static final Pattern PLATFORM_SYNTAX = Pattern.compile(
            "\"[^\"]*<(?:[@#]|!(?:subteam|here|channel|everyone|date)|at[ >]|https?:[^\"]*\\|)"
            // a link written in pieces: Slack's "<" + url + "|label>", Markdown's "[" + label + "](" + url
            + "|\"\\|[^\"]*>\"|\"\\]\\(\"");
    /** A platform named in code: a branch on it is platform knowledge that belongs in an adapter. */
    private static final Pattern PLATFORM_BRANCH = Pattern.compile("Platform\\.(?:SLACK|TEAMS)\\b");
    /** Threads and executors: running things on a schedule is infrastructure (adapter.scheduler, adapter.process). */
    private static final Pattern THREADS = Pattern.compile("\\b(?:Executors|ExecutorService|ScheduledExecutorService)\\b"
            + "|new Thread\\(");
    /** A public method of a use case returning a port of the durable state. */
    private static final Pattern STORE_HANDED_OUT = Pattern.compile(
            "^\\s*public\\s+(?:static\\s+)?(?:\\w+<)?\\w*(?:Store|Ledger)>?\\s+\\w+\\(");

    /** The lines of the Java files under {@code folder} that {@code pattern} finds, comments left out. */
    private static List<String> lines(Path folder, Pattern pattern) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int number = 0; number < lines.size(); number++) {
                    String code = lines.get(number).strip();
                    if (!code.startsWith("*") && !code.startsWith("/*") && !code.startsWith("//")
                            && pattern.matcher(code).find()) {
                        found.add(file + ":" + (number + 1) + ": " + code);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<String> violations(Path folder, java.util.function.Predicate<String> allowed) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int number = 0; number < lines.size(); number++) {
                    String line = lines.get(number);
                    Matcher imported = IMPORT.matcher(line);
                    if (imported.find() && !allowed.test(imported.group(1))) {
                        found.add(file + ":" + (number + 1) + ": " + line.strip());
                    }
                    Matcher qualified = QUALIFIED.matcher(line);
                    while (!line.startsWith("import") && !line.startsWith("package") && qualified.find()) {
                        String name = "io.happy3." + qualified.group(1) + ".";
                        if (!allowed.test(name)) {
                            found.add(file + ":" + (number + 1) + ": " + line.strip());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void domain_importsOnlyJavaAndItself() {
        assertThat(violations(MAIN.resolve("domain"),
                name -> name.startsWith("java.") || name.startsWith("io.happy3.domain."))).isEmpty();
    }

    @Test
    void app_importsNoAdapterConfigOrCli() {
        assertThat(violations(MAIN.resolve("app"), name -> name.startsWith("java.")
                || name.startsWith("io.happy3.domain.") || name.startsWith("io.happy3.app.")
                || name.startsWith("org.slf4j."))).isEmpty();
    }

    @Test
    void adapters_neverImportEachOther() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> adapters = Files.list(MAIN.resolve("adapter"))) {
            for (Path adapter : adapters.filter(Files::isDirectory).toList()) {
                String own = "io.happy3.adapter." + adapter.getFileName() + ".";
                found.addAll(violations(adapter, name -> !name.startsWith("io.happy3.adapter.")
                        && !name.startsWith("io.happy3.cli.") || name.startsWith(own)));
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void domainAndApp_writeAndReadNoPlatformSyntax() {
        List<String> found = new ArrayList<>(lines(MAIN.resolve("domain"), PLATFORM_SYNTAX));
        found.addAll(lines(MAIN.resolve("app"), PLATFORM_SYNTAX));
        found.addAll(lines(MAIN.resolve("domain"), PLATFORM_BRANCH));
        found.addAll(lines(MAIN.resolve("app"), PLATFORM_BRANCH));
        assertThat(found).as("mentions and links are the ChatMarkup port's; see docs/architecture.md").isEmpty();
    }

    @Test
    void domainAndApp_startNoThreads() {
        List<String> found = new ArrayList<>(lines(MAIN.resolve("domain"), THREADS));
        found.addAll(lines(MAIN.resolve("app"), THREADS));
        assertThat(found).as("heartbeats, tickers and pools live in adapter.scheduler / adapter.process").isEmpty();
    }

    @Test
    void app_handsOutNoStore() {
        assertThat(lines(MAIN.resolve("app"), STORE_HANDED_OUT))
                .as("a use case answers questions; whoever needs a store gets it from the composition").isEmpty();
    }

    @Test
    void mainCode_hasNoMethodOverFortyLines() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                for (MethodLengths.Method method : MethodLengths.of(Files.readString(file))) {
                    if (method.lines() > MAX_METHOD_LINES) {
                        found.add(file + ":" + method.line() + ": " + method.name() + " spans " + method.lines());
                    }
                }
            }
        }
        assertThat(found).as("split a method that grows past %d lines (STYLE.md)", MAX_METHOD_LINES).isEmpty();
    }
}
