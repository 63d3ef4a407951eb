package app.phaseo.connect.videos.client;

import java.util.Locale;

/** The {@code order} parameter of {@code GET /videos}: by {@code created_at}. */
public enum SortOrder {
    DESC,
    ASC;

    /** The value sent on the wire: {@code desc} or {@code asc}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
