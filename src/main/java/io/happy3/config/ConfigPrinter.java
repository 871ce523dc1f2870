package io.happy3.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Renders an {@link AppConfig} as {@code KEY=value} lines with secrets masked, for {@code --print-config}. */
final class ConfigPrinter {
    private static final String MASK = "****";

    private ConfigPrinter() {
    }

    static List<String> lines(AppConfig config) {
        List<String> lines = new ArrayList<>();
        line(lines, AppConfig.BIND, config.bindAddress());
        line(lines, AppConfig.PORT, String.valueOf(config.port()));
        line(lines, AppConfig.DB_URL, DatabaseUrl.masked(config.dbUrl()));
        line(lines, AppConfig.DB_USER, config.dbUser());
        line(lines, AppConfig.DB_PASSWORD, mask(Optional.of(config.dbPassword())));
        line(lines, AppConfig.PLAYBOOKS, config.playbooks().toString());
        line(lines, AppConfig.TIME_ZONE, config.timeZone().getId());
        line(lines, AppConfig.RITUAL_PROMPT, config.ritualPrompt().toString());
        line(lines, AppConfig.RITUAL_DIGEST, config.ritualDigest().toString());
        line(lines, AppConfig.STORE_MESSAGE_TEXT, String.valueOf(config.storeMessageText()));
        line(lines, AppConfig.SIGNAL_MODEL, String.valueOf(config.signalModel()));
        line(lines, AppConfig.RETENTION_DAYS, String.valueOf(config.retentionDays()));
        line(lines, AppConfig.LOG_FORMAT, config.logFormat());
        line(lines, AppConfig.MANAGEMENT_PORT, config.managementPort().isPresent()
                ? String.valueOf(config.managementPort().getAsInt()) : "");
        Optional<AppConfig.Slack> slack = config.slack();
        line(lines, AppConfig.SLACK_SIGNING_SECRET, mask(slack.map(AppConfig.Slack::signingSecret)));
        line(lines, AppConfig.SLACK_BOT_TOKEN, mask(slack.flatMap(AppConfig.Slack::botToken)));
        line(lines, AppConfig.SLACK_APP_TOKEN, mask(slack.flatMap(AppConfig.Slack::appToken)));
        line(lines, AppConfig.ENCRYPTION_KEY, mask(config.encryption().key()));
        line(lines, AppConfig.ENCRYPTION_KEY_PREVIOUS, mask(config.encryption().previous()));
        line(lines, AppConfig.SLACK_CLIENT_ID, slack.flatMap(AppConfig.Slack::clientId).orElse(""));
        line(lines, AppConfig.SLACK_CLIENT_SECRET, mask(slack.flatMap(AppConfig.Slack::clientSecret)));
        line(lines, AppConfig.SLACK_API_URL, slack.map(AppConfig.Slack::apiUrl).orElse(""));
        Optional<AppConfig.Teams> teams = config.teams();
        line(lines, AppConfig.TEAMS_APP_ID, teams.flatMap(AppConfig.Teams::appId).orElse(""));
        line(lines, AppConfig.TEAMS_APP_PASSWORD, mask(teams.flatMap(AppConfig.Teams::appPassword)));
        line(lines, AppConfig.TEAMS_APP_TENANT_ID, teams.flatMap(AppConfig.Teams::tenantId).orElse(""));
        line(lines, AppConfig.TEAMS_ALLOW_UNAUTHENTICATED,
                String.valueOf(teams.map(AppConfig.Teams::allowUnauthenticated).orElse(false)));
        line(lines, AppConfig.SANDBOX, String.valueOf(config.sandbox().isPresent()));
        line(lines, AppConfig.SANDBOX_BIND, config.sandbox().map(AppConfig.Sandbox::bind).orElse(""));
        return lines;
    }

    private static String mask(Optional<AppConfig.Secret> secret) {
        return secret.filter(value -> !value.value().isEmpty()).map(value -> MASK).orElse("");
    }

    private static void line(List<String> lines, String key, String value) {
        lines.add(key + "=" + value);
    }
}
