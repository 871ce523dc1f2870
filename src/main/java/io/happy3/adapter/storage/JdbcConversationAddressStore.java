package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ConversationAddressStore;
import io.happy3.domain.chat.Platform;
import java.util.Optional;

/** Adapter-owned conversation addresses (Teams conversation references) in {@code conversation_addresses}. */
public final class JdbcConversationAddressStore implements ConversationAddressStore {
    private final Jdbc jdbc;

    public JdbcConversationAddressStore(Database database) {
        this.jdbc = requireNonNull(database, "database == null").jdbc();
    }

    @Override
    public void save(Platform platform, String tenant, String key, String addressJson) {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(key, "key == null");
        requireNonNull(addressJson, "addressJson == null");
        jdbc.upsert("saving the address " + key,
                "update conversation_addresses set address_json = ? where platform = ? and tenant = ? "
                        + "and address_key = ?",
                "insert into conversation_addresses (address_json, platform, tenant, address_key) values (?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, addressJson);
                    statement.setString(2, platform.name());
                    statement.setString(3, tenant);
                    statement.setString(4, key);
                });
    }

    @Override
    public Optional<String> find(Platform platform, String tenant, String key) {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        requireNonNull(key, "key == null");
        return jdbc.queryOne("finding the address " + key, "select address_json from conversation_addresses "
                + "where platform = ? and tenant = ? and address_key = ?", statement -> {
                    statement.setString(1, platform.name());
                    statement.setString(2, tenant);
                    statement.setString(3, key);
                }, rows -> rows.getString(1));
    }
}
