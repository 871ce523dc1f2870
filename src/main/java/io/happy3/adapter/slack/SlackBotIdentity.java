package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.Platform;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own user id per workspace, so its own messages are ignored: from the OAuth installation, else
 * from {@code auth.test} with the bot token (cached a day; a failed lookup is retried next time).
 */
final class SlackBotIdentity {
    private static final Logger log = LoggerFactory.getLogger(SlackBotIdentity.class);

    private final SlackWebApi api;
    private final InstallationStore installations;
    private final Cache<String, String> userIds = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofDays(1)).build();

    SlackBotIdentity(SlackWebApi api, InstallationStore installations) {
        this.api = requireNonNull(api, "api == null");
        this.installations = requireNonNull(installations, "installations == null");
    }

    /** The workspace uninstalled the app or revoked the bot token: forget it and stop sending to it. */
    void forget(String team) {
        api.uninstalled(team);
        userIds.invalidate(team);
    }

    Optional<String> userId(String team) {
        String cached = userIds.getIfPresent(team);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = installations.find(Platform.SLACK, team).flatMap(Installation::botUserId);
        if (found.isEmpty()) {
            try {
                found = Optional.ofNullable(api.call(team, "auth.test", methods -> methods.authTest(request -> request))
                        .getUserId());
            } catch (RuntimeException e) {
                log.warn("auth.test for team {} failed: {}", team, e.getMessage());
            }
        }
        found.ifPresent(id -> userIds.put(team, id));
        return found;
    }
}
