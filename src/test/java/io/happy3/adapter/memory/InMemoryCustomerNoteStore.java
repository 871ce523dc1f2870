package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.customer.CustomerNoteStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Customer notes in a map keyed by tenant and id. Thread-safe. */
public final class InMemoryCustomerNoteStore implements CustomerNoteStore {
    private static final Comparator<CustomerNote> NEWEST_FIRST = Comparator.comparing(CustomerNote::updatedAt)
            .thenComparing(CustomerNote::id).reversed();

    private final Map<String, CustomerNote> notes = new ConcurrentHashMap<>();

    @Override
    public boolean add(CustomerNote note) {
        requireNonNull(note, "note == null");
        return notes.putIfAbsent(key(note.tenant(), note.id()), note) == null;
    }

    @Override
    public boolean update(CustomerNote note) {
        requireNonNull(note, "note == null");
        return notes.replace(key(note.tenant(), note.id()), note) != null;
    }

    @Override
    public boolean delete(String tenant, String id) {
        return notes.remove(key(tenant, id)) != null;
    }

    @Override
    public Optional<CustomerNote> find(String tenant, String id) {
        return Optional.ofNullable(notes.get(key(tenant, id)));
    }

    @Override
    public List<CustomerNote> findAbout(String tenant, UserRef customer) {
        requireNonNull(customer, "customer == null");
        return notes.values().stream().filter(note -> note.tenant().equals(tenant))
                .filter(note -> note.customer().equals(customer)).sorted(NEWEST_FIRST).toList();
    }

    @Override
    public List<CustomerNote> findAllAbout(UserRef customer) {
        requireNonNull(customer, "customer == null");
        return notes.values().stream().filter(note -> note.customer().equals(customer))
                .sorted(NEWEST_FIRST.reversed()).toList();
    }

    @Override
    public int deleteAllAbout(UserRef customer) {
        List<CustomerNote> about = findAllAbout(customer);
        about.forEach(note -> notes.remove(key(note.tenant(), note.id())));
        return about.size();
    }

    @Override
    public int deleteUpdatedBefore(Instant cutoff) {
        requireNonNull(cutoff, "cutoff == null");
        List<CustomerNote> old = notes.values().stream().filter(note -> note.updatedAt().isBefore(cutoff)).toList();
        old.forEach(note -> notes.remove(key(note.tenant(), note.id())));
        return old.size();
    }

    private static String key(String tenant, String id) {
        return requireNonNull(tenant, "tenant == null") + "\n" + requireNonNull(id, "id == null");
    }
}
