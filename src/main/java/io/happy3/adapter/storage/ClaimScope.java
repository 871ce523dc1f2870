package io.happy3.adapter.storage;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.Platform;
import java.util.regex.Pattern;

/**
 * Which due nudges a {@link JdbcNudgeStore} claims: all of them, only one tenant's, or all but one tenant's.
 * The sandbox runs its tenant on a simulated clock, so the real scheduler must never claim its nudges and the
 * sandbox scheduler must never claim anyone else's.
 */
public final class ClaimScope {
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final ClaimScope ALL = new ClaimScope("");

    private final String condition;

    private ClaimScope(String condition) {
        this.condition = condition;
    }

    /** Every tenant (the default). */
    public static ClaimScope all() {
        return ALL;
    }

    /** Only the nudges of {@code tenant} on {@code platform}. */
    public static ClaimScope only(Platform platform, String tenant) {
        return new ClaimScope(" and " + match(platform, tenant));
    }

    /** Every nudge except those of {@code tenant} on {@code platform}. */
    public static ClaimScope except(Platform platform, String tenant) {
        return new ClaimScope(" and not " + match(platform, tenant));
    }

    /** The platform name and a checked tenant id go into the SQL as literals: neither can carry a quote. */
    private static String match(Platform platform, String tenant) {
        requireNonNull(platform, "platform == null");
        requireNonNull(tenant, "tenant == null");
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant must be letters, digits, '-' or '_': " + tenant);
        }
        return "(platform = '" + platform.name() + "' and tenant = '" + tenant + "')";
    }

    /** The condition to append to a {@code where} clause on the {@code nudges} table; empty for all. */
    String condition() {
        return condition;
    }
}
