package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.core.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parameter named for a query Tomcat refused, read by Tomcat's rules. */
class QueryParametersTest {

    /** Each row: the raw query, the field named, a piece of its message. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '>', quoteCharacter = '`', textBlock = """
            a=1&b=%FF                   > b     > got "%FF"
            a=%2&b=%FF                  > a     > got "%2"
            a=%zz                       > a     > got "%zz"
            a=%                         > a     > got "%"
            a=%C3%A9&b=%C3              > b     > got "%C3"
            a=1+2&b=%E2%82%AC&c=%ED%A0%80 > c   > got "%ED%A0%80"
            x%C3%A9=%FF                 > xé    > got "%FF"
            a=b=%FF                     > a     > got "b=%FF"
            &&a=1&=5                    > query > "=5"
            a=1&%FF=1                   > query > "%FF"
            a=1&b=2&c                   > query > server.tomcat.max-parameter-count
            """)
    void namesTheFirstParameterThatDoesNotRead(String query, String field, String message) {
        Violation violation = QueryParameters.firstUnreadable(query);

        assertThat(violation.field()).isEqualTo(field);
        assertThat(violation.message()).contains(message);
    }
}
