package dev.switchboard.gateway.targets.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recursive-descent parser for RFC 7644 §3.4.2.2 filters. Precedence, loosest first: {@code or},
 * {@code and}, {@code not}, then comparisons, groups and value paths. Operators and the literals
 * {@code true false null} are case-insensitive, as the RFC says.
 *
 * <pre>
 * filter   = andExpr *("or" andExpr)
 * andExpr  = unary *("and" unary)
 * unary    = "not" "(" filter ")" | "(" filter ")" | attrExp | valuePath
 * attrExp  = attrPath "pr" | attrPath compareOp compValue
 * valuePath= attrPath "[" filter "]"
 * </pre>
 */
public final class FilterParser {

    private final String text;
    private int pos;

    private FilterParser(String text) {
        this.text = text;
    }

    /** @throws FilterSyntaxException naming the offending token and its zero-based position */
    public static FilterExpression parse(String text) {
        FilterParser parser = new FilterParser(text);
        parser.skipSpaces();
        if (parser.atEnd()) {
            throw new FilterSyntaxException("empty filter", 0);
        }
        FilterExpression result = parser.orExpr();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.unexpected();
        }
        return result;
    }

    private FilterExpression orExpr() {
        FilterExpression left = andExpr();
        while (acceptKeyword("or")) {
            left = new FilterExpression.Or(left, andExpr());
        }
        return left;
    }

    private FilterExpression andExpr() {
        FilterExpression left = unary();
        while (acceptKeyword("and")) {
            left = new FilterExpression.And(left, unary());
        }
        return left;
    }

    private FilterExpression unary() {
        skipSpaces();
        if (atEnd()) {
            throw new FilterSyntaxException("unexpected end of filter", pos);
        }
        if (acceptKeyword("not")) {
            skipSpaces();
            expect('(');
            FilterExpression inner = orExpr();
            expect(')');
            return new FilterExpression.Not(inner);
        }
        if (peek() == '(') {
            pos++;
            FilterExpression inner = orExpr();
            expect(')');
            return inner;
        }
        AttributePath path = attributePath();
        if (!atEnd() && peek() == '[') {
            pos++;
            FilterExpression inner = orExpr();
            expect(']');
            return new FilterExpression.ValuePath(path, inner);
        }
        skipSpaces();
        int opStart = pos;
        String word = word();
        if (word.isEmpty()) {
            throw atEnd() ? new FilterSyntaxException("expected an operator after '" + path + "'", pos) : unexpected();
        }
        String op = word.toLowerCase(Locale.ROOT);
        if (op.equals("pr")) {
            return new FilterExpression.Present(path);
        }
        FilterExpression.Operator operator = switch (op) {
            case "eq" -> FilterExpression.Operator.EQ;
            case "ne" -> FilterExpression.Operator.NE;
            case "co" -> FilterExpression.Operator.CO;
            case "sw" -> FilterExpression.Operator.SW;
            case "ew" -> FilterExpression.Operator.EW;
            case "gt" -> FilterExpression.Operator.GT;
            case "ge" -> FilterExpression.Operator.GE;
            case "lt" -> FilterExpression.Operator.LT;
            case "le" -> FilterExpression.Operator.LE;
            default -> throw new FilterSyntaxException("unexpected token '" + word + "'", opStart);
        };
        return new FilterExpression.Compare(path, operator, compareValue());
    }

    private AttributePath attributePath() {
        skipSpaces();
        int start = pos;
        while (!atEnd() && isPathChar(peek())) {
            pos++;
        }
        String raw = text.substring(start, pos);
        if (raw.isEmpty() || !Character.isLetter(raw.charAt(0))) {
            pos = start;
            throw unexpected();
        }
        Optional<String> schema = Optional.empty();
        String names = raw;
        int lastColon = raw.lastIndexOf(':');
        if (lastColon >= 0) {
            if (!raw.regionMatches(true, 0, "urn:", 0, 4) || lastColon == raw.length() - 1) {
                throw new FilterSyntaxException("invalid attribute path '" + raw + "'", start);
            }
            schema = Optional.of(raw.substring(0, lastColon));
            names = raw.substring(lastColon + 1);
        }
        List<String> parts = new ArrayList<>();
        for (String part : names.split("\\.", -1)) {
            if (part.isEmpty() || !(Character.isLetter(part.charAt(0)) || part.charAt(0) == '$')) {
                throw new FilterSyntaxException("invalid attribute path '" + raw + "'", start);
            }
            parts.add(part);
        }
        return new AttributePath(schema, parts);
    }

    private JsonNode compareValue() {
        skipSpaces();
        if (atEnd()) {
            throw new FilterSyntaxException("expected a value", pos);
        }
        char c = peek();
        if (c == '"') {
            return TextNode.valueOf(string());
        }
        int start = pos;
        if (c == '-' || Character.isDigit(c)) {
            pos++;
            while (!atEnd() && (Character.isDigit(peek()) || "+-.eE".indexOf(peek()) >= 0)) {
                pos++;
            }
            String number = text.substring(start, pos);
            try {
                BigDecimal value = new BigDecimal(number);
                return value.scale() <= 0 && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                        ? LongNode.valueOf(value.longValueExact())
                        : DecimalNode.valueOf(value);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new FilterSyntaxException("invalid number '" + number + "'", start);
            }
        }
        String word = word();
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "true" -> BooleanNode.TRUE;
            case "false" -> BooleanNode.FALSE;
            case "null" -> NullNode.instance;
            default -> {
                pos = start;
                throw unexpectedValue();
            }
        };
    }

    /** A JSON string literal (RFC 8259 escapes), starting at the opening quote. */
    private String string() {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (atEnd()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw new FilterSyntaxException("invalid unicode escape", pos - 2);
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new FilterSyntaxException("invalid unicode escape", pos - 2);
                    }
                    pos += 4;
                }
                default -> throw new FilterSyntaxException("invalid escape '\\" + e + "'", pos - 2);
            }
        }
        throw new FilterSyntaxException("unterminated string", start);
    }

    private boolean acceptKeyword(String keyword) {
        int save = pos;
        skipSpaces();
        String word = word();
        if (word.equalsIgnoreCase(keyword) && (atEnd() || !isPathChar(peek()))) {
            return true;
        }
        pos = save;
        return false;
    }

    private void expect(char c) {
        skipSpaces();
        if (atEnd()) {
            throw new FilterSyntaxException("expected '" + c + "' but the filter ended", pos);
        }
        if (peek() != c) {
            throw new FilterSyntaxException("expected '" + c + "' but found " + tokenAt(pos), pos);
        }
        pos++;
    }

    private String word() {
        int start = pos;
        while (!atEnd() && Character.isLetterOrDigit(peek())) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private FilterSyntaxException unexpected() {
        if (atEnd()) {
            return new FilterSyntaxException("unexpected end of filter", pos);
        }
        return new FilterSyntaxException("unexpected token " + tokenAt(pos), pos);
    }

    private FilterSyntaxException unexpectedValue() {
        return new FilterSyntaxException("expected a value (string, number, true, false, null) but found " + tokenAt(pos), pos);
    }

    private String tokenAt(int at) {
        int end = at;
        while (end < text.length() && isPathChar(text.charAt(end))) {
            end++;
        }
        if (end == at) {
            end = at + 1;
        }
        return "'" + text.substring(at, end) + "'";
    }

    private static boolean isPathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '_' || c == '-' || c == '$';
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }
}
