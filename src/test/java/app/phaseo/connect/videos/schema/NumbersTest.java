package app.phaseo.connect.videos.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

class NumbersTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "-", ".5", "5.", "+1", "1e3", "1E3", " 1", "1 ", "0x1F", "NaN", "Infinity", "1,5",
        "1.2.3", "--1", "١٢"})
    void plainDecimalSyntaxRejects(String text) {
        assertThat(Numbers.isPlainDecimal(text)).isFalse();
        assertThat(Numbers.money(text)).isNull();
    }

    @Test
    void plainDecimalSyntaxRejectsOverlongText() {
        assertThat(Numbers.isPlainDecimal("1".repeat(Numbers.MAX_NUMBER_TEXT))).isTrue();
        assertThat(Numbers.isPlainDecimal("1".repeat(Numbers.MAX_NUMBER_TEXT + 1))).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.20, 0.200000000",
        "0.363636, 0.363636000",
        "0.200000000, 0.200000000",
        "1.200000000000, 1.200000000",
        "-7, -7.000000000",
        "007.5, 7.500000000",
        "123456789012345678, 123456789012345678.000000000",
        "99999999999999999999999999999.999999999, 99999999999999999999999999999.999999999",
    })
    void moneyKeepsEveryDigitAtScaleNine(String text, String expected) {
        BigDecimal money = Numbers.money(text);
        assertThat(money).isEqualTo(new BigDecimal(expected));
        assertThat(money.scale()).isEqualTo(VideoSchemas.MONEY_SCALE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0000000001", "1.0000000001", "100000000000000000000000000000",
        "123456789012345678901234567890.5"})
    void moneyRefusesWhatWouldLoseDigitsOrOverflow(String text) {
        assertThat(Numbers.money(text)).isNull();
    }

    @Test
    void moneyOfHugeExponentsIsRefusedWithoutExpandingThem() {
        assertThat(Numbers.money(new BigDecimal("1E+1000000000"))).isNull();
        assertThat(Numbers.money(new BigDecimal("1E-1000000000"))).isNull();
        assertThat(Numbers.exactLong(new BigDecimal("1E+1000000000"))).isNull();
    }

    @Test
    void exactConversionsOnlyWhenLossless() {
        assertThat(Numbers.exactLong(new BigDecimal("8.000"))).isEqualTo(8L);
        assertThat(Numbers.exactLong(new BigDecimal("8.5"))).isNull();
        assertThat(Numbers.exactLong(new BigDecimal("9223372036854775808"))).isNull();
        assertThat(Numbers.exactDouble(new BigDecimal("4.1"))).isEqualTo(4.1);
        assertThat(Numbers.exactDouble(new BigDecimal("0.1000000000000000000001"))).isNull();
        assertThat(Numbers.exactDouble(1L << 53)).isEqualTo(9007199254740992.0);
        assertThat(Numbers.exactDouble((1L << 53) + 1)).isNull();
    }

    @Test
    void numberTextIsPlain() {
        assertThat(Numbers.text(NODES.numberNode(4.0))).isEqualTo("4");
        assertThat(Numbers.text(NODES.numberNode(0.2))).isEqualTo("0.2");
        assertThat(Numbers.text(NODES.numberNode(1e-12))).isEqualTo("0.000000000001");
        assertThat(Numbers.text(NODES.numberNode(Double.NaN))).isNull();
        assertThat(Numbers.text(NODES.numberNode(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
    }

    @Test
    void theFastDecimalPathMatchesBigDecimal() {
        for (String text : new String[] {"0", "-0", "0.20", "-12.345", "999999999999999999", "12345678.12345678",
            "-0.000000001"}) {
            assertThat(Numbers.parsePlainDecimal(text)).as(text).isEqualTo(new BigDecimal(text));
        }
    }
}
