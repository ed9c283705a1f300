package dev.switchboard.gateway.targets.filter;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed SCIM filter: the tree of RFC 7644 §3.4.2.2, nothing more. */
public sealed interface FilterExpression {

    enum Operator { EQ, NE, CO, SW, EW, GT, GE, LT, LE }

    record And(FilterExpression left, FilterExpression right) implements FilterExpression {
    }

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
    }

    record Not(FilterExpression inner) implements FilterExpression {
    }

    record Present(AttributePath path) implements FilterExpression {
    }

    /** {@code value} is a JSON string, number, boolean or null literal. */
    record Compare(AttributePath path, Operator operator, JsonNode value) implements FilterExpression {
    }

    /** {@code emails[type eq "work" and value ew "@example.com"]}: the inner filter applies to each element. */
    record ValuePath(AttributePath path, FilterExpression inner) implements FilterExpression {
    }
}
