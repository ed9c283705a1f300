package dev.switchboard.gateway.targets.scope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.subject.UserSnapshot;
import dev.switchboard.gateway.targets.AttributeMapping;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON a scope filter sees: the target's own SCIM rendering of the user (so a filter speaks the
 * app's language), plus {@code groups} ({@code value} = group path, {@code display} = name),
 * {@code identityProviders} (IdP aliases) and {@code attributes.<name>} (Keycloak attributes, all values).
 */
public final class ScopeView {

    private ScopeView() {
    }

    public static ObjectNode of(UserSnapshot user, AttributeMapping mapping) {
        ObjectNode view = mapping.user(user).deepCopy();
        ArrayNode groups = view.putArray("groups");
        for (UserSnapshot.GroupRef group : nullSafe(user.groups())) {
            ObjectNode g = groups.addObject();
            g.put("value", group.path());
            g.put("display", group.name());
        }
        ArrayNode idps = view.putArray("identityProviders");
        nullSafe(user.federatedIdentities()).forEach(link -> idps.add(link.identityProvider()));
        ObjectNode attributes = view.putObject("attributes");
        Map<String, List<String>> sorted = new TreeMap<>(user.attributes() == null ? Map.of() : user.attributes());
        sorted.forEach((name, values) -> {
            ArrayNode array = attributes.putArray(name);
            nullSafe(values).forEach(array::add);
        });
        return view;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
