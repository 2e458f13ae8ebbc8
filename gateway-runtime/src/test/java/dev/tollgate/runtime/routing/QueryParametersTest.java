package dev.tollgate.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParametersTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "NULL", textBlock = """
            a=1&b=2            | b     | 2
            a=1&a=2            | a     | 1
            a                  | a     | ''
            a=                 | a     | ''
            a=&a=2             | a     | ''
            q=red+shoes        | q     | red shoes
            q=a%20b%2Bc        | q     | a b+c
            q=caf%C3%A9        | q     | café
            q=café             | q     | café
            q=%F0%9F%98%80     | q     | \uD83D\uDE00
            q=100%             | q     | 100%
            q=%zz%4            | q     | %zz%4
            %71=x              | q     | x
            a+b=1              | a b   | 1
            a=x=y              | a     | x=y
            &&a=1&&            | a     | 1
            ab=1               | a     | NULL
            b=1                | a     | NULL
            =1                 | a     | NULL
            """)
    void firstValueIsDecoded(String rawQuery, String name, String expected) {
        assertThat(QueryParameters.parse(rawQuery).first(name)).isEqualTo(expected);
    }

    @Test
    void allValuesInQueryOrder() {
        QueryParameters query = QueryParameters.parse("tag=a&x=1&tag=b+c&tag");

        assertThat(query.all("tag")).containsExactly("a", "b c", "");
        assertThat(query.all("missing")).isEmpty();
    }

    @Test
    void missingQueryHasNoParameters() {
        assertThat(QueryParameters.parse(null)).isSameAs(QueryParameters.EMPTY);
        assertThat(QueryParameters.parse("").first("a")).isNull();
    }

    @Test
    void rawQueryIsKeptUnchanged() {
        assertThat(QueryParameters.parse("a=%20+b&c").rawQuery()).isEqualTo("a=%20+b&c");
    }
}
