package dev.switchboard.gateway.targets.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FilterEvaluatorTest {

    private static final String USER = """
            {
              "externalId": "5d1f6c1a-AbC",
              "userName": "Alice",
              "name": { "givenName": "Alice", "familyName": "Liddell" },
              "emails": [
                { "value": "alice@example.com", "type": "work", "primary": true },
                { "value": "alice@home.test", "type": "home" }
              ],
              "active": true,
              "loginCount": 42,
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "Research" },
              "groups": [ { "value": "/staff/engineering", "display": "engineering" } ],
              "identityProviders": [ "corp-saml" ],
              "attributes": { "costCenter": ["4711", "4712"], "title": [] }
            }
            """;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            userName eq "alice"                                              | true
            USERNAME eq "ALICE"                                              | true
            userName ne "alice"                                              | false
            userName ne "bob"                                                | true
            userName sw "al"                                                 | true
            userName ew "CE"                                                 | true
            userName co "lic"                                                | true
            userName gt "aardvark"                                           | true
            userName lt "aardvark"                                           | false
            externalId eq "5d1f6c1a-abc"                                     | false
            externalId eq "5d1f6c1a-AbC"                                     | true
            name.familyName eq "liddell"                                     | true
            title pr                                                         | false
            name pr                                                          | true
            attributes.title pr                                              | false
            attributes.costCenter eq "4712"                                  | true
            emails eq "alice@home.test"                                      | true
            emails.value ew "@example.com"                                   | true
            emails[type eq "work" and value ew "@example.com"]               | true
            emails[type eq "home" and value ew "@example.com"]               | false
            emails[type eq "work"] and active eq true                        | true
            active eq false                                                  | false
            active eq "true"                                                 | false
            loginCount ge 42                                                 | true
            loginCount gt 42                                                 | false
            loginCount lt 100.5                                              | true
            loginCount eq "42"                                               | false
            groups eq "/staff/engineering"                                   | true
            groups sw "/staff/"                                              | true
            groups.display eq "ENGINEERING"                                  | true
            identityProviders eq "corp-saml"                                 | true
            identityProviders eq "corp-oidc"                                 | false
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "research" | true
            not (userName eq "alice")                                        | false
            not (title pr) and (userName eq "bob" or active eq true)         | true
            nickName eq null                                                 | true
            userName eq null                                                 | false
            missing.deep eq "x"                                              | false
            missing ne "x"                                                   | true
            """)
    void filter_evaluatesAsRfc7644Says(String filter, boolean expected) throws Exception {
        JsonNode user = new ObjectMapper().readTree(USER);
        assertThat(FilterEvaluator.matches(FilterParser.parse(filter), user)).isEqualTo(expected);
    }
}
