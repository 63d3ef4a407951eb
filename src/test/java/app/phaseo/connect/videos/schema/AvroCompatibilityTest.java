package app.phaseo.connect.videos.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;

/**
 * The value schema maps to a valid Avro schema that follows the Connect-to-Avro rules of Confluent's AvroConverter
 * (as ported by Apicurio's AvroData, which Maven Central serves), and records round-trip through Avro binary.
 *
 * <p>The rules checked: records keep the Connect names (nested records too); an optional field is a union with
 * null first and default null; {@code Timestamp} is a long with logicalType timestamp-millis; {@code Decimal} is
 * bytes with logicalType decimal and the precision and scale of the schema; arrays are Avro arrays.
 */
class AvroCompatibilityTest {

    private static final AvroData AVRO_DATA = new AvroData(new AvroDataConfig.Builder()
            .with(AvroDataConfig.CONNECT_META_DATA_CONFIG, true)
            .with(AvroDataConfig.SCHEMAS_CACHE_SIZE_CONFIG, 10)
            .build());

    private static final org.apache.avro.Schema AVRO_VALUE = parse(AVRO_DATA.fromConnectSchema(VideoSchemas.VALUE));

    @Test
    void theValueSchemaIsAValidAvroRecordWithTheConnectNames() {
        assertThat(AVRO_VALUE.getType()).isEqualTo(org.apache.avro.Schema.Type.RECORD);
        assertThat(AVRO_VALUE.getFullName()).isEqualTo("app.phaseo.connect.videos.Video");
        assertThat(AVRO_VALUE.getObjectProp("connect.version")).isEqualTo(2);
        assertThat(AVRO_VALUE.getFields()).hasSize(VideoSchemas.VALUE.fields().size());
        assertThat(optional(AVRO_VALUE, "billing").getFullName()).isEqualTo("app.phaseo.connect.videos.VideoBilling");
        assertThat(optional(AVRO_VALUE, "outputs").getElementType().getFullName())
                .isEqualTo("app.phaseo.connect.videos.VideoOutput");
        assertThat(optional(optional(AVRO_VALUE, "webhook"), "attempts").getElementType().getFullName())
                .isEqualTo("app.phaseo.connect.videos.WebhookAttempt");
        assertThat(optional(AVRO_VALUE, "error").getFullName()).isEqualTo("app.phaseo.connect.videos.VideoError");
    }

