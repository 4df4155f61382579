package dev.switchboard.sandbox.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses Okta filter expressions such as
 * {@code profile.department eq "Engineering" and (created lt "2014-01-01T00:00:00.000Z" or status eq "ACTIVE")}.
 *
 * <p>Grammar (keywords and operators in any case; {@code and} binds tighter than {@code or}):
 * <pre>
 * expression := term ("or" term)*
 * term       := factor ("and" factor)*
 * factor     := "(" expression ")" | attribute "pr" | attribute operator value
 * attribute  := name ("." name)*          name := [A-Za-z_][A-Za-z0-9_]*
 * operator   := eq | sw | co | gt | ge | lt | le
 * value      := "quoted string with \" and \\ escapes" | number | true | false | null
 * </pre>
 * The text is the query parameter after URL decoding: a {@code +} that reached the server as {@code %2B} is a
 * literal plus, so {@code user.id+eq+"00u1"} is not an expression (case C02). Parsing never throws anything
 * but {@link InvalidExpressionException}: nesting is limited to {@value #MAX_DEPTH} levels of parentheses and
 * the length to {@value #MAX_LENGTH} characters.
 */
public final class ExpressionParser {
    /** Deepest nesting of parentheses accepted. */
    public static final int MAX_DEPTH = 32;
    /** Longest expression accepted, in characters. */
    public static final int MAX_LENGTH = 8192;

    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final List<Token> tokens;
    private int next;

    private ExpressionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses an expression.
     *
     * @param text the decoded expression
     * @return the expression tree
     * @throws InvalidExpressionException when the text is empty, too long, too deeply nested or not in the
     *     grammar; the message names what was expected and the position (0-based) where it was not found
     */
    public static Expression parse(String text) throws InvalidExpressionException {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidExpressionException("the expression is longer than " + MAX_LENGTH + " characters");
        }
        ExpressionParser parser = new ExpressionParser(tokenize(text));
        if (parser.tokens.isEmpty()) {
            throw new InvalidExpressionException("the expression is empty");
        }
        Expression expression = parser.expression(0);
        if (parser.next < parser.tokens.size()) {
            Token extra = parser.tokens.get(parser.next);
            throw new InvalidExpressionException("unexpected " + extra.describe() + " at position " + extra.position
                    + "; expected 'and', 'or' or the end of the expression");
        }
        return expression;
    }

    /**
     * Parses an expression and checks each of its conditions against a resource's rules.
     *
     * @param text the decoded expression
     * @param rules what the resource supports
     * @return the expression tree
     * @throws InvalidExpressionException when the text does not parse or a condition is not supported
     */
    public static Expression parse(String text, ConditionRules rules) throws InvalidExpressionException {
        Expression expression = parse(text);
        for (Expression.Condition condition : expression.conditions()) {
            rules.check(condition);
        }
        return expression;
    }

    private Expression expression(int depth) throws InvalidExpressionException {
        List<Expression> terms = new ArrayList<>();
        terms.add(term(depth));
        while (peekKeyword("or")) {
            next++;
            terms.add(term(depth));
        }
        return terms.size() == 1 ? terms.get(0) : new Expression.Or(terms);
    }

    private Expression term(int depth) throws InvalidExpressionException {
        List<Expression> factors = new ArrayList<>();
        factors.add(factor(depth));
        while (peekKeyword("and")) {
            next++;
            factors.add(factor(depth));
        }
        return factors.size() == 1 ? factors.get(0) : new Expression.And(factors);
    }

    private Expression factor(int depth) throws InvalidExpressionException {
        Token token = take("an attribute or '('");
        if (token.type == TokenType.OPEN) {
            if (depth >= MAX_DEPTH) {
                throw new InvalidExpressionException("parentheses are nested deeper than " + MAX_DEPTH + " levels");
            }
            Expression inner = expression(depth + 1);
            Token close = take("')'");
            if (close.type != TokenType.CLOSE) {
                throw new InvalidExpressionException("expected ')' at position " + close.position + " but found "
                        + close.describe());
            }
            return inner;
        }
        if (token.type != TokenType.WORD) {
            throw new InvalidExpressionException("expected an attribute at position " + token.position
                    + " but found " + token.describe());
        }
        if (token.text.equalsIgnoreCase("not")) {
            throw new InvalidExpressionException("'not' is not supported (position " + token.position + ")");
        }
        if (!ATTRIBUTE.matcher(token.text).matches()) {
            throw new InvalidExpressionException("'" + token.text + "' at position " + token.position
                    + " is not an attribute name");
        }
        Token operatorToken = take("an operator after '" + token.text + "'");
        Optional<Operator> operator = operatorToken.type == TokenType.WORD
                ? Operator.byName(operatorToken.text) : Optional.empty();
        if (operator.isEmpty()) {
            throw new InvalidExpressionException("expected an operator (eq, sw, co, gt, ge, lt, le, pr) at position "
                    + operatorToken.position + " but found " + operatorToken.describe());
        }
        if (operator.get() == Operator.PR) {
            return new Expression.Condition(token.text, Operator.PR, Optional.empty());
        }
        Token valueToken = take("a value after '" + operatorToken.text + "'");
        return new Expression.Condition(token.text, operator.get(), Optional.of(literal(valueToken)));
    }

    private static Literal literal(Token token) throws InvalidExpressionException {
        if (token.type == TokenType.STRING) {
            return Literal.string(token.text);
        }
        if (token.type == TokenType.WORD) {
            if (NUMBER.matcher(token.text).matches()) {
                return new Literal(Literal.Kind.NUMBER, token.text);
            }
            if (token.text.equalsIgnoreCase("true") || token.text.equalsIgnoreCase("false")) {
                return new Literal(Literal.Kind.BOOLEAN, token.text.toLowerCase(java.util.Locale.ROOT));
            }
            if (token.text.equalsIgnoreCase("null")) {
                return new Literal(Literal.Kind.NULL, "null");
            }
        }
        throw new InvalidExpressionException("expected a quoted value, a number, true, false or null at position "
                + token.position + " but found " + token.describe());
    }

    private boolean peekKeyword(String keyword) {
        return next < tokens.size() && tokens.get(next).type == TokenType.WORD
                && tokens.get(next).text.equalsIgnoreCase(keyword);
    }

    private Token take(String expected) throws InvalidExpressionException {
        if (next >= tokens.size()) {
            throw new InvalidExpressionException("the expression ends where " + expected + " was expected");
        }
        return tokens.get(next++);
    }

    private static List<Token> tokenize(String text) throws InvalidExpressionException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(TokenType.OPEN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(TokenType.CLOSE, ")", i++));
            } else if (c == '"') {
                int start = i++;
                StringBuilder value = new StringBuilder();
                boolean closed = false;
                while (i < text.length()) {
                    char d = text.charAt(i++);
                    if (d == '"') {
                        closed = true;
                        break;
                    }
                    if (d == '\\') {
                        if (i >= text.length() || (text.charAt(i) != '"' && text.charAt(i) != '\\')) {
                            throw new InvalidExpressionException("only \\\" and \\\\ are escapes in a quoted value"
                                    + " (position " + (i - 1) + ")");
                        }
                        d = text.charAt(i++);
                    }
                    value.append(d);
                }
                if (!closed) {
                    throw new InvalidExpressionException("the quoted value at position " + start + " is not closed");
                }
                tokens.add(new Token(TokenType.STRING, value.toString(), start));
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && "()\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(TokenType.WORD, text.substring(start, i), start));
            }
        }
        return tokens;
    }

    private enum TokenType { OPEN, CLOSE, STRING, WORD }

    private record Token(TokenType type, String text, int position) {
        String describe() {
            switch (type) {
                case OPEN:
                    return "'('";
                case CLOSE:
                    return "')'";
                case STRING:
                    return "a quoted value";
                default:
                    return "'" + text + "'";
            }
        }
    }
}
