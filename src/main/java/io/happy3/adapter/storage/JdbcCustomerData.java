package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything stored about one customer, for a data request: exported as it is, or forgotten. Forgetting deletes
 * the notes on them, the issues they opened (with their events and nudges) and the proud moments about them, in
 * one transaction. Thread-safe.
 */
public final class JdbcCustomerData {
    private static final String THEIR_ISSUES = "select id from issues where customer_platform = ? and "
            + "customer_tenant = ? and customer_id = ?";

    private final Jdbc jdbc;
    private final JdbcCustomerNoteStore notes;

    public JdbcCustomerData(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
        this.notes = new JdbcCustomerNoteStore(database);
    }

    /** One issue the customer opened, as stored (no message text is stored). */
    public record IssueRow(String id, String channel, String state, Instant openedAt, Instant lastActivityAt) {
    }

    /** A proud moment about the customer: its summary is text someone typed. */
    public record ProudRow(String id, String summary, Instant at) {
    }

    public record Export(UserRef customer, List<CustomerNote> notes, List<IssueRow> issues, List<ProudRow> proud) {
    }

    public Export export(UserRef customer) {
        requireNonNull(customer, "customer == null");
        List<IssueRow> issues = jdbc.query("exporting issues of " + customer.key(), "select * from issues where "
                + "customer_platform = ? and customer_tenant = ? and customer_id = ? order by opened_at, id",
                statement -> Refs.setUser(statement, 1, Optional.of(customer)), rows -> new IssueRow(
                        rows.getString("id"), rows.getString("channel"), rows.getString("state"),
                        Jdbc.getInstant(rows, "opened_at"), Jdbc.getInstant(rows, "last_activity_at")));
        List<ProudRow> proud = jdbc.query("exporting proud moments about " + customer.key(), "select id, summary, "
                + "occurred_at from proud_moments where about_platform = ? and about_tenant = ? and about_id = ? "
                + "order by occurred_at, id", statement -> Refs.setUser(statement, 1, Optional.of(customer)),
                rows -> new ProudRow(rows.getString("id"), rows.getString("summary"),
                        Jdbc.getInstant(rows, "occurred_at")));
        return new Export(customer, notes.findAllAbout(customer), issues, proud);
    }

    /** Deletes everything {@link #export} shows; returns how many rows went. */
    public int forget(UserRef customer) {
        requireNonNull(customer, "customer == null");
        List<String> statements = List.of(
                "delete from issue_events where issue_id in (" + THEIR_ISSUES + ")",
                "delete from desired_results where issue_id in (" + THEIR_ISSUES + ")",
                "delete from nudges where issue_id in (" + THEIR_ISSUES + ")",
                "delete from issues where customer_platform = ? and customer_tenant = ? and customer_id = ?",
                "delete from proud_moments where about_platform = ? and about_tenant = ? and about_id = ?",
                "delete from customer_notes where customer_platform = ? and customer_tenant = ? and customer_id = ?",
                "delete from check_ins where customer_platform = ? and customer_tenant = ? and customer_id = ?");
        return jdbc.inTransaction("forgetting " + customer.key(), connection -> {
            int rows = 0;
            for (String sql : statements) {
                rows += Jdbc.execute(connection, sql, statement -> Refs.setUser(statement, 1, Optional.of(customer)));
            }
            return rows;
        });
    }
}
