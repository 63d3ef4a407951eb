package app.phaseo.connect.videos.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Turns typed Connect values into plain JSON values: {@code Map}, {@code List}, {@code String}, {@code Long},
 * {@code Double}, {@code Boolean} and {@code null}.
 *
 * <p>These are the only types {@code JsonConverter} can write without a schema, and the types it reads back, so a
 * plain value survives a schemaless round trip unchanged. A {@code Timestamp} becomes its epoch milliseconds (what
 * {@code JsonConverter} writes for it with a schema too); a {@code Decimal} becomes its plain string (e.g.
 * {@code "0.200000000"}), because a JSON number would be read back as a lossy double. Every field is kept, null or
 * not, so the shape does not depend on the data.
 */
final class PlainValues {

    private PlainValues() {
    }

    /** The plain form of {@code value}, a value of {@code schema}. */
    static Object of(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            return ((java.util.Date) value).getTime();
        }
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            return ((BigDecimal) value).toPlainString();
        }
        switch (schema.type()) {
            case STRUCT:
                return ofStruct((Struct) value);
            case ARRAY:
                List<?> items = (List<?>) value;
                List<Object> plain = new ArrayList<>(items.size());
                for (Object item : items) {
                    plain.add(of(schema.valueSchema(), item));
                }
                return plain;
            case INT8:
            case INT16:
            case INT32:
                return ((Number) value).longValue();
            case FLOAT32:
                return ((Number) value).doubleValue();
            default:
                return value;
        }
    }

    /** The plain form of a record: one map entry per field, in schema order. */
    static Map<String, Object> ofStruct(Struct struct) {
        List<Field> fields = struct.schema().fields();
        Map<String, Object> map = new LinkedHashMap<>(fields.size() * 2);
        for (Field field : fields) {
            map.put(field.name(), of(field.schema(), struct.get(field)));
        }
        return map;
    }
}