    @Test
    void idIsARequiredStringAndEveryOtherFieldIsNullFirstWithDefaultNull() {
        org.apache.avro.Schema.Field id = AVRO_VALUE.getField("id");
        assertThat(id.schema().getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
        assertThat(id.hasDefaultValue()).isFalse();
        assertOptionalFields(AVRO_VALUE, "id");
    }

    @Test
    void timesAreTimestampMillisAndMoneyIsDecimal38x9() {
        org.apache.avro.Schema createdAt = optional(AVRO_VALUE, "created_at");
        assertThat(createdAt.getType()).isEqualTo(org.apache.avro.Schema.Type.LONG);
        assertThat(createdAt.getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());

        org.apache.avro.Schema money = optional(optional(AVRO_VALUE, "billing"), "estimated_user_cost_decimal");
        assertThat(money.getType()).isEqualTo(org.apache.avro.Schema.Type.BYTES);
        assertThat(money.getLogicalType()).isEqualTo(LogicalTypes.decimal(38, 9));

        assertThat(optional(AVRO_VALUE, "seconds").getType()).isEqualTo(org.apache.avro.Schema.Type.DOUBLE);
        assertThat(optional(AVRO_VALUE, "progress").getType()).isEqualTo(org.apache.avro.Schema.Type.LONG);
        org.apache.avro.Schema events = optional(optional(AVRO_VALUE, "webhook"), "events");
        assertThat(events.getType()).isEqualTo(org.apache.avro.Schema.Type.ARRAY);
        assertThat(events.getElementType().getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
    }

    @Test
    void recordsRoundTripThroughAvroBinary() throws IOException {
        List<ObjectNode> videos = JsonConverterCompatibilityTest.videos();
        for (boolean flatten : new boolean[] {false, true}) {
            ValueShaper shaper = new ValueShaper(ValueFormat.STRUCT, flatten, ConversionListener.NO_OP);
            org.apache.avro.Schema avroSchema = parse(AVRO_DATA.fromConnectSchema(shaper.valueSchema()));
            for (ObjectNode video : videos) {
                Struct value = (Struct) shaper.shape(video).value();
                Object record = AVRO_DATA.fromConnectData(value.schema(), value);
                assertThat(GenericData.get().validate(avroSchema, record)).isTrue();

                Object read = readBack(avroSchema, write(avroSchema, record));
                SchemaAndValue back = AVRO_DATA.toConnectData(avroSchema, read);

                assertThat(back.schema()).isEqualTo(value.schema());
                assertThat(back.value()).isEqualTo(value);
            }
        }
    }

    @Test
    void theKeySchemaMapsAndRoundTrips() throws IOException {
        org.apache.avro.Schema key = parse(AVRO_DATA.fromConnectSchema(VideoSchemas.KEY));
        assertThat(key.getFullName()).isEqualTo("app.phaseo.connect.videos.VideoKey");
        Struct value = VideoSchemas.key("G-01M8HC0YEN2WFMXATTV07J870S");
        Object read = readBack(key, write(key, AVRO_DATA.fromConnectData(VideoSchemas.KEY, value)));
        assertThat(AVRO_DATA.toConnectData(key, read).value()).isEqualTo(value);
    }

    /**
     * The evolution rule of docs/SCHEMA.md, checked with Avro's own resolution: adding an optional field is
     * compatible both ways (new readers read old data, old readers read new data); changing a type is not.
     */
    @Test
    void addingAnOptionalFieldIsCompatibleBothWaysAndChangingATypeIsNot() {
        org.apache.avro.Schema added = parse(AVRO_DATA.fromConnectSchema(withExtraField(
                SchemaBuilder.string().optional().doc("A new field.").build(), null)));
        assertThat(compatibility(added, AVRO_VALUE)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(compatibility(AVRO_VALUE, added)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);

        org.apache.avro.Schema retyped = parse(AVRO_DATA.fromConnectSchema(withExtraField(null, "model")));
        assertThat(compatibility(retyped, AVRO_VALUE)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    /** The value schema with one more optional field at the end, or with {@code retype} changed to int64. */
    private static Schema withExtraField(Schema extra, String retype) {
        SchemaBuilder builder = SchemaBuilder.struct().name(VideoSchemas.VALUE.name())
                .version(VideoSchemas.VALUE.version() + 1).doc(VideoSchemas.VALUE.doc());
        VideoSchemas.VALUE.fields().forEach(field -> builder.field(field.name(), field.name().equals(retype)
                ? SchemaBuilder.int64().optional().doc("Retyped.").build() : field.schema()));
        if (extra != null) {
            builder.field("new_field", extra);
        }
        return builder.build();
    }

    private static SchemaCompatibilityType compatibility(org.apache.avro.Schema reader,
            org.apache.avro.Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    /** Checks every field of a record, recursively, except {@code required}. */
    private static void assertOptionalFields(org.apache.avro.Schema record, String required) {
        for (org.apache.avro.Schema.Field field : record.getFields()) {
            if (field.name().equals(required)) {
                continue;
            }
            org.apache.avro.Schema type = field.schema();
            assertThat(type.getType()).as(field.name()).isEqualTo(org.apache.avro.Schema.Type.UNION);
            assertThat(type.getTypes()).as(field.name()).hasSize(2);
            assertThat(type.getTypes().get(0).getType()).as(field.name()).isEqualTo(org.apache.avro.Schema.Type.NULL);
            assertThat(field.defaultVal()).as(field.name()).isEqualTo(JsonProperties.NULL_VALUE);
            org.apache.avro.Schema inner = type.getTypes().get(1);
            if (inner.getType() == org.apache.avro.Schema.Type.RECORD) {
                assertOptionalFields(inner, null);
            } else if (inner.getType() == org.apache.avro.Schema.Type.ARRAY
                    && inner.getElementType().getType() == org.apache.avro.Schema.Type.RECORD) {
                assertOptionalFields(inner.getElementType(), null);
            }
        }
    }

    /** The non-null branch of an optional field's union. */
    private static org.apache.avro.Schema optional(org.apache.avro.Schema record, String field) {
        List<org.apache.avro.Schema> union = record.getField(field).schema().getTypes();
        assertThat(union.get(0).getType()).isEqualTo(org.apache.avro.Schema.Type.NULL);
        return union.get(1);
    }

    /** Re-parses the schema from its JSON text, as a registry or a reader would. */
    private static org.apache.avro.Schema parse(org.apache.avro.Schema schema) {
        org.apache.avro.Schema parsed = new org.apache.avro.Schema.Parser().parse(schema.toString());
        assertThat(parsed).isEqualTo(schema);
        return parsed;
    }

    private static byte[] write(org.apache.avro.Schema schema, Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Object readBack(org.apache.avro.Schema schema, byte[] bytes) throws IOException {
        return new GenericDatumReader<>(schema).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
