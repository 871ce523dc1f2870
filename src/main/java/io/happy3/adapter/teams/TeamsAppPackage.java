package io.happy3.adapter.teams;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the Teams app package to sideload or publish: a zip of {@code manifest.json} (with the bot id filled
 * in for the {@value #BOT_ID_PLACEHOLDER} placeholder) and the two icons. The files come from the classpath
 * ({@code io/happy3/adapter/teams/app/}, when the build copies {@code deploy/teams/} there) or else from the
 * {@code deploy/teams/} folder of the working directory.
 */
public final class TeamsAppPackage {
    public static final String BOT_ID_PLACEHOLDER = "{{BOT_ID}}";
    public static final String MANIFEST = "manifest.json";
    public static final String COLOR_ICON = "color.png";
    public static final String OUTLINE_ICON = "outline.png";
    static final Path SOURCE = Path.of("deploy", "teams");
    private static final String CLASSPATH = "/io/happy3/adapter/teams/app/";
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Pattern VERSION = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern MANIFEST_VERSION_FIELD = Pattern.compile("\"version\"\\s*:\\s*\"[^\"]*\"");

    private TeamsAppPackage() {
    }

    /** Writes the package to {@code out}, taking the files from the classpath or {@code deploy/teams/}. */
    public static void write(Path out, String botId) {
        write(out, botId, SOURCE);
    }

    /**
     * Writes the package with the manifest's {@code version} set to {@code version} (Teams only takes an update of
     * an uploaded app when this number grows), e.g. {@code 1.4.0}.
     */
    public static void write(Path out, String botId, Optional<String> version) {
        write(out, botId, SOURCE, version);
    }

    /** Writes the package to {@code out} with the files from {@code source} (when not on the classpath). */
    public static void write(Path out, String botId, Path source) {
        write(out, botId, source, Optional.empty());
    }

    private static void write(Path out, String botId, Path source, Optional<String> version) {
        requireNonNull(out, "out == null");
        requireNonNull(version, "version == null");
        if (version.isPresent() && !VERSION.matcher(version.get()).matches()) {
            throw new IllegalArgumentException("the package version must look like 1.2.3, got '" + version.get()
                    + "'");
        }
        requireNonNull(botId, "botId == null");
        if (!GUID.matcher(botId).matches()) {
            throw new IllegalArgumentException("the bot id must be the Azure Bot's Microsoft App ID (a GUID), got '"
                    + botId + "'");
        }
        String manifest = new String(read(MANIFEST, source), StandardCharsets.UTF_8)
                .replace(BOT_ID_PLACEHOLDER, botId);
        if (version.isPresent()) {
            manifest = MANIFEST_VERSION_FIELD.matcher(manifest).replaceFirst("\"version\": \"" + version.get() + "\"");
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
                entry(zip, MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
                entry(zip, COLOR_ICON, read(COLOR_ICON, source));
                entry(zip, OUTLINE_ICON, read(OUTLINE_ICON, source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Teams app package " + out, e);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] read(String name, Path source) {
        try {
            Optional<byte[]> bundled = classpath(name);
            if (bundled.isPresent()) {
                return bundled.get();
            }
            return Files.readAllBytes(source.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the classpath or " + source
                    + " (run from the project folder, or bundle deploy/teams/ into the jar)", e);
        }
    }

    private static Optional<byte[]> classpath(String name) throws IOException {
        try (InputStream in = TeamsAppPackage.class.getResourceAsStream(CLASSPATH + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }
}
