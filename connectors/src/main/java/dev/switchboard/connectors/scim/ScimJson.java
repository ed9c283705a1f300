package dev.switchboard.connectors.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Reading and writing SCIM JSON, with the response checks that make a reply trustworthy. */
final class ScimJson {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final List<String> acceptedMediaTypes;
    private final ErrorClassifier classifier;

    ScimJson(List<String> acceptedMediaTypes, ErrorClassifier classifier) {
        this.acceptedMediaTypes = acceptedMediaTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree could not be written", e);
        }
    }

    /** The body as a JSON object, after checking media type and syntax. */
    ObjectNode object(ScimResponse response) {
        String mediaType = response.headers().firstValue("Content-Type")
                .map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        if (!acceptedMediaTypes.contains(mediaType)) {
            throw classifier.protocolError(response.method(), response.path(), response.status(),
                    "unexpected content type '" + mediaType + "'");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw classifier.protocolError(response.method(), response.path(), response.status(), "body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw classifier.protocolError(response.method(), response.path(), response.status(), "body is not a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The body as a resource, which must carry an {@code id}. */
    ScimResource resource(ScimResponse response) {
        return resource(response, object(response), response.headers().firstValue("ETag"));
    }

    ScimResource resource(ScimResponse response, ObjectNode body, Optional<String> etagHeader) {
        JsonNode id = body.path("id");
        if (!id.isTextual() || id.asText().isBlank()) {
            throw classifier.protocolError(response.method(), response.path(), response.status(), "resource has no id");
        }
        JsonNode metaVersion = body.path("meta").path("version");
        // meta.version first: it is the SCIM-level version, whereas an ETag header may be a web framework's
        // body hash that the provider never checks (SCIMMY on express does exactly that).
        Optional<String> version = (metaVersion.isTextual() && !metaVersion.asText().isBlank()
                ? Optional.of(metaVersion.asText()) : Optional.<String>empty())
                .or(() -> etagHeader.filter(v -> !v.isBlank()));
        return new ScimResource(id.asText(), version, body);
    }

    /** A ListResponse page; each listed resource must carry an {@code id}. */
    ListPage listPage(ScimResponse response, int requestedStartIndex) {
        ObjectNode body = object(response);
        JsonNode total = body.path("totalResults");
        if (!total.canConvertToInt()) {
            throw classifier.protocolError(response.method(), response.path(), response.status(),
                    "list response has no totalResults");
        }
        JsonNode items = body.path("Resources");
        if (!items.isMissingNode() && !items.isNull() && !items.isArray()) {
            throw classifier.protocolError(response.method(), response.path(), response.status(),
                    "Resources is not an array");
        }
        List<ScimResource> resources = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw classifier.protocolError(response.method(), response.path(), response.status(),
                        "Resources holds a non-object");
            }
            resources.add(resource(response, (ObjectNode) item, Optional.empty()));
        }
        int startIndex = body.path("startIndex").canConvertToInt() ? body.path("startIndex").asInt() : requestedStartIndex;
        int itemsPerPage = body.path("itemsPerPage").canConvertToInt() ? body.path("itemsPerPage").asInt() : resources.size();
        return new ListPage(total.asInt(), startIndex, itemsPerPage, List.copyOf(resources));
    }
}
