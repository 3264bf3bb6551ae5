package dev.eventmart.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;

/** What {@link PlainText} lets through: any printable text in any script; no control character, no half a pair. */
class PlainTextValidatorTests {

    private final PlainTextValidator validator = new PlainTextValidator();

    static Stream<Arguments> printable() {
        return Stream.of(text("ascii id", "customer-42"), text("accents", "Zoë Ångström"),
                text("another script", "東京都"), text("an emoji (a surrogate pair)", "cart \uD83D\uDED2"),
                text("empty", ""));
    }

    static Stream<Arguments> notPlain() {
        return Stream.of(text("NUL", "ada\0"), text("escape sequence", "\u001B[31mred"), text("DEL", "a\u007F"),
                text("C1 control (CSI)", "\u009B2J"), text("tab", "a\tb"), text("newline", "a\nb"),
                text("lone high surrogate", "a\uD83Db"), text("high surrogate at the end", "a\uD83D"),
                text("lone low surrogate", "\uDED2a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("printable")
    void acceptsPrintableText(String what, String value) {
        assertThat(validator.isValid(value, null)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notPlain")
    void refusesControlCharactersAndUnpairedSurrogates(String what, String value) {
        assertThat(validator.isValid(value, null)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    void leavesAMissingValueToNotNull(String value) {
        assertThat(validator.isValid(value, null)).isTrue();
    }

    private static Arguments text(String what, String value) {
        return Arguments.of(what, value);
    }
}
