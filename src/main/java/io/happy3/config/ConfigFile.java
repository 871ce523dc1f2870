package io.happy3.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional config file: the same keys as the environment variables, one {@code KEY=value} per line
 * ({@code #} comments, blank lines and quotes as in a Docker {@code .env} file). Environment variables win
 * over the file; an unknown key stops the start with a "did you mean".
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** Where the file is: {@code --config FILE} (or {@code --config=FILE}) in {@code args}, else {@code HAPPY3_CONFIG}. */
    public static Optional<Path> location(List<String> args, Map<String, String> env) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--config")) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    throw new InvalidConfigurationException("--config needs a file name");
                }
                return Optional.of(Path.of(args.get(i + 1)));
            }
            if (arg.startsWith("--config=")) {
                return Optional.of(Path.of(arg.substring("--config=".length())));
            }
        }
        return Optional.ofNullable(env.get(AppConfig.CONFIG)).map(String::strip).filter(s -> !s.isEmpty())
                .map(Path::of);
    }

    /** {@code env} over the file's settings (a blank environment value does not hide the file's value). */
    public static Map<String, String> merged(Map<String, String> env, Optional<Path> file) {
        Map<String, String> merged = new LinkedHashMap<>();
        file.ifPresent(path -> merged.putAll(read(path)));
        env.forEach((key, value) -> {
            if (!value.isBlank() || !merged.containsKey(key)) {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** Reads the file; every key must be a known variable. */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigurationException(AppConfig.CONFIG + ": cannot read config file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + number + ": ";
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new InvalidConfigurationException(where + "expected KEY=value");
            }
            String key = line.substring(0, equals).strip();
            if (!AppConfig.VARIABLES.contains(key)) {
                throw new InvalidConfigurationException(where + DidYouMean.unknown("key", key, AppConfig.VARIABLES));
            }
            if (settings.put(key, unquote(line.substring(equals + 1).strip())) != null) {
                throw new InvalidConfigurationException(where + key + " is set twice");
            }
        }
        return settings;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
