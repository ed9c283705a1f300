package dev.switchboard.connectors.scim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FilterTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "alice                | userName eq \"alice\"",
            "o'brien              | userName eq \"o'brien\"",
            "say \"hi\"           | userName eq \"say \\\"hi\\\"\"",
            "back\\slash          | userName eq \"back\\\\slash\"",
            "`a\" or userName pr` | userName eq \"a\\\" or userName pr\"",
    })
    void eq_escapesQuotesAndBackslashes(String value, String expected) {
        assertThat(Filter.eq("userName", value).expression()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void eq_escapesControlCharacters() {
        assertThat(Filter.eq("displayName", "a\tb\nc\u0001").expression())
                .isEqualTo("displayName eq \"a\\tb\\nc\\u0001\"");
    }
}
