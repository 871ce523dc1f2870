package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import io.happy3.domain.customer.CustomerNoteStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Customer notes in the {@code customer_notes} table, unique per tenant and id. Thread-safe. */
public final class JdbcCustomerNoteStore implements CustomerNoteStore {
    private static final String ABOUT = " customer_platform = ? and customer_tenant = ? and customer_id = ?";

    private final Jdbc jdbc;

    public JdbcCustomerNoteStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public boolean add(CustomerNote note) {
        requireNonNull(note, "note == null");
        String sql = """
                insert into customer_notes (tenant, id, customer_platform, customer_tenant, customer_id,
                  author_platform, author_tenant, author_id, body, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        return jdbc.insertUnlessPresent("adding customer note " + note.id(), sql, statement -> {
            statement.setString(1, note.tenant());
            statement.setString(2, note.id());
            Refs.setUser(statement, 3, Optional.of(note.customer()));
            Refs.setUser(statement, 6, Optional.of(note.author()));
            statement.setString(9, note.text());
            Jdbc.setInstant(statement, 10, note.createdAt());
            Jdbc.setInstant(statement, 11, note.updatedAt());
        });
    }

    @Override
    public boolean update(CustomerNote note) {
        requireNonNull(note, "note == null");
        String sql = "update customer_notes set author_platform = ?, author_tenant = ?, author_id = ?, body = ?, "
                + "updated_at = ? where tenant = ? and id = ?";
        return jdbc.update("updating customer note " + note.id(), sql, statement -> {
            Refs.setUser(statement, 1, Optional.of(note.author()));
            statement.setString(4, note.text());
            Jdbc.setInstant(statement, 5, note.updatedAt());
            statement.setString(6, note.tenant());
            statement.setString(7, note.id());
        }) > 0;
    }

    @Override
    public boolean delete(String tenant, String id) {
        return jdbc.update("deleting customer note " + id, "delete from customer_notes where tenant = ? and id = ?",
                statement -> {
                    statement.setString(1, requireNonNull(tenant, "tenant == null"));
                    statement.setString(2, requireNonNull(id, "id == null"));
                }) > 0;
    }

    @Override
    public Optional<CustomerNote> find(String tenant, String id) {
        return jdbc.queryOne("finding customer note " + id, "select * from customer_notes where tenant = ? and id = ?",
                statement -> {
                    statement.setString(1, requireNonNull(tenant, "tenant == null"));
                    statement.setString(2, requireNonNull(id, "id == null"));
                }, JdbcCustomerNoteStore::read);
    }

    @Override
    public List<CustomerNote> findAbout(String tenant, UserRef customer) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(customer, "customer == null");
        return jdbc.query("finding notes on " + customer.key(), "select * from customer_notes where tenant = ? and"
                + ABOUT + " order by updated_at desc, id desc", statement -> {
                    statement.setString(1, tenant);
                    Refs.setUser(statement, 2, Optional.of(customer));
                }, JdbcCustomerNoteStore::read);
    }

    /** One query per 300 customers, newest first as {@link #findAbout}. */
    @Override
    public Map<UserRef, List<CustomerNote>> findAbout(String tenant, Collection<UserRef> customers) {
        requireNonNull(tenant, "tenant == null");
        List<UserRef> distinct = List.copyOf(new LinkedHashSet<>(requireNonNull(customers, "customers == null")));
        Map<UserRef, List<CustomerNote>> found = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += 300) {
            List<UserRef> chunk = distinct.subList(from, Math.min(distinct.size(), from + 300));
            String sql = "select * from customer_notes where tenant = ? and (customer_platform, customer_tenant, "
                    + "customer_id) in (" + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?)"))
                    + ") order by updated_at desc, id desc";
            jdbc.query("finding notes on " + chunk.size() + " customers", sql, statement -> {
                statement.setString(1, tenant);
                for (int i = 0; i < chunk.size(); i++) {
                    Refs.setUser(statement, 3 * i + 2, Optional.of(chunk.get(i)));
                }
            }, JdbcCustomerNoteStore::read).forEach(note -> found.computeIfAbsent(note.customer(),
                    customer -> new ArrayList<>()).add(note));
        }
        return found;
    }

    @Override
    public List<CustomerNote> findAllAbout(UserRef customer) {
        requireNonNull(customer, "customer == null");
        return jdbc.query("exporting notes on " + customer.key(), "select * from customer_notes where" + ABOUT
                + " order by updated_at, id", statement -> Refs.setUser(statement, 1, Optional.of(customer)),
                JdbcCustomerNoteStore::read);
    }

    @Override
    public int deleteAllAbout(UserRef customer) {
        requireNonNull(customer, "customer == null");
        return jdbc.update("deleting notes on " + customer.key(), "delete from customer_notes where" + ABOUT,
                statement -> Refs.setUser(statement, 1, Optional.of(customer)));
    }

    @Override
    public int deleteUpdatedBefore(Instant cutoff) {
        requireNonNull(cutoff, "cutoff == null");
        return jdbc.update("deleting customer notes before " + cutoff,
                "delete from customer_notes where updated_at < ?", statement -> Jdbc.setInstant(statement, 1, cutoff));
    }

    private static CustomerNote read(ResultSet rows) throws SQLException {
        return new CustomerNote(rows.getString("id"), rows.getString("tenant"), Refs.user(rows, "customer"),
                Refs.user(rows, "author"), rows.getString("body"), Jdbc.getInstant(rows, "created_at"),
                Jdbc.getInstant(rows, "updated_at"));
    }
}
