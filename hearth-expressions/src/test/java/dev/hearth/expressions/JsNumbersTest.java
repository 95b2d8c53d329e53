package dev.hearth.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''          | 0",
        "'  '        | 0",
        "' 42 '      | 42",
        "'-1.5'      | -1.5",
        "'+.5'       | 0.5",
        "'5.'        | 5",
        "'1e3'       | 1000",
        "'1E-2'      | 0.01",
        "'0x1F'      | 31",
        "'0o17'      | 15",
        "'0b101'     | 5",
        "'Infinity'  | Infinity",
        "'-Infinity' | -Infinity",
        "'12345678901234567890' | 1.2345678901234567E19",
    })
    void parsesLikeJavaScriptNumber(String text, String expected) {
        assertThat(JsNumbers.parse(text)).isEqualTo(Double.parseDouble(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'.'", "'e5'", "'1e'", "'0x'", "'-0x1'", "'1_000'", "'1d'", "'NaN'", "'inf'", "'0xG'", "'١'"})
    void rejectsWhatJavaScriptRejects(String text) {
        assertThat(JsNumbers.parse(text)).isNaN();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0                    | 0",
        "-0.0                 | 0",
        "1                    | 1",
        "-2                   | -2",
        "0.5                  | 0.5",
        "123456.789           | 123456.789",
        "0.84551240822557006  | 0.84551240822557",
        "0.1                  | 0.1",
        "1e21                 | 1e+21",
        "1.5e300              | 1.5e+300",
        "1e-7                 | 1e-7",
        "1.25e-7              | 1.25e-7",
        "0.000001             | 0.000001",
        "123456789012345680000 | 123456789012345680000",
        "NaN                  | NaN",
        "Infinity             | Infinity",
        "-Infinity            | -Infinity",
    })
    void formatsLikeGitHub(double value, String expected) {
        assertThat(JsNumbers.format(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1e-16       | 1e-16",
        "0.3         | 0.3",
        "5e-324      | 5e-324",
        "1.7976931348623157e308 | 1.7976931348623157e+308",
        "100         | 100",
        "1e20        | 100000000000000000000",
        "-1.5e-10    | -1.5e-10",
    })
    void printsLikeJavaScriptToString(double value, String expected) {
        assertThat(JsNumbers.toJsString(value)).isEqualTo(expected);
    }
}
