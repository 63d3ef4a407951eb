package app.phaseo.connect.videos.model;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every time shape the API sends, read to the right instant; everything else read as NONE. */
class ApiTimesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void shouldReadEveryTimeOfEveryFixtureToTheInstantItDenotes() {
        Set<String> shapes = new TreeSet<>();
        List<String> checked = new ArrayList<>();
        for (String file : ApiFixtures.listFiles()) {
            for (JsonNode video : ApiFixtures.videos(file)) {
                ApiFixtures.walk(video, "", (path, value) -> {
                    if (!path.endsWith("_at") || value.isNull()) {
                        return;
                    }
                    long expected;
                    if (value.isNumber()) {
                        expected = value.longValue() * 1000;
                        shapes.add("number");
                    } else {
                        expected = OffsetDateTime.parse(value.textValue()).toInstant().toEpochMilli();
                        shapes.add(value.textValue().replaceAll("[0-9]", "9"));
                    }
                    assertThat(ApiTimes.toMillis(value)).as("%s in %s: %s", path, file, value).isEqualTo(expected);
                    checked.add(path);
                });
            }
        }
        // Seconds, ISO with Z, with millis and Z, with micros and +00:00: the shapes of both sources.
        assertThat(shapes).contains("number", "9999-99-99T99:99:99Z", "9999-99-99T99:99:99.999Z",
                "9999-99-99T99:99:99.999999+99:99");
        assertThat(checked).hasSizeGreaterThan(100);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2026-11-28T15:22:50.557Z           | 2026-11-28T15:22:50.557Z",
            "2026-11-28T15:22:49.173300+00:00   | 2026-11-28T15:22:49.173Z",
            "2026-11-28T15:22:49.173300+00      | 2026-11-28T15:22:49.173Z",
            "2026-11-28 15:22:49.173300+00      | 2026-11-28T15:22:49.173Z",
            "2026-11-28 15:22:49.173300+00:00   | 2026-11-28T15:22:49.173Z",
            "2026-11-28T15:22:49+05:30          | 2026-11-28T09:52:49Z",
            "2026-11-28T15:22:49.5+05:30        | 2026-11-28T09:52:49.500Z",
            "2026-11-28T15:22:49+0530           | 2026-11-28T09:52:49Z",
            "2026-11-28T15:22:49-08:00          | 2026-11-28T23:22:49Z",
            "2026-11-28T20:22:49-08:00          | 2026-11-29T04:22:49Z",
            "2026-11-28T15:22:49-08             | 2026-11-28T23:22:49Z",
            "2026-11-28T15:22:49z               | 2026-11-28T15:22:49Z",
            "2026-11-28t15:22:49.25z            | 2026-11-28T15:22:49.250Z",
            "2026-11-28T15:22:49                | 2026-11-28T15:22:49Z",
            "2026-11-28 15:22:49.123            | 2026-11-28T15:22:49.123Z",
            "2026-11-28T15:22                   | 2026-11-28T15:22:00Z",
            "'  2026-11-28T15:22:49Z  '         | 2026-11-28T15:22:49Z",
            "2024-02-29T12:00:00Z               | 2024-02-29T12:00:00Z",
            "2000-02-29T12:00:00+00:00          | 2000-02-29T12:00:00Z",
            "1970-01-01T00:00:00Z               | 1970-01-01T00:00:00Z",
    })
    void shouldReadEveryIsoShape(String text, String expected) {
        assertThat(ApiTimes.toMillis(text)).isEqualTo(millis(expected));
        assertThat(ApiTimes.toMillis(NODES.textNode(text))).isEqualTo(millis(expected));
    }

    @ParameterizedTest(name = "{0} fraction digits")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void shouldReadZeroToNineFractionDigitsTruncatedToTheMillisecond(int digits) {
        String fraction = "987654321".substring(0, digits);
        long expected = millis("2026-11-28T15:22:49Z") + (digits == 0 ? 0 : Long.parseLong((fraction + "00").substring(0, 3)));
        String dot = digits == 0 ? "" : ".";

        assertThat(ApiTimes.toMillis("2026-11-28T15:22:49" + dot + fraction + "Z")).isEqualTo(expected);
        assertThat(ApiTimes.toMillis("2026-11-28T15:22:49" + dot + fraction + "+00:00")).isEqualTo(expected);
        assertThat(ApiTimes.toMillis("2026-11-28 15:22:49" + dot + fraction + "+00")).isEqualTo(expected);
        assertThat(ApiTimes.toMillis("2026-11-28T15:22:49" + dot + fraction)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {
            "2026-02-30T00:00:00Z", "2026-02-30T00:00:00.000+00:00", "2026-02-30 10:00:00", "2026-02-30T10:00:00+00",
            "2026-02-29T00:00:00Z", "1900-02-29T00:00:00+00", "2026-04-31T10:00:00+00:00", "2026-06-31 10:00",
            "2026-11-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z",
            "2026-11-28T24:00:00Z", "2026-11-28T15:60:00Z", "2026-11-28T15:22:60Z",
            "2026-11-28T15:22:49.1234567890Z", "2026-11-28T15:22:49+25:00", "2026-11-28", "15:22:49",
            "", "   ", "yesterday", "1.2.3", ".", "-5", "1e9", "NaN", "2026-11-28T15:22:49Z trailing",
            "2026-11-28T15:22:49.000000000000000000000000000000000000000000000000000000000Z"})
    void shouldReadWhatIsNotATimeAsNone(String text) {
        assertThat(ApiTimes.toMillis(text)).as(text).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis(NODES.textNode(text))).as(text).isEqualTo(ApiTimes.NONE);
    }

    @Test
    void shouldReadNumbersBelowTenToTheElevenAsSecondsAndFromThereAsMilliseconds() {
        assertThat(ApiTimes.toMillis(NODES.numberNode(99_999_999_999L))).isEqualTo(99_999_999_999_000L);
        assertThat(ApiTimes.toMillis(NODES.numberNode(100_000_000_000L))).isEqualTo(100_000_000_000L);
        assertThat(ApiTimes.toMillis("99999999999")).isEqualTo(99_999_999_999_000L);
        assertThat(ApiTimes.toMillis("100000000000")).isEqualTo(100_000_000_000L);

        // Realistic values of both kinds.
        assertThat(ApiTimes.toMillis(NODES.numberNode(1_795_876_504L))).isEqualTo(millis("2026-11-28T14:35:04Z"));
        assertThat(ApiTimes.toMillis(NODES.numberNode(1_795_876_504_289L))).isEqualTo(millis("2026-11-28T14:35:04.289Z"));
        assertThat(ApiTimes.toMillis("1795876504")).isEqualTo(millis("2026-11-28T14:35:04Z"));
        assertThat(ApiTimes.toMillis("1795876504289")).isEqualTo(millis("2026-11-28T14:35:04.289Z"));
        assertThat(ApiTimes.toMillis(NODES.numberNode(1_795_876_504.25))).isEqualTo(millis("2026-11-28T14:35:04.250Z"));
        assertThat(ApiTimes.toMillis("1795876504.25")).isEqualTo(millis("2026-11-28T14:35:04.250Z"));
        assertThat(ApiTimes.toMillis(NODES.numberNode(0))).isZero();
    }

    @Test
    void shouldReadNoTimeFromImpossibleNumbersOrOtherNodes() {
        assertThat(ApiTimes.toMillis(NODES.numberNode(-1))).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis(NODES.numberNode(1e16))).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis(NODES.numberNode(Double.NaN))).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis(NODES.numberNode(Double.POSITIVE_INFINITY))).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis((JsonNode) null)).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis((String) null)).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis(NODES.nullNode())).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis(NODES.missingNode())).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis(NODES.booleanNode(true))).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis(NODES.objectNode().put("at", 1))).isEqualTo(ApiTimes.NONE);
        assertThat(ApiTimes.toMillis(NODES.arrayNode().add(1_795_876_504L))).isEqualTo(ApiTimes.NONE);
    }
}
