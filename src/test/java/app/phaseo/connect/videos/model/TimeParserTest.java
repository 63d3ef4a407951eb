package app.phaseo.connect.videos.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

class TimeParserTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TimeParser parser = new TimeParser();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // The shapes the API sends today.
        "2026-11-28T15:22:49.173300+00:00 | 2026-11-28T15:22:49.173Z | true",
        "2026-11-28T15:22:52.557937+00:00 | 2026-11-28T15:22:52.557Z | true",
        "2026-11-28T15:22:50.557Z         | 2026-11-28T15:22:50.557Z | false",
        "2026-11-28T14:35:47Z             | 2026-11-28T14:35:47Z     | false",
        // Database-style variants: a space, short or compact offsets, no offset (UTC).
        "2026-11-28 15:22:49.173300+00    | 2026-11-28T15:22:49.173Z | true",
        "2026-11-28 15:22:49+00           | 2026-11-28T15:22:49Z     | false",
        "2026-11-28 15:22:49.5            | 2026-11-28T15:22:49.500Z | false",
        "2026-11-28T15:22:49              | 2026-11-28T15:22:49Z     | false",
        "2026-11-28T15:22:49+0000         | 2026-11-28T15:22:49Z     | false",
        "2026-11-28t15:22:49z             | 2026-11-28T15:22:49Z     | false",
        // Offsets move the instant.
        "2026-11-28T17:22:49+02:00        | 2026-11-28T15:22:49Z     | false",
        "2026-11-28T10:22:49.1-05         | 2026-11-28T15:22:49.100Z | false",
        "2026-11-28T00:30:00+05:30        | 2026-11-27T19:00:00Z     | false",
        // Nanoseconds; a fraction whose digits past the millisecond are zeros is exact.
        "2026-11-28T15:22:49.123456789Z   | 2026-11-28T15:22:49.123Z | true",
        "2026-11-28T15:22:49.123000Z      | 2026-11-28T15:22:49.123Z | false",
        // Leap day, year bounds.
        "2024-02-29T00:00:00Z             | 2024-02-29T00:00:00Z     | false",
        "1970-01-01T00:00:00Z             | 1970-01-01T00:00:00Z     | false",
        "0001-01-01T00:00:00Z             | 0001-01-01T00:00:00Z     | false",
        "9999-12-31T23:59:59.999Z         | 9999-12-31T23:59:59.999Z | false",
        // java.time fallback: minutes only, offsets with seconds, region ids.
        "2026-11-28T15:22Z                | 2026-11-28T15:22:00Z     | false",
        "2026-11-28T15:22:49+01:00:30     | 2026-11-28T14:22:19Z     | false",
        "2026-07-01T12:00:00+02:00[Europe/Paris] | 2026-07-01T10:00:00Z | false",
        "2026-11-28 15:22                 | 2026-11-28T15:22:00Z     | false",
    })
    void readsIsoTimes(String text, String expected, boolean truncated) {
        assertThat(parser.parse(NODES.textNode(text))).isTrue();
        assertThat(Instant.ofEpochMilli(parser.millis())).isEqualTo(Instant.parse(expected));
        assertThat(parser.truncated()).isEqualTo(truncated);
        assertThat(parser.coercion()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "2026-11-28T15:22:49.557Z", "2026-11-28T15:22:49.173300+00:00", "2026-11-28 15:22:49+00",
        "2026-11-28T15:22:49.5", "2024-02-29T23:59:59.999-12:30", "2026-11-28T15:22:49.123456789+14:00"})
    void theFastPathAgreesWithJavaTime(String text) {
        assertThat(parser.parse(NODES.textNode(text))).isTrue();
        String iso = text.replace(' ', 'T');
        iso = iso.endsWith("+00") ? iso + ":00" : iso;
        java.time.temporal.TemporalAccessor parsed = java.time.format.DateTimeFormatter.ISO_DATE_TIME.parse(iso);
        Instant expected = parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                ? Instant.from(parsed)
                : java.time.LocalDateTime.from(parsed).toInstant(java.time.ZoneOffset.UTC);
        assertThat(parser.millis()).isEqualTo(expected.toEpochMilli());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "", " ", "yesterday", "NaN", "-Infinity", "0x1F", "1e3", "2026-11-28", "2026-11-28T", "15:22:49Z",
        "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-11-28T24:00:00Z", "2026-11-28T25:61:00Z", "2026-11-28T23:59:60Z", "2026-11-28T15:22:49+19:00",
        "2026-11-28T15:22:49+05:60", "2026-11-28T15:22:49.1234567890Z",
        "2026-11-28T15:22:49 Z", "2026-11-28T15:22:49ZZ", "2026-11-28T15:22:49+5", "２０２６-11-28T15:22:49Z",
        "+12026-11-28T15:22:49Z", "2026-11-28T15:22:49[Not/AZone]", " 2026-11-28T15:22:49Z",
        "2026-11-28T15:22:49Z ",
        // As in ISO_DATE_TIME, a region id is accepted only after an offset.
        "2026-01-01T12:00:00[Europe/Paris]"})
    void rejectsWhatIsNotATime(String text) {
        assertThat(parser.parse(NODES.textNode(text))).isFalse();
        assertThat(parser.problem()).isNotBlank();
    }

    @Test
    void readsUnixSecondsAndTheMillisecondRule() {
        assertThat(parser.parse(NODES.numberNode(1795876504))).isTrue();
        assertThat(parser.millis()).isEqualTo(1_795_876_504_000L);
        assertThat(parser.coercion()).isNull();

        // Just below 10^11: still seconds (the year 5138).
        assertThat(parser.parse(NODES.numberNode(99_999_999_999L))).isTrue();
        assertThat(parser.millis()).isEqualTo(99_999_999_999_000L);

        // From 10^11: milliseconds, reported as a coercion.
        assertThat(parser.parse(NODES.numberNode(1_795_876_504_123L))).isTrue();
        assertThat(parser.millis()).isEqualTo(1_795_876_504_123L);
        assertThat(parser.coercion()).isEqualTo("number taken as milliseconds");

        // From 10^14: neither.
        assertThat(parser.parse(NODES.numberNode(100_000_000_000_000L))).isFalse();
        assertThat(parser.parse(NODES.numberNode(Long.MIN_VALUE))).isFalse();
    }

    @Test
    void readsFractionalAndTextualUnixTimes() {
        assertThat(parser.parse(NODES.numberNode(1795876504.25))).isTrue();
        assertThat(parser.millis()).isEqualTo(1_795_876_504_250L);
        assertThat(parser.truncated()).isFalse();

        assertThat(parser.parse(NODES.numberNode(new BigDecimal("1795876504.1234")))).isTrue();
        assertThat(parser.millis()).isEqualTo(1_795_876_504_123L);
        assertThat(parser.truncated()).isTrue();

        // Before 1970, the fraction rounds towards the past.
        assertThat(parser.parse(NODES.numberNode(new BigDecimal("-1.0005")))).isTrue();
        assertThat(parser.millis()).isEqualTo(-1_001L);

        assertThat(parser.parse(NODES.textNode("1795876504"))).isTrue();
        assertThat(parser.millis()).isEqualTo(1_795_876_504_000L);
        assertThat(parser.coercion()).isEqualTo("unix time sent as a string");

        assertThat(parser.parse(NODES.textNode("1795876504.5"))).isTrue();
        assertThat(parser.millis()).isEqualTo(1_795_876_504_500L);
    }

    @Test
    void rejectsNonTimesOfOtherTypes() {
        for (JsonNode value : new JsonNode[] {NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
            NODES.numberNode(Double.NaN), NODES.numberNode(Double.POSITIVE_INFINITY),
            NODES.numberNode(new BigDecimal("1E+1000000000"))}) {
            assertThat(parser.parse(value)).as(value.toString()).isFalse();
            assertThat(parser.problem()).isNotBlank();
        }
    }

    @Test
    void aParseLeavesNoStateFromThePreviousOne() {
        assertThat(parser.parse(NODES.textNode("2026-11-28T15:22:49.123456Z"))).isTrue();
        assertThat(parser.truncated()).isTrue();
        assertThat(parser.parse(NODES.numberNode(1_795_876_504_123L))).isTrue();
        assertThat(parser.truncated()).isFalse();
        assertThat(parser.parse(NODES.textNode("2026-11-28T15:22:49Z"))).isTrue();
        assertThat(parser.coercion()).isNull();
        assertThat(parser.problem()).isNull();
    }
}
