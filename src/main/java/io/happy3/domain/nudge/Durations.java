package io.happy3.domain.nudge;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The duration notation of playbooks and commands: a whole number and one unit, {@code 30s 10m 2h 3d}. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*([smhdw])");

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = SHORT.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        });
    }

    /** A short human form: {@code 45 s}, {@code 12 min}, {@code 2 h 5 min}, {@code 3 days}. */
    public static String human(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            long rest = minutes % 60;
            return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
        }
        return (hours / 24) + " days";
    }
}
