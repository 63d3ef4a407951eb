package app.phaseo.connect.videos.config;

import java.util.Locale;

/** The shape of the record key. */
public enum KeyFormat {
    /** A named Struct {@code VideoKey{id}}. */
    STRUCT,
    /** The video id as a plain string. */
    STRING;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
