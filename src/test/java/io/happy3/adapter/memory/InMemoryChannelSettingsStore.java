package io.happy3.adapter.memory;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.team.ChannelSettings;
import io.happy3.domain.team.ChannelSettingsStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Channel settings in a map. Thread-safe. */
public final class InMemoryChannelSettingsStore implements ChannelSettingsStore {
    private static final Comparator<ChannelSettings> ORDER = Comparator
            .comparing((ChannelSettings settings) -> settings.channel().tenant())
            .thenComparing(settings -> settings.channel().platform().name())
            .thenComparing(settings -> settings.channel().channel());

    private final Map<ChannelRef, ChannelSettings> settings = new ConcurrentHashMap<>();

    @Override
    public Optional<ChannelSettings> find(ChannelRef channel) {
        requireNonNull(channel, "channel == null");
        return Optional.ofNullable(settings.get(channel));
    }

    @Override
    public void save(ChannelSettings channelSettings) {
        requireNonNull(channelSettings, "channelSettings == null");
        settings.put(channelSettings.channel(), channelSettings);
    }

    @Override
    public List<ChannelSettings> findFollowed(String tenant) {
        requireNonNull(tenant, "tenant == null");
        return settings.values().stream()
                .filter(ChannelSettings::followed)
                .filter(each -> each.channel().tenant().equals(tenant))
                .sorted(ORDER)
                .toList();
    }

    @Override
    public List<ChannelSettings> findAllFollowed() {
        return settings.values().stream().filter(ChannelSettings::followed).sorted(ORDER).toList();
    }
}
