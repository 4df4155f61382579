package dev.switchboard.sandbox;

import dev.switchboard.sandbox.query.Expression;
import dev.switchboard.sandbox.query.ExpressionParser;
import dev.switchboard.sandbox.query.InvalidExpressionException;
import dev.switchboard.sandbox.query.Literal;
import dev.switchboard.sandbox.query.Matching;
import dev.switchboard.sandbox.query.Operator;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Okta's filter expression language (https://developer.okta.com/docs/api/#filter), parsed and matched. */
class ExpressionParserTest {

    private static boolean matches(String expression, Map<String, Object> attributes, Matching matching)
            throws InvalidExpressionException {
        return ExpressionParser.parse(expression)
                .matches(path -> Optional.ofNullable(attributes.get(path)), matching);
    }

    @Test
    void andBindsTighterThanOr() throws InvalidExpressionException {
        Expression expression = ExpressionParser.parse("a eq \"1\" or b eq \"2\" and c eq \"3\"");

        assertThat(expression).isInstanceOf(Expression.Or.class);
        assertThat(((Expression.Or) expression).operands().get(1)).isInstanceOf(Expression.And.class);
    }

    @Test
    void operatorsAndKeywordsAreCaseInsensitive() throws InvalidExpressionException {
        assertThat(matches("status EQ \"ACTIVE\" AND profile.x Pr", Map.of("status", "ACTIVE", "profile.x", "y"),
                Matching.CASE_SENSITIVE)).isTrue();
    }

    @Test
    void escapedQuotesAndBackslashesAreUnescaped() throws InvalidExpressionException {
        Expression expression = ExpressionParser.parse("profile.title eq \"say \\\"hi\\\" \\\\ bye\"");

        assertThat(expression).isEqualTo(new Expression.Condition("profile.title", Operator.EQ,
                Optional.of(Literal.string("say \"hi\" \\ bye"))));
    }

    @Test
    void timestampsCompareAsInstantsWhateverTheirPrecision() throws InvalidExpressionException {
        assertThat(matches("lastUpdated gt \"2024-01-01T00:00:00Z\"", Map.of("lastUpdated", "2024-01-01T00:00:00.001Z"),
                Matching.CASE_SENSITIVE)).isTrue();
        assertThat(matches("lastUpdated eq \"2024-01-01T00:00:00Z\"", Map.of("lastUpdated", "2024-01-01T00:00:00.000Z"),
                Matching.CASE_SENSITIVE)).isTrue();
    }

    @Test
    void caseInsensitiveMatchingFoldsValuesOnly() throws InvalidExpressionException {
        assertThat(matches("profile.email eq \"a@x.com\"", Map.of("profile.email", "A@X.com"), Matching.CASE_INSENSITIVE))
                .isTrue();
        assertThat(matches("profile.email eq \"a@x.com\"", Map.of("profile.email", "A@X.com"), Matching.CASE_SENSITIVE))
                .isFalse();
    }

    @Test
    void diacriticalMarksStaySignificant() throws InvalidExpressionException {
        assertThat(matches("profile.lastName eq \"brock\"", Map.of("profile.lastName", "Bröck"), Matching.CASE_INSENSITIVE))
                .isFalse();
    }

    @Test
    void aMissingAttributeMatchesOnlyEqNull() throws InvalidExpressionException {
        assertThat(matches("profile.x eq null", Map.of(), Matching.CASE_SENSITIVE)).isTrue();
        assertThat(matches("profile.x pr", Map.of(), Matching.CASE_SENSITIVE)).isFalse();
        assertThat(matches("profile.x lt \"z\"", Map.of(), Matching.CASE_SENSITIVE)).isFalse();
    }

    @Test
    void aMultiValuedAttributeMatchesWhenAnyElementDoes() throws InvalidExpressionException {
        assertThat(matches("profile.tags eq \"b\"", Map.of("profile.tags", java.util.List.of("a", "b")),
                Matching.CASE_SENSITIVE)).isTrue();
    }

    @Test
    void numbersCompareNumerically() throws InvalidExpressionException {
        assertThat(matches("profile.level gt 9", Map.of("profile.level", 10), Matching.CASE_SENSITIVE)).isTrue();
    }

    @Test
    void notAndNeAreRejectedAsOktaDoes() {
        assertThatThrownBy(() -> ExpressionParser.parse("not (status eq \"ACTIVE\")"))
                .isInstanceOf(InvalidExpressionException.class);
        assertThatThrownBy(() -> ExpressionParser.parse("status ne \"ACTIVE\""))
                .isInstanceOf(InvalidExpressionException.class);
    }

    @Test
    void plusSignsTypedForSpacesAreNotAnExpression() {
        assertThatThrownBy(() -> ExpressionParser.parse("user.id+eq+\"00u1\""))
                .isInstanceOf(InvalidExpressionException.class).hasMessageContaining("user.id+eq+");
    }

    @Test
    void anUnclosedQuoteOrParenthesisIsRejected() {
        assertThatThrownBy(() -> ExpressionParser.parse("a eq \"open")).isInstanceOf(InvalidExpressionException.class);
        assertThatThrownBy(() -> ExpressionParser.parse("(a eq \"x\"")).isInstanceOf(InvalidExpressionException.class);
    }

    @Test
    void deepNestingIsRejectedWithoutOverflowingTheStack() {
        String deep = "(".repeat(10_000) + "a eq \"x\"" + ")".repeat(10_000);

        assertThatThrownBy(() -> ExpressionParser.parse(deep)).isInstanceOf(InvalidExpressionException.class);
    }

    @Test
    void arbitraryInputNeverThrowsAnythingButInvalidExpression() {
        Random random = new Random(1234);
        String alphabet = "ab.() \"\\eqswcogtlepr+%0123456789andorANDOR";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Throwable thrown = catchThrowable(() -> ExpressionParser.parse(text.toString())
                    .matches(path -> Optional.of("value"), Matching.CASE_INSENSITIVE));
            assertThat(thrown).as(text.toString()).satisfiesAnyOf(
                    t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(InvalidExpressionException.class));
        }
    }
}
