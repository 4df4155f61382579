package dev.switchboard.sandbox;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.server.QueryParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Query parameters decode as HTML forms do, strictly (case C01). */
class QueryParametersTest {

    @Test
    void aRawPlusIsASpaceAndPercent2BIsAPlus() {
        QueryParameters query = QueryParameters.parse("a=x+y&b=x%2By");

        assertThat(query.first("a", ErrorCode.E0000031)).hasValue("x y");
        assertThat(query.first("b", ErrorCode.E0000031)).hasValue("x+y");
    }

    @Test
    void percentEncodedUtf8IsDecoded() {
        assertThat(QueryParameters.parse("q=Br%C3%B6ck").first("q", ErrorCode.E0000031)).hasValue("Bröck");
    }

    @Test
    void theFirstOfRepeatedParametersCounts() {
        assertThat(QueryParameters.parse("limit=5&limit=7").first("limit", ErrorCode.E0000029)).hasValue("5");
    }

    @Test
    void anEmptyOrAbsentParameterIsEmpty() {
        QueryParameters query = QueryParameters.parse("search=&x");

        assertThat(query.first("search", ErrorCode.E0000031)).isEmpty();
        assertThat(query.first("x", ErrorCode.E0000031)).isEmpty();
        assertThat(query.first("absent", ErrorCode.E0000031)).isEmpty();
    }

    @Test
    void aBrokenEncodingIsTheGivenErrorNotAMissingParameter() {
        for (String broken : new String[] {"%", "%Z1", "%E0%A4", "%FF"}) {
            QueryParameters query = QueryParameters.parse("search=" + broken);

            assertThatThrownBy(() -> query.first("search", ErrorCode.E0000031)).as(broken)
                    .isInstanceOfSatisfying(OktaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.E0000031));
        }
    }
}
