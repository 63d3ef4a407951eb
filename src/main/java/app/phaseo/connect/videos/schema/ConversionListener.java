package app.phaseo.connect.videos.schema;

/**
 * Hears what {@link VideoConverter} had to do with a video it did not fully expect, so the task can count it in a
 * metric or log it. Nothing here is an error: the record is still produced, and nothing the API sent is lost.
 *
 * <p>A path names a value inside the video: field names joined by dots, array elements by their index, e.g.
 * {@code seconds}, {@code usage.costUsd}, {@code webhook.attempts[2].tried_at}.
 *
 * <p>Callbacks run on the converting thread, during {@code toStruct}; they must be cheap and must not throw.
 */
public interface ConversionListener {

    /** A listener that ignores everything. */
    ConversionListener NO_OP = new ConversionListener() {
    };

    /**
     * A field the schema does not know was kept in {@code unknown_fields}. Expected from time to time (the API
     * adds fields without notice); worth a metric.
     */
    default void unknownField(String path) {
    }

    /**
     * A value of an unexpected JSON type was converted without loss, e.g. {@code "8"} to 8, or a number to its
     * text. Expected for some fields (the API sends {@code seconds} as a string); worth a metric at most.
     */
    default void coercedValue(String path) {
    }

    /**
     * A value could not be stored in its typed field and was kept raw instead: in the field's companion (the
     * money string beside a null {@code _decimal}, the {@code _raw} text beside a null time, {@code error.raw}) or
     * in {@code raw_values}. Unexpected: worth a (rate-limited) warning.
     *
     * @param reason why, in a few words, e.g. "expected an integer, got a string"
     */
    default void rawValueKept(String path, String reason) {
    }
}
