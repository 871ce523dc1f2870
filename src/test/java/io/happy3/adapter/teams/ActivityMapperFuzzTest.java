package io.happy3.adapter.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.microsoft.bot.schema.Activity;
import io.happy3.domain.chat.ChatEvent;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Fuzzes the Teams activity mapping: any body either fails to parse (the servlet's 400) or maps into chat
 * events (possibly none) with no other exception. Seeds: the fixtures, in {@code ActivityMapperFuzzTestInputs/}.
 */
class ActivityMapperFuzzTest {
    private final ActivityMapper mapper = new ActivityMapper();

    @FuzzTest(maxDuration = "5s")
    void map_anyBody_isRefusedOrMapped(byte[] input) {
        Activity activity;
        try {
            activity = TeamsActivities.parse(new String(input, StandardCharsets.UTF_8));
        } catch (UncheckedIOException | IllegalArgumentException refused) {
            return; // the servlet answers 400
        }
        if (TeamsActivities.malformed(activity).isPresent()) {
            return; // the servlet answers 400
        }
        List<ChatEvent> events = mapper.map(activity, Instant.EPOCH);
        assertThat(events).doesNotContainNull();
        assertThat(TeamsActivities.tenant(activity)).isNotNull();
        assertThat(TeamsActivities.orderingKey(activity)).isNotNull();
    }
}
