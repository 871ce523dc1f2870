package io.happy3.adapter.storage;

import static io.happy3.adapter.storage.Fixtures.AGENT;
import static io.happy3.adapter.storage.Fixtures.CUSTOMER;
import static io.happy3.adapter.storage.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.customer.CustomerNoteStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CustomerNoteStoreContractTest extends StoreContract {
    private static CustomerNote note(String id, String tenant, UserRef customer, String text, Instant at) {
        return new CustomerNote(id, tenant, customer, AGENT, text, at, at);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void add_sameIdTwice_keepsTheFirst(Backend backend) {
        CustomerNoteStore store = backend.customerNoteStore();
        CustomerNote first = note("n1", "T1", CUSTOMER, "migrating to SSO in Q1", T0);

        assertThat(store.add(first)).isTrue();
        assertThat(store.add(note("n1", "T1", CUSTOMER, "something else", T0.plusSeconds(1)))).isFalse();

        assertThat(store.find("T1", "n1")).contains(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findAbout_otherTenant_seesNothing(Backend backend) {
        CustomerNoteStore store = backend.customerNoteStore();
        store.add(note("n1", "T1", CUSTOMER, "prefers updates before 10am", T0));

        assertThat(store.findAbout("T2", CUSTOMER)).isEmpty();
        assertThat(store.find("T2", "n1")).isEmpty();
        assertThat(store.delete("T2", "n1")).isFalse();
        assertThat(store.update(note("n1", "T2", CUSTOMER, "overwritten", T0))).isFalse();
        assertThat(store.findAbout("T1", CUSTOMER)).extracting(CustomerNote::text)
                .containsExactly("prefers updates before 10am");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findAboutSeveral_customersOfOneTenant_eachGetsTheirOwnNotesNewestFirst(Backend backend) {
        CustomerNoteStore store = backend.customerNoteStore();
        UserRef other = new UserRef(Platform.SLACK, "T1", "U-OTHER");
        UserRef quiet = new UserRef(Platform.SLACK, "T1", "U-QUIET");
        store.add(note("a", "T1", CUSTOMER, "her team ships on Thursdays", T0));
        store.add(note("b", "T1", CUSTOMER, "migrating to SSO in Q1", T0.plusSeconds(60)));
        store.add(note("c", "T1", other, "prefers email", T0));
        store.add(note("d", "T2", other, "another workspace's note", T0));

        var found = store.findAbout("T1", java.util.List.of(CUSTOMER, other, quiet));

        assertThat(found).containsOnlyKeys(CUSTOMER, other);
        assertThat(found.get(CUSTOMER)).extracting(CustomerNote::text)
                .containsExactly("migrating to SSO in Q1", "her team ships on Thursdays");
        assertThat(found.get(other)).extracting(CustomerNote::text).containsExactly("prefers email");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void findAbout_severalNotes_newestEditFirst(Backend backend) {
        CustomerNoteStore store = backend.customerNoteStore();
        CustomerNote old = note("a", "T1", CUSTOMER, "her team ships on Thursdays", T0);
        store.add(old);
        store.add(note("b", "T1", CUSTOMER, "migrating to SSO in Q1", T0.plus(Duration.ofDays(1))));
        store.add(note("c", "T1", new UserRef(Platform.SLACK, "T1", "U-OTHER"), "someone else", T0));

        CustomerNote edited = old.edited("her team ships on Wednesdays now", AGENT, T0.plus(Duration.ofDays(2)));
        assertThat(store.update(edited)).isTrue();

        assertThat(store.findAbout("T1", CUSTOMER)).extracting(CustomerNote::text)
                .containsExactly("her team ships on Wednesdays now", "migrating to SSO in Q1");
        assertThat(store.find("T1", "a")).contains(edited);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void deleteAllAbout_customer_removesOnlyTheirNotesInEveryTenant(Backend backend) {
        CustomerNoteStore store = backend.customerNoteStore();
        store.add(note("a", "T1", CUSTOMER, "one", T0));
        store.add(note("b", "T9", CUSTOMER, "two", T0.plusSeconds(1)));
        UserRef other = new UserRef(Platform.SLACK, "T1", "U-OTHER");
        store.add(note("c", "T1", other, "stays", T0));

        assertThat(store.findAllAbout(CUSTOMER)).extracting(CustomerNote::text).containsExactly("one", "two");
        assertThat(store.deleteAllAbout(CUSTOMER)).isEqualTo(2);

        assertThat(store.findAllAbout(CUSTOMER)).isEmpty();
        assertThat(store.findAbout("T1", other)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void deleteUpdatedBefore_cutoff_removesOnlyOlderNotes(Backend backend) {
        CustomerNoteStore store = backend.customerNoteStore();
        store.add(note("old", "T1", CUSTOMER, "old", T0));
        store.add(note("new", "T1", CUSTOMER, "new", T0.plus(Duration.ofDays(40))));

        assertThat(store.deleteUpdatedBefore(T0.plus(Duration.ofDays(30)))).isEqualTo(1);

        assertThat(store.findAbout("T1", CUSTOMER)).extracting(CustomerNote::id).containsExactly("new");
        assertThat(store.delete("T1", "new")).isTrue();
        assertThat(store.findAbout("T1", CUSTOMER)).isEmpty();
    }
}
