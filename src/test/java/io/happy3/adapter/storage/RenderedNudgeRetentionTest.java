package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.AGENT;
import static io.happy3.adapter.storage.Fixtures.CHANNEL;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.nudge.NudgeMessage;
import io.happy3.domain.nudge.NudgeStatus;
import io.happy3.domain.playbook.NudgeAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The retention job deletes the renderings of nudges long done, and keeps those the App Home still shows. */
class RenderedNudgeRetentionTest {
    static List<TestDatabases.TestDatabase> databases() {
        return TestDatabases.openAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void purge_renderingsOfNudgesDoneBeforeTheCutoff_areDeleted_openOnesStay(TestDatabases.TestDatabase test) {
        try (test) {
            JdbcNudgeStore nudges = new JdbcNudgeStore(test.database());
            JdbcRenderedNudgeStore rendered = new JdbcRenderedNudgeStore(test.database());
            Nudge answeredLongAgo = saved(nudges, rendered, Fixtures.nudge("old-answered", T0)
                    .sent(T0, false).answered("followed_up", NudgeStatus.ACTED));
            Nudge cancelledLongAgo = saved(nudges, rendered, Fixtures.nudge("old-cancelled", T0)
                    .withStatus(NudgeStatus.CANCELLED));
            Instant recent = T0.plus(Duration.ofDays(40));
            Nudge answeredRecently = saved(nudges, rendered, Fixtures.nudge("new-answered", recent)
                    .sent(recent, false).answered("followed_up", NudgeStatus.ACTED));
            Nudge waiting = saved(nudges, rendered, Fixtures.nudge("waiting", recent).sent(recent, false));

            int purged = new RetentionJob(test.database()).purge(T0.plus(Duration.ofDays(30)));

            assertThat(purged).isEqualTo(2);
            assertThat(rendered.find(answeredLongAgo.id())).isEmpty();
            assertThat(rendered.find(cancelledLongAgo.id())).isEmpty();
            assertThat(rendered.find(answeredRecently.id())).isPresent();
            assertThat(rendered.find(waiting.id())).isPresent();
        }
    }

    private static Nudge saved(JdbcNudgeStore nudges, JdbcRenderedNudgeStore rendered, Nudge nudge) {
        nudges.schedule(nudge);
        nudges.update(nudge);
        rendered.save(new NudgeMessage(nudge.id(), AGENT, new MessageRef(CHANNEL, "root"), nudge.stepId(),
                "Chris has waited 10m in #support.", List.of(NudgeAction.ON_IT), false));
        return nudge;
    }
}
