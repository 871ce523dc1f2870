package io.happy3.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks the shape of {@code HAPPY3_DB_URL} and masks passwords in it for printing. */
final class DatabaseUrl {
    /** {@code jdbc:postgresql://host[:port][,host2[:port]]/database[?params]}. */
    private static final Pattern POSTGRES = Pattern.compile(
            "jdbc:postgresql://[A-Za-z0-9._\\[\\]:-]+(?::\\d{1,5})?(?:,[A-Za-z0-9._\\[\\]:-]+(?::\\d{1,5})?)*"
                    + "/[^/?\\s]+(?:\\?\\S*)?");
    /** The driver's short form {@code jdbc:postgresql:database} (localhost:5432). */
    private static final Pattern POSTGRES_SHORT = Pattern.compile("jdbc:postgresql:[A-Za-z0-9_][^/:?\\s]*(?:\\?\\S*)?");
    private static final Pattern H2 = Pattern.compile(
            "jdbc:h2:(?:(?:file|mem|tcp|ssl|nio|nioMapped|split|zip|async|memFS|memLZF):)?[^;\\s]+(?:;\\S*)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^;&]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private DatabaseUrl() {
    }

    /** Why {@code url} is not a usable H2 or PostgreSQL JDBC URL, or empty when it is. */
    static Optional<String> problem(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            if (POSTGRES.matcher(url).matches() || POSTGRES_SHORT.matcher(url).matches()) {
                return port(url);
            }
            return Optional.of("must look like jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        if (lower.startsWith("jdbc:h2:")) {
            return H2.matcher(url).matches() && !lower.matches("jdbc:h2:(file|mem|tcp|ssl):")
                    ? Optional.empty()
                    : Optional.of("must look like jdbc:h2:file:./data/happy3 or jdbc:h2:mem:NAME");
        }
        return Optional.of("must be a jdbc:h2: or jdbc:postgresql: URL");
    }

    private static Optional<String> port(String url) {
        java.util.regex.Matcher ports = Pattern.compile(":(\\d{1,5})(?=[/,])").matcher(url);
        while (ports.find()) {
            int port = Integer.parseInt(ports.group(1));
            if (port < 1 || port > 65535) {
                return Optional.of("has port " + port + " outside 1-65535");
            }
        }
        return Optional.empty();
    }

    /** {@code url} with any password replaced by {@code ****}. */
    static String masked(String url) {
        return USER_INFO.matcher(PASSWORD.matcher(url).replaceAll("$1****")).replaceAll("$1****@");
    }
}
