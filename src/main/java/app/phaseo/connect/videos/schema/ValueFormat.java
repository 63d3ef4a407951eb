package app.phaseo.connect.videos.schema;

/** The shape of the record values the connector writes; see {@link ValueShaper}. */
public enum ValueFormat {

    /**
     * A typed {@code Struct} of {@link VideoSchemas#VALUE} (or {@link VideoSchemas#VALUE_FLAT} when flattened).
     * The default: what schema-aware converters (Avro, JSON Schema, JSON with schemas) and warehouses want.
     */
    STRUCT,

    /**
     * The video exactly as the API sent it, as a string of compact JSON text, with {@link
     * org.apache.kafka.connect.data.Schema#STRING_SCHEMA}. For pipelines that parse the API's JSON themselves. No
     * conversion happens, so the {@link ConversionListener} hears nothing.
     */
    JSON,

    /**
     * A schemaless {@code Map<String, Object>} of plain JSON values (no {@code Date}, no {@code BigDecimal}), with
     * the same fields and names as the typed Struct: times as epoch milliseconds, decimals as strings. For the
     * schemaless {@code JsonConverter}, which cannot write {@code Date} or {@code BigDecimal} without a schema.
     */
    MAP
}
