package dev.switchboard.gateway.targets.filter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterParserTest {

    static Stream<Arguments> validFilters() {
        return Stream.of(
                Arguments.of("userName eq \"bjensen\"", "Compare[path=userName, operator=EQ, value=\"bjensen\"]"),
                Arguments.of("userName EQ \"bjensen\"", "Compare[path=userName, operator=EQ, value=\"bjensen\"]"),
                Arguments.of("title pr", "Present[path=title]"),
                Arguments.of("name.familyName co \"O'Malley\"", "Compare[path=name.familyName, operator=CO, value=\"O'Malley\"]"),
                Arguments.of("meta.lastModified gt \"2011-05-13T04:42:34Z\"",
                        "Compare[path=meta.lastModified, operator=GT, value=\"2011-05-13T04:42:34Z\"]"),
                Arguments.of("active eq true", "Compare[path=active, operator=EQ, value=true]"),
                Arguments.of("x ne null", "Compare[path=x, operator=NE, value=null]"),
                Arguments.of("age ge 18", "Compare[path=age, operator=GE, value=18]"),
                Arguments.of("score lt -1.5", "Compare[path=score, operator=LT, value=-1.5]"),
                Arguments.of("a eq \"1\" or b eq \"2\" and c eq \"3\"",
                        "Or[left=Compare[path=a, operator=EQ, value=\"1\"], right=And[left=Compare[path=b, operator=EQ, value=\"2\"], "
                                + "right=Compare[path=c, operator=EQ, value=\"3\"]]]"),
                Arguments.of("(a eq \"1\" or b eq \"2\") and c pr",
                        "And[left=Or[left=Compare[path=a, operator=EQ, value=\"1\"], right=Compare[path=b, operator=EQ, value=\"2\"]], "
                                + "right=Present[path=c]]"),
                Arguments.of("not (a pr)", "Not[inner=Present[path=a]]"),
                Arguments.of("not(a pr)", "Not[inner=Present[path=a]]"),
                Arguments.of("emails[type eq \"work\" and value co \"@example.com\"]",
                        "ValuePath[path=emails, inner=And[left=Compare[path=type, operator=EQ, value=\"work\"], "
                                + "right=Compare[path=value, operator=CO, value=\"@example.com\"]]]"),
                Arguments.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"R&D\"",
                        "Compare[path=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department, operator=EQ, value=\"R&D\"]"),
                Arguments.of("userName eq \"a\\\"b\\u0041\"", "Compare[path=userName, operator=EQ, value=\"a\\\"bA\"]"),
                Arguments.of("notes pr", "Present[path=notes]"),
                Arguments.of("orders gt 1 and android pr",
                        "And[left=Compare[path=orders, operator=GT, value=1], right=Present[path=android]]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFilters")
    void validFilter_parsesToExpectedTree(String filter, String expectedTree) {
        assertThat(render(FilterParser.parse(filter))).isEqualTo(expectedTree);
    }

    static Stream<Arguments> invalidFilters() {
        return Stream.of(
                Arguments.of("department eqq \"x\"", "unexpected token 'eqq' at 11"),
                Arguments.of("", "empty filter at 0"),
                Arguments.of("userName", "expected an operator after 'userName' at 8"),
                Arguments.of("userName eq", "expected a value at 11"),
                Arguments.of("userName eq \"open", "unterminated string at 12"),
                Arguments.of("userName eq bjensen", "expected a value (string, number, true, false, null) but found 'bjensen' at 12"),
                Arguments.of("(userName pr", "expected ')' but the filter ended at 12"),
                Arguments.of("userName pr)", "unexpected token ')' at 11"),
                Arguments.of("emails[type eq \"work\"", "expected ']' but the filter ended at 21"),
                Arguments.of("userName pr and", "unexpected end of filter at 15"),
                Arguments.of("userName pr xor a pr", "unexpected token 'xor' at 12"),
                Arguments.of("\"x\" eq userName", "unexpected token '\"' at 0"),
                Arguments.of("a eq \"\\q\"", "invalid escape '\\q' at 6"),
                Arguments.of("a eq 1.2.3", "invalid number '1.2.3' at 5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFilters")
    void invalidFilter_isRejectedWithMessageAndPosition(String filter, String expectedMessage) {
        assertThatThrownBy(() -> FilterParser.parse(filter))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessage(expectedMessage);
    }

    /** Record toString with attribute paths and JSON values printed compactly. */
    private static String render(FilterExpression e) {
        if (e instanceof FilterExpression.And and) {
            return "And[left=" + render(and.left()) + ", right=" + render(and.right()) + "]";
        }
        if (e instanceof FilterExpression.Or or) {
            return "Or[left=" + render(or.left()) + ", right=" + render(or.right()) + "]";
        }
        if (e instanceof FilterExpression.Not not) {
            return "Not[inner=" + render(not.inner()) + "]";
        }
        if (e instanceof FilterExpression.Present p) {
            return "Present[path=" + p.path() + "]";
        }
        if (e instanceof FilterExpression.Compare c) {
            return "Compare[path=" + c.path() + ", operator=" + c.operator() + ", value=" + c.value() + "]";
        }
        FilterExpression.ValuePath v = (FilterExpression.ValuePath) e;
        return "ValuePath[path=" + v.path() + ", inner=" + render(v.inner()) + "]";
    }
}
