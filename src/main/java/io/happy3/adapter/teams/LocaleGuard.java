package io.happy3.adapter.teams;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Keeps the SDK's {@code Locale.setDefault} (called on every turn whose activity names a locale) from leaking
 * into the rest of the process. The adapter strips the locale from activities and references before the SDK
 * sees them; this guard restores the default captured at start-up after every SDK call as a second line.
 */
final class LocaleGuard {
    private final Locale original;
    private final Locale display;
    private final Locale format;

    LocaleGuard() {
        original = Locale.getDefault();
        display = Locale.getDefault(Locale.Category.DISPLAY);
        format = Locale.getDefault(Locale.Category.FORMAT);
    }

    <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } finally {
            restore();
        }
    }

    void restore() {
        if (!Locale.getDefault().equals(original)) {
            Locale.setDefault(original);
        }
        if (!Locale.getDefault(Locale.Category.DISPLAY).equals(display)) {
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
        if (!Locale.getDefault(Locale.Category.FORMAT).equals(format)) {
            Locale.setDefault(Locale.Category.FORMAT, format);
        }
    }
}
