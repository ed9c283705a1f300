package dev.switchboard.gateway.attempts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes a body fit for the attempt log: values of personal or secret attributes become
 * {@code "***"}, the structure stays, and the result is cut to a bounded length. Free text (error
 * messages) has anything that looks like an email address masked.
 */
public final class ExcerptRedactor {

    static final int MAX_LENGTH = 2000;
    private static final String MASK = "***";
    private static final Set<String> SENSITIVE = Set.of(
            "username", "emails", "email", "value", "name", "givenname", "familyname", "formatted", "middlename",
            "displayname", "nickname", "phonenumbers", "addresses", "password", "externalid", "title",
            "employeenumber", "manager", "photos", "ims", "x509certificates", "token", "secret", "authorization",
            "client_secret", "access_token");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

    private ExcerptRedactor() {
    }

    public static String redact(JsonNode body) {
        return cut(mask(body.deepCopy()).toString());
    }

    public static String redactText(String text) {
        return cut(EMAIL.matcher(text).replaceAll(MASK));
    }

    private static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (SENSITIVE.contains(field.getKey().toLowerCase(Locale.ROOT)) || looksLikeEmail(field.getValue())) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    mask(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (looksLikeEmail(array.get(i))) {
                    array.set(i, TextNode.valueOf(MASK));
                } else {
                    mask(array.get(i));
                }
            }
        }
        return node;
    }

    private static boolean looksLikeEmail(JsonNode node) {
        // the pattern needs an '@': most values have none, and a search for a char costs far less than the regex
        return node.isTextual() && node.asText().indexOf('@') >= 0 && EMAIL.matcher(node.asText()).find();
    }

    private static String cut(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "…";
    }
}
