package io.happy3.testing;

import io.happy3.app.Telemetry;
import io.happy3.domain.chat.Platform;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** Telemetry that keeps every platform API call as {@code "platform method status"}, and ignores the rest. */
public final class ApiCallLog implements Telemetry {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** The calls so far, oldest first. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void apiCall(Platform platform, String method, int status) {
        calls.add(platform.name().toLowerCase(Locale.ROOT) + " " + method + " " + status);
    }
}
