package io.happy3.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables Kubernetes injects into every pod for every Service in the namespace ("service links"): a
 * Service named {@code happy3} gives {@code HAPPY3_SERVICE_HOST}, {@code HAPPY3_SERVICE_PORT[_HTTP]},
 * {@code HAPPY3_PORT=tcp://10.0.0.7:80} and {@code HAPPY3_PORT_80_TCP[_PROTO|_PORT|_ADDR]}. They share our
 * prefix without being settings, so the unknown-variable check must not stop the start on them.
 */
final class KubernetesServiceLinks {
    private static final Pattern NAME = Pattern.compile("HAPPY3_(?:[A-Z0-9_]+_)?(?:SERVICE_HOST"
            + "|SERVICE_PORT(?:_[A-Z0-9_]+)?|PORT_\\d+_(?:TCP|UDP|SCTP)(?:_(?:PROTO|PORT|ADDR))?)");
    private static final Pattern PORT_NAME = Pattern.compile("HAPPY3_(?:[A-Z0-9_]+_)?PORT");
    private static final Pattern PORT_VALUE = Pattern.compile("(?:tcp|udp|sctp)://[^\\s]+:\\d+");

    private KubernetesServiceLinks() {
    }

    /** {@code env} without the service-link variables (a copy; {@code env} is not changed). */
    static Map<String, String> removed(Map<String, String> env) {
        Map<String, String> kept = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (!isServiceLink(name, value)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /** True for a variable Kubernetes sets for a Service (by its name, or by a {@code tcp://host:port} value). */
    static boolean isServiceLink(String name, String value) {
        if (AppConfig.VARIABLES.contains(name) && !PORT_NAME.matcher(name).matches()) {
            return false;
        }
        return NAME.matcher(name).matches()
                || PORT_NAME.matcher(name).matches() && value != null && PORT_VALUE.matcher(value.strip()).matches();
    }
}
