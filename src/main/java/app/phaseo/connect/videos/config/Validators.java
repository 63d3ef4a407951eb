package app.phaseo.connect.videos.config;

import app.phaseo.connect.videos.model.VideoStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The validators of {@link PhaseoVideosConfig}; each one's {@code toString()} states its rule. */
final class Validators {

    private Validators() {
    }

    /** Accepts the lower-case names of an enum's constants, case-insensitively. */
    static ConfigDef.Validator oneOf(Class<? extends Enum<?>> type) {
        return oneOf(Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toList()));
    }

    /** Accepts one of {@code allowed} (lower case), case-insensitively. */
    static ConfigDef.Validator oneOf(List<String> allowed) {
        return described("one of " + allowed, (name, value) -> {
            if (value == null || !allowed.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "Must be one of " + allowed);
            }
        });
    }

    /** An absolute http(s) URL with a host; whether plain http is allowed is a cross-field rule. */
    static ConfigDef.Validator httpUrl() {
        return described("an https URL (http only for a loopback host with phaseo.api.allow.insecure.loopback=true)",
                (name, value) -> {
                    String text = value == null ? "" : value.toString().trim();
                    URI uri;
                    try {
                        uri = new URI(text);
                    } catch (URISyntaxException e) {
                        throw new ConfigException(name, value, "Not a URL: " + e.getReason());
                    }
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (!scheme.equals("https") && !scheme.equals("http")) {
                        throw new ConfigException(name, value, "Must be an https URL such as https://api.phaseo.app/v1");
                    }
                    if (uri.getHost() == null || uri.getHost().isBlank()) {
                        throw new ConfigException(name, value, "The URL has no host");
                    }
                    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                        throw new ConfigException(name, value, "The URL must not carry a query or fragment");
                    }
                });
    }

    /** Status names or aliases the API understands. */
    static ConfigDef.Validator statuses() {
        return eachItem("empty (all) or a list of queued, processing, completed, failed, cancelled, expired",
                item -> VideoStatus.parse(String.valueOf(item)).filter(s -> s != VideoStatus.UNKNOWN).isPresent() ? null
                        : "Unknown status '" + item
                                + "'. Known: queued, processing, completed, failed, cancelled, expired (and the API's aliases)");
    }

    /** Empty, or an ISO-8601 instant such as 2026-01-01T00:00:00Z, or a date such as 2026-01-01. */
    static ConfigDef.Validator optionalInstant() {
        return described("empty, an ISO-8601 instant (2026-01-01T00:00:00Z) or a date (2026-01-01, UTC midnight)",
                (name, value) -> {
                    String text = value == null ? "" : value.toString().trim();
                    if (!text.isEmpty() && parseInstant(text) == null) {
                        throw new ConfigException(name, value,
                                "Must be an ISO-8601 instant (2026-01-01T00:00:00Z) or date (2026-01-01)");
                    }
                });
    }

    /** Dotted field paths, with {@code []} after an array's name: {@code outputs[].download_url}. */
    static ConfigDef.Validator fieldPaths() {
        return eachItem("field paths such as download_url or outputs[].expires_at", item -> {
            String path = String.valueOf(item).trim();
            return !path.isEmpty() && path.matches("[A-Za-z0-9_]+(\\[\\])?(\\.[A-Za-z0-9_]+(\\[\\])?)*") ? null
                    : "'" + item + "' is not a field path like outputs[].download_url";
        });
    }

    /** A validator that states its rule: Connect shows {@code toString()} in the docs and the REST answers. */
    private static ConfigDef.Validator described(String rule, ConfigDef.Validator check) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                check.ensureValid(name, value);
            }

            @Override
            public String toString() {
                return rule;
            }
        };
    }

    /** A list validator: {@code problem} gives null for a good item, else why it is refused. */
    private static ConfigDef.Validator eachItem(String rule, Function<Object, String> problem) {
        return described(rule, (name, value) -> {
            if (!(value instanceof List)) {
                return;
            }
            for (Object item : (List<?>) value) {
                String why = problem.apply(item);
                if (why != null) {
                    throw new ConfigException(name, value, why);
                }
            }
        });
    }

    static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException notInstant) {
            try {
                return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }
}
