package io.happy3.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The effective configuration, read from environment variables (DESIGN.md, "Configuration contract").
 * Every variable name is a constant here and nowhere else. Secrets are kept as {@link Secret}s so
 * they never print.
 */
public record AppConfig(String bindAddress, int port, String dbUrl, String dbUser, Secret dbPassword,
                        Path playbooks, ZoneId timeZone, Optional<Slack> slack, Optional<Teams> teams,
                        boolean storeMessageText, int retentionDays, String logFormat, WeeklyTime ritualPrompt,
                        WeeklyTime ritualDigest, OptionalInt managementPort, Optional<Sandbox> sandbox,
                        boolean signalModel, Encryption encryption) {
    public static final String PORT = "HAPPY3_PORT";
    /** AES-256 key (32 bytes, base64) that bot tokens are stored under; see docs/slack.md for rotation. */
    public static final String ENCRYPTION_KEY = "HAPPY3_ENCRYPTION_KEY";
    /** The key before a rotation: still read, never written. */
    public static final String ENCRYPTION_KEY_PREVIOUS = "HAPPY3_ENCRYPTION_KEY_PREVIOUS";
    public static final String BIND = "HAPPY3_BIND";
    public static final String DB_URL = "HAPPY3_DB_URL";
    public static final String DB_USER = "HAPPY3_DB_USER";
    public static final String DB_PASSWORD = "HAPPY3_DB_PASSWORD";
    public static final String PLAYBOOKS = "HAPPY3_PLAYBOOKS";
    public static final String TIME_ZONE = "HAPPY3_TIME_ZONE";
    public static final String SLACK_SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String SLACK_CLIENT_ID = "SLACK_CLIENT_ID";
    public static final String SLACK_CLIENT_SECRET = "SLACK_CLIENT_SECRET";
    public static final String SLACK_API_URL = "HAPPY3_SLACK_API_URL";
    /** An app-level token ({@code xapp-…}): run over Socket Mode, no public URL and no signing secret needed. */
    public static final String SLACK_APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String TEAMS_APP_ID = "MICROSOFT_APP_ID";
    public static final String TEAMS_APP_PASSWORD = "MICROSOFT_APP_PASSWORD";
    public static final String TEAMS_APP_TENANT_ID = "MICROSOFT_APP_TENANT_ID";
    public static final String TEAMS_ALLOW_UNAUTHENTICATED = "HAPPY3_TEAMS_ALLOW_UNAUTHENTICATED";
    public static final String STORE_MESSAGE_TEXT = "HAPPY3_STORE_MESSAGE_TEXT";
    public static final String RETENTION_DAYS = "HAPPY3_RETENTION_DAYS";
    public static final String LOG_FORMAT = "HAPPY3_LOG_FORMAT";
    public static final String RITUAL_PROMPT = "HAPPY3_RITUAL_PROMPT";
    public static final String RITUAL_DIGEST = "HAPPY3_RITUAL_DIGEST";
    /** When set, {@code /metrics} is served on this port (bound like {@link #BIND}) and no longer on {@link #PORT}. */
    public static final String MANAGEMENT_PORT = "HAPPY3_MANAGEMENT_PORT";
    public static final String SANDBOX = "HAPPY3_SANDBOX";
    /**
     * {@code true}: the trained signal model takes part in detection. Off by default: on real support threads its
     * own claims were mostly wrong (docs/signals.md), so the phrase rules decide until it measures better there.
     */
    public static final String SIGNAL_MODEL = "HAPPY3_SIGNAL_MODEL";
    public static final String SANDBOX_BIND = "HAPPY3_SANDBOX_BIND";
    /** Where the optional config file is (also {@code --config FILE}); see {@link ConfigFile}. */
    public static final String CONFIG = "HAPPY3_CONFIG";

    /** Every variable above, in the order {@code --print-config} shows them. */
    public static final List<String> VARIABLES = List.of(BIND, PORT, DB_URL, DB_USER, DB_PASSWORD, PLAYBOOKS,
            TIME_ZONE, RITUAL_PROMPT, RITUAL_DIGEST, STORE_MESSAGE_TEXT, RETENTION_DAYS, LOG_FORMAT, SIGNAL_MODEL,
            SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_API_URL,
            TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_APP_TENANT_ID, TEAMS_ALLOW_UNAUTHENTICATED, SANDBOX, SANDBOX_BIND,
            CONFIG, MANAGEMENT_PORT, ENCRYPTION_KEY, ENCRYPTION_KEY_PREVIOUS);

    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/happy3";
    public static final String DEFAULT_PLAYBOOKS = "./playbooks";
    public static final String DEFAULT_RITUAL_PROMPT = "thu 15:00";
    public static final String DEFAULT_RITUAL_DIGEST = "fri 15:00";

    /**
     * Slack settings: single-workspace ({@code botToken}) or multi-workspace OAuth ({@code clientId}); over
     * Socket Mode when {@code appToken} is set, where {@code signingSecret} may be empty (no HTTP endpoint).
     */
    public record Slack(Secret signingSecret, Optional<Secret> botToken, Optional<String> clientId,
                        Optional<Secret> clientSecret, String apiUrl, Optional<Secret> appToken) {
        /** Over HTTP only. */
        public Slack(Secret signingSecret, Optional<Secret> botToken, Optional<String> clientId,
                     Optional<Secret> clientSecret, String apiUrl) {
            this(signingSecret, botToken, clientId, clientSecret, apiUrl, Optional.empty());
        }
    }

    /** Teams settings; {@code appId} empty only with unauthenticated local mode. */
    public record Teams(Optional<String> appId, Optional<Secret> appPassword, Optional<String> tenantId,
                        boolean allowUnauthenticated) {
    }

    /**
     * The browser sandbox at {@code /}: {@code bind} is the local address a connection must arrive on to reach
     * it ({@code 127.0.0.1} by default: loopback only; {@code 0.0.0.0} for any).
     */
    public record Sandbox(String bind) {
    }

    /** The keys bot tokens are encrypted under at rest: the current one, and the previous during a rotation. */
    public record Encryption(Optional<Secret> key, Optional<Secret> previous) {
    }

    /** A secret value; {@link #toString()} never shows it. */
    public record Secret(String value) {
        @Override
        public String toString() {
            return value.isEmpty() ? "" : "****";
        }
    }

    /**
     * Reads and validates the configuration from environment variables (merged with the config file by
     * {@link ConfigFile#merged}); throws {@link InvalidConfigurationException} naming the variable.
     */
    public static AppConfig fromEnv(Map<String, String> given) {
        Map<String, String> env = KubernetesServiceLinks.removed(given);
        rejectUnknown(env);
        String bind = get(env, BIND).orElse("0.0.0.0");
        int port = integer(env, PORT, 3000, 0, 65535);
        String dbUrl = get(env, DB_URL).orElse(DEFAULT_DB_URL);
        DatabaseUrl.problem(dbUrl).ifPresent(problem -> {
            throw new InvalidConfigurationException(DB_URL + " " + problem + ", got '" + DatabaseUrl.masked(dbUrl)
                    + "'");
        });
        ZoneId zone;
        try {
            zone = ZoneId.of(get(env, TIME_ZONE).orElse("UTC"));
        } catch (DateTimeException e) {
            throw new InvalidConfigurationException(TIME_ZONE + " is not a time zone: '" + env.get(TIME_ZONE)
                    + "' (use a name like Europe/Berlin)");
        }
        Optional<Slack> slack = slack(env);
        Optional<Teams> teams = teams(env, bind);
        String logFormat = get(env, LOG_FORMAT).orElse("text").toLowerCase(Locale.ROOT);
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new InvalidConfigurationException(LOG_FORMAT + " must be text or json, got '" + logFormat + "'");
        }
        return new AppConfig(bind, port, dbUrl, get(env, DB_USER).orElse(""),
                new Secret(get(env, DB_PASSWORD).orElse("")), playbooks(env), zone, slack, teams,
                bool(env, STORE_MESSAGE_TEXT, false), integer(env, RETENTION_DAYS, 30, 1, 3650), logFormat,
                weekly(env, RITUAL_PROMPT, DEFAULT_RITUAL_PROMPT), weekly(env, RITUAL_DIGEST, DEFAULT_RITUAL_DIGEST),
                managementPort(env, port), sandbox(env, slack.isEmpty() && teams.isEmpty()),
                bool(env, SIGNAL_MODEL, false), encryption(env, slack));
    }

    private static Encryption encryption(Map<String, String> env, Optional<Slack> slack) {
        Optional<Secret> key = get(env, ENCRYPTION_KEY).map(value -> key(ENCRYPTION_KEY, value));
        Optional<Secret> previous = get(env, ENCRYPTION_KEY_PREVIOUS).map(value -> key(ENCRYPTION_KEY_PREVIOUS, value));
        if (key.isEmpty() && (previous.isPresent() || slack.flatMap(Slack::clientId).isPresent())) {
            throw new InvalidConfigurationException(ENCRYPTION_KEY + " is required "
                    + (previous.isPresent() ? "with " + ENCRYPTION_KEY_PREVIOUS : "with " + SLACK_CLIENT_ID
                    + " (installed bot tokens are stored encrypted)") + "; create one with: openssl rand -base64 32");
        }
        return new Encryption(key, previous);
    }

    private static Secret key(String variable, String base64) {
        try {
            if (java.util.Base64.getDecoder().decode(base64.strip()).length == 32) {
                return new Secret(base64.strip());
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the value
        }
        throw new InvalidConfigurationException(variable + " must be 32 bytes in base64 (openssl rand -base64 32)");
    }

    private static OptionalInt managementPort(Map<String, String> env, int port) {
        if (get(env, MANAGEMENT_PORT).isEmpty()) {
            return OptionalInt.empty();
        }
        int management = integer(env, MANAGEMENT_PORT, 0, 0, 65535);
        if (management == port && port != 0) {
            throw new InvalidConfigurationException(MANAGEMENT_PORT + " must differ from " + PORT + " (both " + port
                    + ")");
        }
        return OptionalInt.of(management);
    }

    /**
     * The effective configuration, one {@code KEY=value} per line in {@link #VARIABLES} order, secrets
     * shown as {@code ****} and passwords in the database URL masked ({@code happy3 serve --print-config}).
     */
    public String describe() {
        return String.join("\n", ConfigPrinter.lines(this)) + "\n";
    }

    /** A {@code HAPPY3_*} variable we do not know is a typo: it must not silently leave a default in force. */
    private static void rejectUnknown(Map<String, String> env) {
        for (String name : new TreeSet<>(env.keySet())) {
            if (name.startsWith("HAPPY3_") && !VARIABLES.contains(name)) {
                throw new InvalidConfigurationException(DidYouMean.unknown("variable", name, VARIABLES));
            }
        }
    }

    /** A configured folder must be readable; the default may be absent (the shipped playbooks apply). */
    private static Path playbooks(Map<String, String> env) {
        String configured = get(env, PLAYBOOKS).orElse(DEFAULT_PLAYBOOKS);
        Path folder = Path.of(configured);
        if (configured.equals(DEFAULT_PLAYBOOKS) && !Files.exists(folder)) {
            return folder;
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidConfigurationException(PLAYBOOKS + " is not a folder: " + folder.toAbsolutePath()
                    + (Files.exists(folder) ? "" : " (does not exist)"));
        }
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            throw new InvalidConfigurationException(PLAYBOOKS + " is not readable by this user: "
                    + folder.toAbsolutePath());
        }
        return folder;
    }

    private static WeeklyTime weekly(Map<String, String> env, String name, String fallback) {
        String text = get(env, name).orElse(fallback);
        return WeeklyTime.parse(text).orElseThrow(() -> new InvalidConfigurationException(name
                + " must be a day and a time like 'thu 15:00', got '" + text + "'"));
    }

    /** On by default only when no platform is configured, so a production bot never serves it unasked. */
    private static Optional<Sandbox> sandbox(Map<String, String> env, boolean noPlatform) {
        if (!bool(env, SANDBOX, noPlatform)) {
            return Optional.empty();
        }
        String bind = get(env, SANDBOX_BIND).orElse("127.0.0.1");
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new InvalidConfigurationException(SANDBOX_BIND + " is not an address: '" + bind
                    + "' (use 127.0.0.1 for this machine only, 0.0.0.0 for any)");
        }
        return Optional.of(new Sandbox(bind));
    }

    private static Optional<Slack> slack(Map<String, String> env) {
        Optional<String> secret = get(env, SLACK_SIGNING_SECRET);
        Optional<String> token = get(env, SLACK_BOT_TOKEN);
        Optional<String> clientId = get(env, SLACK_CLIENT_ID);
        Optional<String> clientSecret = get(env, SLACK_CLIENT_SECRET);
        Optional<String> appToken = get(env, SLACK_APP_TOKEN);
        if (secret.isEmpty() && token.isEmpty() && clientId.isEmpty() && appToken.isEmpty()) {
            return Optional.empty();
        }
        if (appToken.isPresent() && !appToken.get().startsWith("xapp-")) {
            throw new InvalidConfigurationException(SLACK_APP_TOKEN + " must be an app-level token (xapp-…); "
                    + "create one under Basic Information → App-Level Tokens with the connections:write scope");
        }
        if (secret.isEmpty() && appToken.isEmpty()) {
            throw new InvalidConfigurationException(SLACK_SIGNING_SECRET + " is required when Slack is enabled ("
                    + (token.isPresent() ? SLACK_BOT_TOKEN : SLACK_CLIENT_ID) + " is set)");
        }
        if (clientId.isPresent() != clientSecret.isPresent()) {
            throw new InvalidConfigurationException(clientId.isPresent() ? SLACK_CLIENT_SECRET
                    + " is required with " + SLACK_CLIENT_ID : SLACK_CLIENT_ID + " is required with "
                    + SLACK_CLIENT_SECRET);
        }
        if (token.isEmpty() && clientId.isEmpty()) {
            throw new InvalidConfigurationException("Slack needs " + SLACK_BOT_TOKEN + " (one workspace) or "
                    + SLACK_CLIENT_ID + "/" + SLACK_CLIENT_SECRET + " (OAuth, many workspaces)");
        }
        String apiUrl = get(env, SLACK_API_URL).orElse("https://slack.com/api/");
        if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
            throw new InvalidConfigurationException(SLACK_API_URL + " must be an http(s) URL, got '" + apiUrl + "'");
        }
        return Optional.of(new Slack(new Secret(secret.orElse("")), token.map(Secret::new), clientId,
                clientSecret.map(Secret::new), apiUrl.endsWith("/") ? apiUrl : apiUrl + "/", appToken.map(Secret::new)));
    }

    private static Optional<Teams> teams(Map<String, String> env, String bind) {
        Optional<String> appId = get(env, TEAMS_APP_ID);
        boolean unauthenticated = bool(env, TEAMS_ALLOW_UNAUTHENTICATED, false);
        if (appId.isEmpty() && !unauthenticated) {
            return Optional.empty();
        }
        Optional<String> password = get(env, TEAMS_APP_PASSWORD);
        if (appId.isPresent() && password.isEmpty()) {
            throw new InvalidConfigurationException(TEAMS_APP_PASSWORD + " is required with " + TEAMS_APP_ID);
        }
        if (appId.isEmpty() && !loopback(bind)) {
            throw new InvalidConfigurationException(TEAMS_ALLOW_UNAUTHENTICATED + "=true is refused while "
                    + BIND + " is " + bind + ": unauthenticated Teams traffic is only allowed on a loopback address");
        }
        return Optional.of(new Teams(appId, password.map(Secret::new), get(env, TEAMS_APP_TENANT_ID),
                unauthenticated));
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> get(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        Optional<String> value = get(env, name).map(text -> text.toLowerCase(Locale.ROOT));
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidConfigurationException(name + " must be true or false, got '"
                    + value.get() + "'");
        };
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        Optional<String> value = get(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw new InvalidConfigurationException(name + " must be between " + min + " and " + max
                        + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(name + " must be a number, got '" + value.get() + "'");
        }
    }
}
