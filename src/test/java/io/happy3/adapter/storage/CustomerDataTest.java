package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.AGENT;
import static io.happy3.adapter.storage.Fixtures.CHANNEL;
import static io.happy3.adapter.storage.Fixtures.CUSTOMER;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.MessageRef;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.review.ProudMoment;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A customer's data request on H2 and PostgreSQL: export shows what is stored, forget removes only theirs. */
class CustomerDataTest extends StoreContract {
    private static final UserRef OTHER = new UserRef(Platform.SLACK, "T1", "U-OTHER");

    Stream<Backend> databases() {
        return backends().filter(backend -> backend.database() != null);
    }

    private static void store(Backend backend, UserRef customer, String root) {
        backend.issueStore().save(Issue.open(new MessageRef(CHANNEL, root), customer, PlaybookId.DEFAULT, T0));
        backend.customerNoteStore().add(new CustomerNote("n-" + root, "T1", customer, AGENT, "note " + root, T0, T0));
        backend.proudMomentStore().add(new ProudMoment("p-" + root, "T1", Optional.of(CHANNEL), Optional.empty(),
                Optional.of(customer), Optional.of(AGENT), ProudMoment.Source.PROUD_COMMAND, "thanked " + root,
                Optional.empty(), T0, ProudMoment.Decision.NOMINATED, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void exportThenForget_customer_showsThenRemovesOnlyTheirData(Backend backend) {
        JdbcCustomerData data = new JdbcCustomerData(backend.database().database());
        store(backend, CUSTOMER, "m1");
        store(backend, OTHER, "m2");

        JdbcCustomerData.Export export = data.export(CUSTOMER);
        assertThat(export.notes()).extracting(CustomerNote::text).containsExactly("note m1");
        assertThat(export.issues()).extracting(JdbcCustomerData.IssueRow::state).containsExactly("OPEN");
        assertThat(export.proud()).extracting(JdbcCustomerData.ProudRow::summary).containsExactly("thanked m1");

        assertThat(data.forget(CUSTOMER)).isEqualTo(3);

        assertThat(data.export(CUSTOMER).issues()).isEmpty();
        assertThat(data.export(CUSTOMER).notes()).isEmpty();
        assertThat(data.export(CUSTOMER).proud()).isEmpty();
        assertThat(data.export(OTHER).issues()).hasSize(1);
        assertThat(data.export(OTHER).notes()).hasSize(1);
    }
}
