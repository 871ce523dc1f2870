package io.happy3.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.happy3.adapter.memory.InMemoryInstallationStore;
import io.happy3.adapter.memory.InMemoryIssueStore;
import io.happy3.adapter.memory.InMemoryNudgeStore;
import io.happy3.adapter.memory.InMemoryRenderedNudgeStore;
import io.happy3.config.AppConfig;
import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.nudge.ChatDeliveryException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack token rotation against the local fake Web API: a workspace installed with rotation has a 12-hour bot
 * token and a refresh token; Happy3 refreshes before the expiry, and at once on {@code token_expired}.
 */
class SlackTokenRotationTest {
    private static final String TEAM = "T0OTHER";
    private static final UserRef SOMEONE = new UserRef(Platform.SLACK, TEAM, "U0SOMEONE");

    private SlackHarness slack;
    private final InMemoryInstallationStore installations = new InMemoryInstallationStore();
    private SlackModule module;
    private Instant installedAt;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackHarness();
        installedAt = slack.clock.instant();
        installations.save(new Installation(Platform.SLACK, TEAM, Optional.of("U0BOT2"),
                Optional.of("xoxe.xoxb-first"), "{}", installedAt, Optional.of("xoxe-1-refresh-0"),
                Optional.of(installedAt.plus(Duration.ofHours(12)))));
        AppConfig.Slack config = new AppConfig.Slack(new AppConfig.Secret(SlackHarness.SECRET), Optional.empty(),
                Optional.of("123.456"), Optional.of(new AppConfig.Secret("client-secret")), slack.fake.apiUrl());
        module = SlackModule.create(config, slack.memoryInbox, installations, new InMemoryIssueStore(),
                new InMemoryNudgeStore(), new InMemoryRenderedNudgeStore(), slack.clock);
        slack.fake.reset();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private String tokenOfLastPost() {
        var posts = slack.fake.calls("chat.postMessage");
        return posts.get(posts.size() - 1).param("token");
    }

    @Test
    void tokenFarFromExpiry_isUsedAsItIs() {
        slack.clock.advance(Duration.ofHours(11));

        module.gateway().directMessage(SOMEONE, "hello");

        assertThat(tokenOfLastPost()).isEqualTo("xoxe.xoxb-first");
        assertThat(slack.fake.calls("oauth.v2.access")).isEmpty();
    }

    @Test
    void tokenAboutToExpire_isRefreshedFirst_andTheNewTokensAreStored() {
        slack.clock.advance(Duration.ofHours(11).plusMinutes(55));

        module.gateway().directMessage(SOMEONE, "hello");

        FakeSlackApi.Call refresh = slack.fake.calls("oauth.v2.access").get(0);
        assertThat(refresh.param("grant_type")).isEqualTo("refresh_token");
        assertThat(refresh.param("refresh_token")).isEqualTo("xoxe-1-refresh-0");
        assertThat(refresh.param("client_id")).isEqualTo("123.456");
        assertThat(tokenOfLastPost()).isEqualTo("xoxe.xoxb-rotated-1");
        Installation stored = installations.find(Platform.SLACK, TEAM).orElseThrow();
        assertThat(stored.botToken()).contains("xoxe.xoxb-rotated-1");
        assertThat(stored.refreshToken()).contains("xoxe-1-refresh-1");
        assertThat(stored.tokenExpiresAt()).contains(slack.clock.instant().plus(Duration.ofHours(12)));

        module.gateway().directMessage(SOMEONE, "again");
        assertThat(slack.fake.calls("oauth.v2.access")).as("one refresh per token").hasSize(1);
        assertThat(tokenOfLastPost()).isEqualTo("xoxe.xoxb-rotated-1");
    }

    @Test
    void tokenExpiredAnswer_refreshesOnceAndCallsAgain() {
        slack.fake.failNext("chat.postMessage", "token_expired");

        module.gateway().directMessage(SOMEONE, "hello");

        assertThat(slack.fake.calls("oauth.v2.access")).hasSize(1);
        assertThat(slack.fake.calls("chat.postMessage")).extracting(call -> call.param("token"))
                .containsExactly("xoxe.xoxb-first", "xoxe.xoxb-rotated-1");
    }

    @Test
    void refusedRefresh_isAPermanentFailure_notARetryLoop() {
        slack.clock.advance(Duration.ofHours(12));
        slack.fake.failNext("oauth.v2.access", "invalid_refresh_token");

        assertThatThrownBy(() -> module.gateway().directMessage(SOMEONE, "hello"))
                .isInstanceOfSatisfying(ChatDeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("invalid_refresh_token");
        assertThat(slack.fake.calls("chat.postMessage")).isEmpty();
    }
}
