package dev.tollgate.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QueryRedactorTest {

    private final QueryRedactor redactor = new QueryRedactor(List.of("api_key", "Token", "sig"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /items                                  | /items
            /items?page=2                           | /items?page=2
            /items?api_key=s3cr3t                   | /items?api_key=REDACTED
            /items?API_KEY=s3cr3t&page=2            | /items?API_KEY=REDACTED&page=2
            /items?page=2&token=abc&sig=def         | /items?page=2&token=REDACTED&sig=REDACTED
            /items?api%5Fkey=s3cr3t                 | /items?api%5Fkey=REDACTED
            /items?token=a&token=b                  | /items?token=REDACTED&token=REDACTED
            /items?token                            | /items?token
            /items?token=                           | /items?token=REDACTED
            /items?tokens=visible&xtoken=visible    | /items?tokens=visible&xtoken=visible
            /items?page=1&&token=x&                 | /items?page=1&&token=REDACTED&
            /items?bad%zzname=value                 | /items?bad%zzname=REDACTED
            /search?q=token%3Dx                     | /search?q=token%3Dx
            """)
    void sensitiveValuesAreRedacted(String target, String expected) {
        assertThat(redactor.redact(target)).isEqualTo(expected);
    }

    @Test
    void targetWithoutSecretsIsReturnedAsIs() {
        String target = "/items?page=2&size=10";

        assertThat(redactor.redact(target)).isSameAs(target);
    }

    @Test
    void emptyNameListRedactsNothing() {
        String target = "/items?api_key=visible";

        assertThat(new QueryRedactor(List.of()).redact(target)).isSameAs(target);
    }
}
