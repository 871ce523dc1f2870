package io.happy3.domain.customer;

import io.happy3.domain.chat.UserRef;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: durable customer notes. Every read is scoped to one tenant, so one workspace never sees another's. */
public interface CustomerNoteStore {
    /** Stores the note unless one with its id exists (a redelivered command adds nothing); true when stored. */
    boolean add(CustomerNote note);

    /** Replaces the note's text, author and update time; false when no such note exists in its tenant. */
    boolean update(CustomerNote note);

    /** Deletes the note; false when {@code tenant} has no note {@code id}. */
    boolean delete(String tenant, String id);

    Optional<CustomerNote> find(String tenant, String id);

    /** {@code tenant}'s notes on {@code customer}, newest first (by last update). */
    List<CustomerNote> findAbout(String tenant, UserRef customer);

    /** {@link #findAbout} for several customers of {@code tenant} at once; a customer without notes is left out. */
    default Map<UserRef, List<CustomerNote>> findAbout(String tenant, Collection<UserRef> customers) {
        Map<UserRef, List<CustomerNote>> found = new LinkedHashMap<>();
        for (UserRef customer : customers) {
            List<CustomerNote> notes = findAbout(tenant, customer);
            if (!notes.isEmpty()) {
                found.put(customer, notes);
            }
        }
        return found;
    }

    /** Every note on {@code customer}, in any tenant, oldest first: for a data export on request. */
    List<CustomerNote> findAllAbout(UserRef customer);

    /** Deletes every note on {@code customer}; returns how many. */
    int deleteAllAbout(UserRef customer);

    /** Deletes notes last updated before {@code cutoff} (the retention period); returns how many. */
    int deleteUpdatedBefore(Instant cutoff);
}
