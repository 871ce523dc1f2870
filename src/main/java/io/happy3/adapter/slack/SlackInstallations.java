package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.InstallationService;
import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.Platform;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Bolt's {@link InstallationService} over the app's {@link InstallationStore} (the JDBC store in
 * production, which encrypts the bot token), one installation per workspace. The installer's user id is
 * kept in the details: the installer becomes the workspace's first lead. Enterprise Grid org-wide
 * installs are not supported (keyed by team). Thread-safe.
 */
final class SlackInstallations implements InstallationService {
    private final InstallationStore installations;
    private final Clock clock;

    SlackInstallations(InstallationStore installations, Clock clock) {
        this.installations = requireNonNull(installations, "installations == null");
        this.clock = requireNonNull(clock, "clock == null");
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    @Override
    public void setHistoricalDataEnabled(boolean isHistoricalDataEnabled) {
        // one row per workspace: history is never kept
    }

    @Override
    public void saveInstallerAndBot(Installer installer) {
        ObjectNode details = SlackPayload.JSON.createObjectNode().put("scope", installer.getBotScope())
                .put("app_id", installer.getAppId()).put("bot_id", installer.getBotId())
                .put("installer_user_id", installer.getInstallerUserId());
        if (installer instanceof DefaultInstaller known) {
            details.put("team_name", known.getTeamName());
        }
        installations.save(new Installation(Platform.SLACK, installer.getTeamId(),
                Optional.ofNullable(installer.getBotUserId()), Optional.ofNullable(installer.getBotAccessToken()),
                details.toString(), clock.instant(), Optional.ofNullable(installer.getBotRefreshToken()),
                Optional.ofNullable(installer.getBotTokenExpiresAt()).map(java.time.Instant::ofEpochMilli)));
    }

    @Override
    public void deleteBot(Bot bot) {
        installations.delete(Platform.SLACK, bot.getTeamId());
    }

    @Override
    public void deleteInstaller(Installer installer) {
        installations.delete(Platform.SLACK, installer.getTeamId());
    }

    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        installations.delete(Platform.SLACK, teamId);
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        return installations.find(Platform.SLACK, teamId).map(found -> {
            DefaultBot bot = new DefaultBot();
            bot.setTeamId(found.tenant());
            bot.setBotUserId(found.botUserId().orElse(null));
            bot.setBotAccessToken(found.botToken().orElse(null));
            return (Bot) bot;
        }).orElse(null);
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        return installations.find(Platform.SLACK, teamId).map(found -> {
            DefaultInstaller installer = new DefaultInstaller();
            installer.setTeamId(found.tenant());
            installer.setBotUserId(found.botUserId().orElse(null));
            installer.setBotAccessToken(found.botToken().orElse(null));
            installer.setInstallerUserId(installerOf(found).orElse(null));
            return (Installer) installer;
        }).orElse(null);
    }

    /** The user who installed the app in this workspace, when known. */
    static Optional<String> installerOf(Installation installation) {
        try {
            JsonNode details = SlackPayload.JSON.readTree(installation.details());
            return SlackPayload.text(details, "installer_user_id");
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
