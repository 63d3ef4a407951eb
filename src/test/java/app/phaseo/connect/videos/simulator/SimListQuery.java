package app.phaseo.connect.videos.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of {@code GET /v1/videos}: {@code limit} kept raw (the behaviours read it
 * differently), {@code status} repeated and/or comma-separated with aliases (unknown values
 * dropped), {@code order}, {@code after}.
 */
final class SimListQuery {

    private final String limitRaw;
    private final Set<SimStatus> statuses;
    private final boolean ascending;
    private final String after;

    private SimListQuery(String limitRaw, Set<SimStatus> statuses, boolean ascending, String after) {
        this.limitRaw = limitRaw;
        this.statuses = statuses;
        this.ascending = ascending;
        this.after = after;
    }

    static SimListQuery parse(String rawQuery) {
        Map<String, List<String>> params = params(rawQuery);
        Set<SimStatus> statuses = EnumSet.noneOf(SimStatus.class);
        for (String value : params.getOrDefault("status", List.of())) {
            for (String part : value.split(",", -1)) {
                SimStatus.parseFilter(part).ifPresent(statuses::add);
            }
        }
        String order = first(params, "order");
        String after = first(params, "after");
        return new SimListQuery(first(params, "limit"), statuses,
                order != null && order.trim().equalsIgnoreCase("asc"),
                after == null || after.isBlank() ? null : after.trim());
    }

    /** The raw {@code limit}: null when absent, possibly empty. */
    String limitRaw() {
        return limitRaw;
    }

    /** The statuses asked for; empty means no filter. */
    Set<SimStatus> statuses() {
        return statuses;
    }

    boolean matches(SimStatus status) {
        return statuses.isEmpty() || statuses.contains(status);
    }

    boolean ascending() {
        return ascending;
    }

    String after() {
        return after;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> params(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
