package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.Installation;
import io.happy3.domain.chat.InstallationStore;
import io.happy3.domain.chat.Platform;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Installations in a map. Thread-safe. */
public final class InMemoryInstallationStore implements InstallationStore {
    private final Map<String, Installation> installations = new ConcurrentHashMap<>();

    @Override
    public void save(Installation installation) {
        requireNonNull(installation, "installation == null");
        installations.put(key(installation.platform(), installation.tenant()), installation);
    }

    @Override
    public Optional<Installation> find(Platform platform, String tenant) {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        return Optional.ofNullable(installations.get(key(platform, tenant)));
    }

    @Override
    public List<Installation> findAll(Platform platform) {
        requireNonNull(platform, "platform == null");
        return installations.values().stream()
                .filter(installation -> installation.platform() == platform)
                .sorted(Comparator.comparing(Installation::tenant))
                .toList();
    }

    @Override
    public void delete(Platform platform, String tenant) {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        installations.remove(key(platform, tenant));
    }

    private static String key(Platform platform, String tenant) {
        return platform + ":" + tenant;
    }
}
