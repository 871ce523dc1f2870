package io.happy3.domain.chat;

import java.util.List;
import java.util.Optional;

/** Port: installations per tenant. Thread-safe. */
public interface InstallationStore {
    void save(Installation installation);

    Optional<Installation> find(Platform platform, String tenant);

    List<Installation> findAll(Platform platform);

    void delete(Platform platform, String tenant);
}
