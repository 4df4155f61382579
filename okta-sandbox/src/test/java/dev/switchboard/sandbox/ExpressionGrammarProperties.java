package dev.switchboard.sandbox;

import dev.switchboard.sandbox.query.Expression;
import dev.switchboard.sandbox.query.ExpressionParser;
import dev.switchboard.sandbox.query.InvalidExpressionException;
import dev.switchboard.sandbox.query.Literal;
import dev.switchboard.sandbox.query.Operator;
import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of the one parser behind {@code filter} and {@code search}: every expression the grammar
 * generates parses back to the same tree, quoted values survive any characters (escaped as {@code \"} and
 * {@code \\}), and no input at all makes the parser, or the server, fail with anything but a clean 400 in Okta's
 * error shape.
 */
class ExpressionGrammarProperties {
    private static OktaSandbox sandbox;
    private static SandboxClient client;
    private static final List<String> PROBLEMS = Collections.synchronizedList(new ArrayList<>());

    @BeforeContainer
    static void start() {
        sandbox = OktaSandbox.builder().users(30).seed(17L)
                .observer(exchange -> PROBLEMS.addAll(OktaContract.get().check(exchange))).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("properties"));
    }

    @AfterContainer
    static void stop() {
        sandbox.close();
        assertThat(PROBLEMS).as("responses that break Okta's OpenAPI description").isEmpty();
    }

    /** A generated expression: its text and the tree it must parse to. */
    record Generated(String text, Expression tree) {
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', 'ß', '\u4e2d', '"', '\\').ofMaxLength(12);
    }

    private Arbitrary<Expression.Condition> conditions() {
        Arbitrary<String> attributes = Arbitraries.of("status", "id", "profile.login", "profile.department",
                "profile.firstName", "lastUpdated", "type.id", "profile.badgeNumber");
        Arbitrary<Operator> operators = Arbitraries.of(Operator.values());
        Arbitrary<Literal> literals = Arbitraries.oneOf(
                values().map(Literal::string),
                Arbitraries.integers().between(-1000, 1000).map(n -> new Literal(Literal.Kind.NUMBER, Integer.toString(n))),
                Arbitraries.of("true", "false").map(b -> new Literal(Literal.Kind.BOOLEAN, b)),
                Arbitraries.just(new Literal(Literal.Kind.NULL, "null")));
        return Combinators.combine(attributes, operators, literals).as((attribute, operator, literal) ->
                new Expression.Condition(attribute, operator, operator == Operator.PR ? Optional.empty() : Optional.of(literal)));
    }

    private Arbitrary<Expression> trees(int depth) {
        if (depth == 0) {
            return conditions().map(condition -> condition);
        }
        Arbitrary<List<Expression>> operands = Arbitraries.lazy(() -> trees(depth - 1)).list().ofMinSize(2).ofMaxSize(3);
        return Arbitraries.frequencyOf(
                Tuple(3, conditions().map(condition -> (Expression) condition)),
                Tuple(1, operands.map(Expression.And::new)),
                Tuple(1, operands.map(Expression.Or::new)));
    }

    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Expression>> Tuple(int weight,
            Arbitrary<? extends Expression> arbitrary) {
        return net.jqwik.api.Tuple.of(weight, arbitrary);
    }

    @Provide
    Arbitrary<Generated> expressions() {
        return trees(3).flatMap(tree -> Arbitraries.of(true, false).map(upper -> new Generated(render(tree, upper, true), tree)));
    }

    /** Writes a tree as Okta's syntax, parenthesizing every nested group, keywords in either case. */
    static String render(Expression expression, boolean upper, boolean top) {
        if (expression instanceof Expression.Condition condition) {
            String operator = upper ? condition.operator().token().toUpperCase() : condition.operator().token();
            return condition.attribute() + " " + operator + condition.value().map(value -> " " + literal(value)).orElse("");
        }
        List<Expression> operands = expression instanceof Expression.And and ? and.operands() : ((Expression.Or) expression).operands();
        String keyword = expression instanceof Expression.And ? (upper ? " AND " : " and ") : (upper ? " OR " : " or ");
        List<String> parts = new ArrayList<>();
        operands.forEach(operand -> parts.add("(" + render(operand, upper, false) + ")"));
        return String.join(keyword, parts);
    }

    private static String literal(Literal literal) {
        if (literal.kind() == Literal.Kind.STRING) {
            return "\"" + literal.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return literal.text();
    }

    @Property(tries = 300)
    void everyGeneratedExpressionParsesToTheTreeItWasWrittenFrom(@ForAll("expressions") Generated generated)
            throws InvalidExpressionException {
        assertThat(ExpressionParser.parse(generated.text())).isEqualTo(generated.tree());
    }

    @Property(tries = 300)
    void aQuotedValueSurvivesAnyCharacters(@ForAll("values") String value) throws InvalidExpressionException {
        Expression parsed = ExpressionParser.parse("profile.title eq " + literal(Literal.string(value)));

        assertThat(((Expression.Condition) parsed).value()).hasValue(Literal.string(value));
    }

    @Property(tries = 1000)
    void anyTextEitherParsesOrIsRefusedCleanly(@ForAll("noise") String text) {
        try {
            ExpressionParser.parse(text);
        } catch (InvalidExpressionException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> tokens = Arbitraries.of("(", ")", "\"", "\\", " ", "and", "or", "not", "eq", "pr", "co", "ne",
                "profile.login", "status", "\"x\"", "12", "-1.5", "null", "true", ".", "..", "a.", "\t", "\u0000", "é");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                tokens.list().ofMaxSize(25).map(parts -> String.join("", parts)),
                tokens.list().ofMaxSize(25).map(parts -> String.join(" ", parts)));
    }

    @Property(tries = 150)
    void theServerAnswersAnySearchOrFilterWith200Or400InOktasShape(@ForAll("noise") String text,
            @ForAll("parameters") String parameter) {
        HttpResponse<String> response = client.get("/api/v1/" + parameter + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(text).isIn(200, 400);
        JsonNode body = SandboxClient.json(response);
        if (response.statusCode() == 400) {
            assertThat(body.get("errorCode").asText()).isIn("E0000031", "E0000094", "E0000053", "E0000001");
        } else {
            assertThat(body.isArray()).isTrue();
        }
    }

    @Provide
    Arbitrary<String> parameters() {
        return Arbitraries.of("users?search", "users?filter", "groups?search", "groups?filter", "logs?filter");
    }

    @Property(tries = 100)
    void generatedSearchesAreAnsweredWithoutServerErrors(@ForAll("expressions") Generated generated) {
        HttpResponse<String> response = client.get("/api/v1/users?search="
                + URLEncoder.encode(generated.text(), StandardCharsets.UTF_8).replace("+", "%20"));

        assertThat(response.statusCode()).as(generated.text()).isIn(200, 400);
    }
}
