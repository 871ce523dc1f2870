package io.happy3.adapter.teams;

import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.integration.Configuration;
import io.happy3.config.AppConfig;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's HTTP adapter built from our configuration instead of {@code application.properties}. For a
 * single-tenant bot ({@code MICROSOFT_APP_TENANT_ID} set) outbound calls take their token from that tenant:
 * the SDK's own credentials would ask the multi-tenant {@code botframework.com} authority, which new Azure
 * bots refuse. Thread-safe.
 */
final class TeamsBotAdapter extends BotFrameworkHttpAdapter {
    private final Optional<String> tenantId;
    private final String appId;

    private final String password;

    private TeamsBotAdapter(Configuration configuration, String appId, String password, Optional<String> tenantId) {
        super(configuration);
        this.appId = appId;
        this.password = password;
        this.tenantId = tenantId;
        // No onTurnError handler: a failed turn must fail the request (500) so Teams redelivers it.
    }

    static TeamsBotAdapter create(AppConfig.Teams teams) {
        Properties properties = new Properties();
        String appId = teams.appId().orElse("");
        String password = teams.appPassword().map(AppConfig.Secret::value).orElse("");
        properties.setProperty("MicrosoftAppId", appId);
        properties.setProperty("MicrosoftAppPassword", password);
        teams.tenantId().ifPresent(tenant -> properties.setProperty("MicrosoftAppTenantId", tenant));
        return new TeamsBotAdapter(new PropertiesConfiguration(properties), appId, password, teams.tenantId());
    }

    /** The bot's app id ({@code ""} in unauthenticated local mode). */
    String appId() {
        return appId;
    }

    @Override
    protected CompletableFuture<AppCredentials> buildAppCredentials(String forAppId, String oAuthScope) {
        if (tenantId.isEmpty()) {
            return super.buildAppCredentials(forAppId, oAuthScope);
        }
        return CompletableFuture.completedFuture(
                new MicrosoftAppCredentials(forAppId, password, tenantId.get(), oAuthScope));
    }

    /** The SDK's {@link Configuration} over a fixed set of properties. */
    private record PropertiesConfiguration(Properties properties) implements Configuration {
        @Override
        public String getProperty(String key) {
            return properties.getProperty(key);
        }

        @Override
        public Properties getProperties() {
            return properties;
        }

        @Override
        public String[] getProperties(String key) {
            String value = properties.getProperty(key);
            return value == null ? null : value.split(",");
        }
    }
}
